/**
 * CI output formats, each checked against what reads it: SARIF by Microsoft's
 * SARIF Multitool (shipped as a binary in its npm package) and by the SARIF
 * 2.1.0 schema that package ships (the npm build of the Multitool 5.7.0 loads
 * none of its validation rules on Linux, so `validate` checks JSON syntax
 * only; the schema does the rest), JUnit by an XML parser, GitHub workflow commands and GitLab Code
 * Quality reports against their documented shapes (docs/ci-formats.md).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import sax from 'sax';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeward, removeWorkspaces, workspace, type JsonFinding } from './helpers';

afterAll(removeWorkspaces);

const root = path.resolve(__dirname, '../..');
const TRICKY = `apiVersion: v1
kind: Pod
metadata:
  name: "a,b:c%d <&> 'q'"
spec:
  containers:
    - name: "web:1,2%"
      image: nginx:1.27
      securityContext:
        privileged: true
`;

let dir: string;
let findings: JsonFinding[];
beforeAll(() => {
  dir = workspace({});
  fs.cpSync(path.join(root, 'examples', 'insecure'), path.join(dir, 'manifests'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifests', 'tricky.yaml'), TRICKY);
  fs.writeFileSync(
    path.join(dir, 'manifests', 'clean.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  a: b\n',
  );
  findings = (JSON.parse(kubeward(['scan', 'manifests', '--format', 'json', '--fail-on', 'none'], { cwd: dir }).stdout) as { findings: JsonFinding[] })
    .findings;
  expect(findings.length).toBeGreaterThan(15);
});

describe('--format sarif', () => {
  const tool = path.join(root, 'node_modules', '@microsoft', 'sarif-multitool-linux');
  const multitool = path.join(tool, 'Sarif.Multitool');
  // The SARIF 2.1.0 schema the Multitool ships and validates with (JSON Schema 2020-12).
  const schema = JSON.parse(fs.readFileSync(path.join(tool, 'sarif-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const schemaValid = ajv.compile(schema);

  /** The Multitool's own SARIF log: one result per problem it found in `files`. */
  function multitoolResults(
    files: string[],
  ): Array<{ ruleId: string; level: string; locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> {
    expect(fs.existsSync(multitool), 'npm ci installs @microsoft/sarif-multitool-linux (an optional dependency of @microsoft/sarif-multitool)').toBe(true);
    // npm does not run the package's chmod postinstall when install scripts are off.
    if (!(fs.statSync(multitool).mode & 0o100)) fs.chmodSync(multitool, 0o755);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-sarif-')), 'validation.sarif');
    const run = spawnSync(multitool, ['validate', ...files, '--output', out, '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      timeout: 120_000,
    });
    expect(fs.existsSync(out), `${run.stdout}\n${run.stderr}`).toBe(true);
    return JSON.parse(fs.readFileSync(out, 'utf8')).runs[0].results;
  }

  it('passes the SARIF Multitool and its schema, with and without a baseline; broken logs do not', () => {
    const plain = path.join(dir, 'plain.sarif');
    fs.writeFileSync(plain, kubeward(['scan', 'manifests', '--format', 'sarif', '--fail-on', 'none'], { cwd: dir }).stdout);
    kubeward(['scan', 'manifests', '--write-baseline', 'base.json'], { cwd: dir });
    const work = path.join(dir, 'changed');
    fs.cpSync(path.join(dir, 'manifests'), work, { recursive: true });
    fs.writeFileSync(
      path.join(work, 'tricky.yaml'),
      TRICKY.replace('privileged: true', 'privileged: true\n      ports: [{ containerPort: 22, hostPort: 22 }]'),
    );
    fs.rmSync(path.join(work, 'rbac.yaml'));
    const compared = path.join(dir, 'baseline.sarif');
    const sarifText = kubeward(['scan', 'changed', '--baseline', 'base.json', '--format', 'sarif', '--fail-on', 'none'], { cwd: dir }).stdout;
    fs.writeFileSync(compared, sarifText);
    const states = new Set(JSON.parse(sarifText).runs[0].results.map((r: { baselineState: string }) => r.baselineState));
    expect(states).toEqual(new Set(['new', 'unchanged', 'absent']));
    const truncated = path.join(dir, 'truncated.sarif');
    fs.writeFileSync(truncated, sarifText.slice(0, 2000));

    const results = multitoolResults([plain, compared, truncated]);
    const errorsIn = (file: string) =>
      results.filter((r) => r.level === 'error' && r.locations?.some((l) => l.physicalLocation.artifactLocation.uri.endsWith(file)));
    expect(errorsIn('plain.sarif')).toEqual([]);
    expect(errorsIn('baseline.sarif')).toEqual([]);
    expect(errorsIn('truncated.sarif').map((r) => r.ruleId)).toEqual(['JSON0001']);

    for (const text of [fs.readFileSync(plain, 'utf8'), sarifText]) {
      const valid = schemaValid(JSON.parse(text));
      expect(schemaValid.errors ?? [], JSON.stringify(schemaValid.errors?.slice(0, 3), null, 2)).toEqual([]);
      expect(valid).toBe(true);
    }
    const broken = JSON.parse(sarifText);
    broken.runs[0].results[0].baselineState = 'gone';
    broken.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    broken.runs[0].results[2].partialFingerprints = { 'kubeward/v1': 7 };
    expect(schemaValid(broken)).toBe(false);
    expect(new Set(schemaValid.errors!.map((e) => e.instancePath.replace(/^\/runs\/0\/results\/(\d).*/, '$1')))).toEqual(new Set(['0', '1', '2']));
  }, 180_000);
});

