/**
 * The public corpus, scanned per project folder as a repository would be:
 * every fix of this area's rules parses and removes its finding after both
 * passes run again. (What the peers' own tests expect of their fixtures, the
 * cross-document checks included, is test/peers/peer-agreement.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyEdits, FileAnalyzer, resolveConfig, RULES, WorkspaceObjects } from '../../shared-rules/src/index';

const CORPUS = path.resolve(__dirname, '..', 'corpus');

const AREA = new Set([
  'service-loadbalancer-unrestricted',
  'service-source-ranges-open',
  'service-nodeport',
  'service-external-ips',
  'service-sensitive-port-exposed',
  'workload-not-isolated',
  'namespace-no-default-deny',
  'networkpolicy-dangling',
  'ingress-dangling-backend',
  'gateway-http-only-listener',
  'gateway-https-listener-no-cert',
  'httproute-missing-https-redirect',
  'httproute-redirect-with-backendrefs',
  'gateway-allowedroutes-all-namespaces',
  'gateway-cross-namespace-ref-without-referencegrant',
  'gateway-passthrough-no-l7-policy',
  'backend-tls-missing',
  'removed-api-version',
  'ingressclass-removed-api-version',
  'tiller-deployed',
  'dashboard-deployed',
  'default-namespace',
]);

function manifests(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...manifests(p));
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out;
}

const parses = (text: string) => parseAllDocuments(text, { version: '1.1' }).every((d) => d.errors.length === 0);

/** The area's opt-in rules, turned on (default-namespace stays off: its 1,100 one-line placeholder fixes would only slow this down). */
const AREA_ON = {
  rules: {
    'networkpolicy-dangling': 'on',
    'namespace-no-default-deny': 'on',
    'workload-not-isolated': 'on',
    'ingress-dangling-backend': 'on',
    'gateway-cross-namespace-ref-without-referencegrant': 'on',
    'gateway-passthrough-no-l7-policy': 'on',
    'backend-tls-missing': 'on',
  },
} as const;

describe('corpus', () => {
  it('every fix of the area parses and removes its finding (both passes, per project folder)', () => {
    const config = resolveConfig(AREA_ON);
    let checked = 0;
    const problems: string[] = [];
    for (const project of fs.readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const files = manifests(path.join(CORPUS, project.name));
      const index = new WorkspaceObjects(true);
      const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
      for (const f of files) index.setFile(f, new FileAnalyzer().analyze(texts.get(f)!, { rules: RULES, config, file: f }).summaries);
      for (const f of files) {
        const text = texts.get(f)!;
        if (text.includes('{{') || !parses(text)) continue;
        const found = new FileAnalyzer()
          .analyze(text, { rules: RULES, config, file: f, workspace: index, withFixes: true })
          .findings.filter((x) => AREA.has(x.ruleId));
        for (const finding of found) {
          for (const fix of finding.fixes ?? []) {
            checked++;
            const out = applyEdits(text, fix.edits);
            if (!parses(out)) problems.push(`${f} ${finding.ruleId} "${fix.title}": does not parse`);
            const saved = [...index.objects()].filter((o) => o.file === f);
            index.setFile(f, new FileAnalyzer().analyze(out, { rules: RULES, config, file: f }).summaries);
            const after = new FileAnalyzer()
              .analyze(out, { rules: RULES, config, file: f, workspace: index })
              .findings.filter((x) => x.ruleId === finding.ruleId).length;
            index.setFile(f, saved);
            if (after >= found.filter((x) => x.ruleId === finding.ruleId).length) problems.push(`${f} ${finding.ruleId} "${fix.title}": the finding stays`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
