/**
 * What the server does for speed changes nothing it reports: a large file's
 * first analysis shared with the helper thread gives the diagnostics of a
 * one-thread analysis. (The benchmark, `npm run bench`, measures the speed.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileAnalyzer, resolveConfig, RULES, WorkspaceObjects, type AnalyzeOptions } from '../../shared-rules/src/index';
import { setDocsLink, toDiagnostics } from '../../server/src/diagnostics';
import { AnalysisHelper, PARALLEL_MIN_CHARS } from '../../server/src/parallel';
import { ROOT, SERVER, TestClient, tempDir, uriOf } from './harness';

/** Real manifests, about 400 KB: above the size at which the helper thread takes part. */
function corpusText(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) out.push(fs.readFileSync(full, 'utf8').replace(/^\uFEFF/, ''));
    }
  };
  walk(path.join(__dirname, '..', 'corpus'));
  const text = out.slice(0, 900).join('\n---\n');
  expect(text.length).toBeGreaterThan(PARALLEL_MIN_CHARS);
  return text;
}

describe('the helper thread', () => {
  const text = corpusText();
  const config = resolveConfig();
  const options: AnalyzeOptions = { rules: RULES, config, file: 'big.yaml' };
  let helper: AnalysisHelper | undefined;
  afterEach(() => helper?.dispose());

  it('analyses the documents it claims, and the main thread joins them into the one-thread result', async () => {
    const logs: string[] = [];
    helper = new AnalysisHelper(SERVER, (m) => logs.push(m));
    const expected = new FileAnalyzer().analyze(text, options);
    const job = helper.start(text, { config, file: 'big.yaml', partial: false })!;
    // Let the helper take every document before the main thread starts: the outcome must not depend on who takes what.
    const cached = await job.done;
    expect(cached?.entries.length).toBeGreaterThan(expected.documentCount / 2);
    const main = new FileAnalyzer();
    expect(main.analyze(text, { ...options, claim: job.claim }).parsedDocuments).toBe(0);
    main.importCache(cached!);
    const joined = main.analyze(text, options);
    expect(joined.parsedDocuments).toBe(0);
    expect(joined.findings).toEqual(expected.findings);
    expect(joined.summaries).toEqual(expected.summaries);
    expect(logs).toEqual([]);
  });

  it('stops when cancelled, and leaves small texts to the main thread', async () => {
    helper = new AnalysisHelper(SERVER, () => undefined);
    expect(helper.start('kind: ConfigMap\n', { config, file: 'small.yaml', partial: false })).toBeUndefined();
    const job = helper.start(text, { config, file: 'big.yaml', partial: false })!;
    job.cancel();
    expect(await job.done).toBeUndefined();
  });
});

describe('opening a large file', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('publishes what a one-thread analysis finds', async () => {
    const text = corpusText();
    const folder = tempDir();
    const uri = uriOf(path.join(folder, 'big.yaml'));
    client = await TestClient.start();
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri, 1);

    const index = new WorkspaceObjects(false);
    const result = new FileAnalyzer().analyze(text, {
      rules: RULES,
      config: resolveConfig(),
      file: uri,
      workspace: (summaries) => (index.setFile(uri, summaries), index),
    });
    expect(result.findings.length).toBeGreaterThan(100);
    // The server links each rule to the page it ships.
    setDocsLink((id) => uriOf(path.join(ROOT, 'docs', 'rules', `${id}.md`)));
    expect(published.diagnostics).toEqual(toDiagnostics(result.findings, result.lines));
  });
});