describe('--format junit', () => {
  interface Element {
    name: string;
    attributes: Record<string, string>;
    children: Element[];
    text: string;
  }
  /** Parses with sax in strict mode (it throws on malformed XML). */
  function parseXml(xml: string): Element {
    const parser = sax.parser(true, {});
    const stack: Element[] = [];
    let rootElement: Element | undefined;
    parser.onerror = (e) => {
      throw e;
    };
    parser.onopentag = (node) => {
      const el: Element = { name: node.name, attributes: node.attributes as Record<string, string>, children: [], text: '' };
      stack.at(-1)?.children.push(el);
      rootElement ??= el;
      stack.push(el);
    };
    parser.ontext = (t) => {
      if (stack.length) stack.at(-1)!.text += t;
    };
    parser.onclosetag = () => void stack.pop();
    parser.write(xml).close();
    return rootElement!;
  }

  it('is well-formed JUnit XML with one failed test case per finding', () => {
    const run = kubeward(['scan', 'manifests', '--format', 'junit', '--fail-on', 'none'], { cwd: dir });
    expect(run.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const doc = parseXml(run.stdout);
    expect(doc.name).toBe('testsuites');
    const suites = doc.children;
    expect(suites.every((s) => s.name === 'testsuite')).toBe(true);
    const failures = suites.flatMap((s) =>
      s.children
        .filter((c) => c.name === 'testcase')
        .flatMap((c) => c.children.filter((f) => f.name === 'failure').map((f) => ({ suite: s, testcase: c, failure: f }))),
    );
    expect(failures.length).toBe(findings.length);
    expect(Number(doc.attributes.failures)).toBe(findings.length);
    for (const s of suites) expect(Number(s.attributes.failures)).toBe(s.children.filter((c) => c.children.some((f) => f.name === 'failure')).length);
    expect(failures.map((f) => `${f.testcase.attributes.file}:${f.testcase.attributes.line} ${f.failure.attributes.type}`)).toEqual(
      findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`),
    );
    // Escaped characters come back as written.
    const tricky = failures.find((f) => f.suite.attributes.name === 'manifests/tricky.yaml' && f.failure.attributes.type === 'pod-privileged')!;
    expect(tricky.failure.text).toContain(findings.find((f) => f.file === 'manifests/tricky.yaml' && f.ruleId === 'pod-privileged')!.message);
    // A clean file is a passed test.
    const clean = suites.find((s) => s.attributes.name === 'manifests/clean.yaml')!;
    expect(clean.attributes).toMatchObject({ tests: '1', failures: '0' });
  });
});

describe('--format github', () => {
  // ::<error|warning|notice> file=…,line=…,col=…,endColumn=…|endLine=…,title=…::<message>
  const COMMAND = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$/;
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

  it('prints one workflow command per finding, escaped as GitHub documents', () => {
    const run = kubeward(['scan', 'manifests', '--format', 'github', '--fail-on', 'none'], { cwd: dir });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(findings.length);
    const level = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as Record<string, string>;
    lines.forEach((line, i) => {
      const m = COMMAND.exec(line);
      expect(m, line).not.toBeNull();
      const props = Object.fromEntries(m![2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))]));
      const f = findings[i]!;
      expect(m![1]).toBe(level[f.severity]);
      expect(props.file).toBe(f.file); // relative to the working folder (the repository root, where the workflow runs), as JSON says
      expect(Number(props.line)).toBe(f.line);
      expect(Number(props.col)).toBe(f.column);
      expect(props.title!.startsWith(`${f.ruleId}: `)).toBe(true);
      expect(m![3]!.replace(/%25/g, '%')).toBe(f.message.replace(/\n/g, '%0A'));
    });
    // Messages with `%`, `,` and `:` in names survive escaping.
    expect(lines.some((l) => l.includes('Container "web:1,2%25"'))).toBe(true);
  });

  it('fails the step on an error finding, like the other formats', () => {
    expect(kubeward(['scan', 'manifests', '--format', 'github'], { cwd: dir }).code).toBe(1);
  });
});

describe('--format gitlab', () => {
  it('is a Code Quality report: an array of issues with the documented fields', () => {
    const run = kubeward(['scan', 'manifests', '--format', 'gitlab', '--fail-on', 'none'], { cwd: dir });
    const issues = JSON.parse(run.stdout) as Array<Record<string, unknown> & { location: { path: string; lines: { begin: number } } }>;
    expect(Array.isArray(issues)).toBe(true);
    expect(issues.length).toBe(findings.length);
    issues.forEach((issue, i) => {
      const f = findings[i]!;
      expect(typeof issue.description).toBe('string');
      expect(issue.description).toBe(f.message);
      expect(issue.check_name).toBe(f.ruleId);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{28}(-\d+)?$/);
      expect(issue.location.path).toBe(f.file);
      expect(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin).toBe(f.line);
    });
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.find((i) => i.check_name === 'pod-privileged')!.severity).toBe('critical');
  });

  it('is an empty array when nothing is found', () => {
    const clean = workspace({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n' });
    expect(JSON.parse(kubeward(['scan', '.', '--format', 'gitlab'], { cwd: clean }).stdout)).toEqual([]);
  });
});

describe('the documented GitHub Actions workflow', () => {
  it('uploads SARIF, and its kubeward commands run as written', async () => {
    const { parse } = await import('yaml');
    const workflow = parse(fs.readFileSync(path.join(root, 'docs', 'examples', 'github-workflow.yml'), 'utf8'));
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = workflow.jobs.scan.steps as Array<{ uses?: string; run?: string; with?: Record<string, string> }>;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe('kubeward.sarif');
    const commands = steps.flatMap((s) => (s.run ?? '').split('\n')).filter((l) => l.startsWith('kubeward scan'));
    expect(commands).toHaveLength(2);
    const repo = workspace({});
    fs.cpSync(path.join(dir, 'manifests'), path.join(repo, 'manifests'), { recursive: true });
    for (const command of commands) {
      const [args, redirect] = command.replace(/^kubeward /, '').split(' > ');
      const run = kubeward(args!.split(' '), { cwd: repo });
      expect(run.stderr).toBe('');
      if (redirect === 'kubeward.sarif') expect(JSON.parse(run.stdout).runs[0].results.length).toBe(findings.length);
      else expect(run.stdout.split('\n')[0]).toMatch(/^::(error|warning|notice) file=manifests\//);
    }
  });
});
