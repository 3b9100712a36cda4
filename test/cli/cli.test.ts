/**
 * `kubeward scan`, as a CI runs it: the built CLI in a child process.
 * docs/requirements.md (CLI) is the contract.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { RULES, VERSION } from '../../shared-rules/src/index';
import { CLEAN_POD, CLI, kubeward, POD, removeWorkspaces, workspace, type JsonFinding } from './helpers';

afterAll(removeWorkspaces);

const json = (stdout: string) => JSON.parse(stdout) as { version: string; findings: JsonFinding[] };

/** One line on stderr, starting with "kubeward:", and no stack trace. */
function expectCleanError(run: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  // One line; a usage error may add where to find the usage.
  const lines = run.stderr
    .trimEnd()
    .split('\n')
    .filter((l) => l !== 'Run `kubeward --help` for usage.');
  expect(lines.length, run.stderr).toBe(1);
  expect(lines[0]).toMatch(/^kubeward: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).toBe('');
}

describe('JSON output', () => {
  it('is exactly {version, findings: [{file, line, column, endLine, endColumn, ruleId, severity, message}]} with 1-based positions', () => {
    const dir = workspace({ 'pod.yaml': POD });
    const run = kubeward(['scan', 'pod.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const out = json(run.stdout);
    expect(Object.keys(out)).toEqual(['version', 'findings']);
    expect(out.version).toBe(VERSION);
    expect(out.findings).toEqual([
      {
        file: 'pod.yaml',
        line: 10,
        column: 21,
        endLine: 10,
        endColumn: 25,
        ruleId: 'pod-privileged',
        severity: 'error',
        message: expect.stringContaining('Container "web" runs privileged'),
      },
    ]);
    expect(Object.keys(out.findings[0]!)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity', 'message']);
  });

  it('names files relative to the working folder in every format, absolute outside it', () => {
    const dir = workspace({ 'a/mysql/pod.yaml': POD, 'a/wordpress/mysql/pod.yaml': POD, 'a/deep/er/pod.yml': POD, 'b.yaml': POD });
    const run = kubeward(['scan', 'a/mysql', 'a/wordpress/mysql', 'a/deep', './b.yaml', '--format', 'json'], { cwd: dir });
    const expected = ['a/mysql/pod.yaml', 'a/wordpress/mysql/pod.yaml', 'a/deep/er/pod.yml', 'b.yaml'];
    expect(json(run.stdout).findings.map((f) => f.file)).toEqual(expected);
    const text = kubeward(['scan', 'a/mysql', 'a/wordpress/mysql', 'a/deep', './b.yaml', '--no-color'], { cwd: dir }).stdout;
    expect(text.split('\n').filter((l) => /^\S+\.ya?ml$/.test(l))).toEqual(expected);
    const sarif = JSON.parse(kubeward(['scan', 'a/mysql', 'a/wordpress/mysql', 'a/deep', './b.yaml', '--format', 'sarif'], { cwd: dir }).stdout);
    expect(
      sarif.runs[0].results.map(
        (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri,
      ),
    ).toEqual(expected);
    // From a sub-folder, a file outside the working folder is named by its absolute path.
    const abs = path.join(dir, 'b.yaml');
    expect(json(kubeward(['scan', abs, '--format', 'json'], { cwd: path.join(dir, 'a') }).stdout).findings[0]!.file).toBe(abs);
    expect(json(kubeward(['scan', '../b.yaml', '--format', 'json'], { cwd: path.join(dir, 'a') }).stdout).findings[0]!.file).toBe(abs);
  });

  it('counts columns in UTF-16 code units, the BOM not counted, CRLF as one break', () => {
    const text =
      `\uFEFF${POD.replace('name: web\nspec', 'name: web\n  annotations: {note: "🚀"}\nspec').replace('securityContext:\n        privileged: true', 'securityContext: {note: "日本🚀", privileged: true}')}`.replace(
        /\n/g,
        '\r\n',
      );
    const dir = workspace({ 'pod.yaml': text });
    const f = json(kubeward(['scan', 'pod.yaml', '--format', 'json'], { cwd: dir }).stdout).findings[0]!;
    const line = text.slice(1).split('\r\n')[f.line - 1]!;
    expect(line.slice(f.column - 1, f.endColumn - 1)).toBe('true');
    expect(f.line).toBe(10);
  });

  it('prints valid JSON with no findings too', () => {
    const dir = workspace({ 'pod.yaml': CLEAN_POD });
    const run = kubeward(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toEqual({ version: VERSION, findings: [] });
  });
});

describe('SARIF output', () => {
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The schema's language pattern is not valid as a `u` regular expression.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('validates against the official SARIF 2.1.0 schema, with rule metadata and help', () => {
    const dir = workspace({ 'k8s/pod.yaml': POD, 'k8s/broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n', '.kubeward.yaml': 'profle: x\n' });
    const run = kubeward(['scan', 'k8s', '--format', 'sarif'], { cwd: dir });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    const valid = validate(log);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('kubeward');
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual([...RULES].map((r) => r.meta.id).sort());
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(5);
      expect(rule.help.text.length).toBeGreaterThan(10);
      expect(rule.helpUri).toMatch(/^https:\/\//);
    }
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['config-invalid', 'pod-privileged', 'yaml-syntax']);
  });

  it('locations resolve to the scanned files from %SRCROOT%', () => {
    const dir = workspace({ 'k8s/app/pod.yaml': POD });
    const log = JSON.parse(kubeward(['scan', 'k8s', '--format', 'sarif'], { cwd: dir }).stdout);
    const base = new URL(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri);
    for (const result of log.runs[0].results) {
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      const file = new URL(location.artifactLocation.uri, base);
      expect(fs.existsSync(file), file.href).toBe(true);
      const text = fs.readFileSync(file, 'utf8').split('\n')[location.region.startLine - 1]!;
      expect(text.slice(location.region.startColumn - 1, location.region.endColumn - 1)).toBe('true');
    }
  });

  it('a file outside the working folder gets an absolute file URI', () => {
    const dir = workspace({ 'pod.yaml': POD, 'sub/.keep': '' });
    const log = JSON.parse(kubeward(['scan', '../pod.yaml', '--format', 'sarif'], { cwd: path.join(dir, 'sub') }).stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const artifact = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(artifact.uriBaseId).toBeUndefined();
    expect(fs.realpathSync(new URL(artifact.uri))).toBe(fs.realpathSync(path.join(dir, 'pod.yaml')));
  });

  it('validates with no findings, and for standard input', () => {
    const empty = JSON.parse(kubeward(['scan', '-', '--format', 'sarif'], { input: CLEAN_POD }).stdout);
    expect(validate(empty), JSON.stringify(validate.errors)).toBe(true);
    expect(empty.runs[0].results).toEqual([]);
    const stdin = JSON.parse(kubeward(['scan', '-', '--format', 'sarif'], { input: POD }).stdout);
    expect(validate(stdin), JSON.stringify(validate.errors)).toBe(true);
    expect(stdin.runs[0].results.length).toBe(1);
  });
});

describe('text output', () => {
  it('shows each finding with a code frame, and no ANSI codes when not a TTY', () => {
    const dir = workspace({ 'pod.yaml': POD });
    const run = kubeward(['scan', 'pod.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('pod.yaml');
    expect(lines[1]).toMatch(/^ {2}10:21 +error +Container "web" runs privileged.*pod-privileged$/);
    expect(lines.slice(2, 6)).toEqual([
      '       9 |       securityContext:',
      '    > 10 |         privileged: true',
      '         |                     ^^^^',
      '      11 | ',
    ]);
    expect(run.stdout).toMatch(/✖ 1 finding \(1 error\) in 1 file\./);
  });

  it('colours with --color, and NO_COLOR or --no-color turn it off', () => {
    const dir = workspace({ 'pod.yaml': POD });
    expect(kubeward(['scan', 'pod.yaml', '--color'], { cwd: dir }).stdout).toMatch(/\u001b\[31m/);
    expect(kubeward(['scan', 'pod.yaml', '--no-color'], { cwd: dir }).stdout).not.toMatch(/\u001b\[/);
  });

  it('says how many findings --fix can fix safely', () => {
    const dir = workspace({ 'pod.yaml': POD.replace('    - name: web', '    # kubeward-disable-next-line ingress-tls-missing\n    - name: web') });
    const run = kubeward(['scan', 'pod.yaml'], { cwd: dir });
    expect(run.stdout).toMatch(/✖ 2 findings \(1 error, 1 hint\) in 1 file\.\n {2}1 can be fixed safely with `kubeward scan --fix`\.\n$/);
  });

  it('says so when nothing is found', () => {
    const dir = workspace({ 'a.yaml': CLEAN_POD, 'b.yaml': 'x: 1\n' });
    const run = kubeward(['scan', '.'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('✔ No findings in 2 files.\n');
  });
});

describe('--fail-on and exit codes', () => {
  const files = {
    'error.yaml': POD,
    'warning.yaml': CLEAN_POD.replace('  name: web\n', '  name: web\n  name: web\n'),
    'info.yaml': `${CLEAN_POD}${'#'.repeat(200)}\n`,
    'hint.yaml': CLEAN_POD.replace('    - name: web', '    # kubeward-disable-next-line pod-privileged\n    - name: web'),
    'clean.yaml': CLEAN_POD,
  };
  const dir = workspace({ ...files, '.kubeward.yaml': 'maxFileSize: 300\n' });

  it('each fixture gives the severity it is named after', () => {
    for (const name of Object.keys(files)) {
      const findings = json(kubeward(['scan', name, '--format', 'json', '--fail-on', 'none'], { cwd: dir }).stdout).findings;
      if (name === 'clean.yaml') expect(findings).toEqual([]);
      else
        expect(
          findings.map((f) => f.severity),
          name,
        ).toEqual([name.split('.')[0]]);
    }
  });

  it.each([
    ['error', { error: 1, warning: 0, info: 0, hint: 0, clean: 0 }],
    ['warning', { error: 1, warning: 1, info: 0, hint: 0, clean: 0 }],
    ['info', { error: 1, warning: 1, info: 1, hint: 0, clean: 0 }],
    ['none', { error: 0, warning: 0, info: 0, hint: 0, clean: 0 }],
  ])('--fail-on %s', (failOn, expected) => {
    for (const [name, code] of Object.entries(expected)) {
      expect(kubeward(['scan', `${name}.yaml`, '--fail-on', failOn], { cwd: dir }).code, `${name} with --fail-on ${failOn}`).toBe(code);
    }
  });

  it('defaults to error', () => {
    expect(kubeward(['scan', 'warning.yaml'], { cwd: dir }).code).toBe(0);
    expect(kubeward(['scan', 'error.yaml'], { cwd: dir }).code).toBe(1);
  });

  it('usage errors exit 2 with one line', () => {
    expectCleanError(kubeward(['scan', '.', '--fail-on', 'sometimes'], { cwd: dir }), /--fail-on must be/);
    expectCleanError(kubeward(['scan', '.', '--format', 'xml'], { cwd: dir }), /--format must be/);
    expectCleanError(kubeward(['scan', '--bogus'], { cwd: dir }), /unknown option --bogus/);
    expectCleanError(kubeward(['lint', '.'], { cwd: dir }), /unknown command "lint"/);
    expectCleanError(kubeward(['scan', '--config'], { cwd: dir }), /--config needs a value/);
  });

  it('--help and --version exit 0; no command shows the help and exits 2', () => {
    expect(kubeward(['--help']).code).toBe(0);
    expect(kubeward(['--version']).stdout).toBe(`${VERSION}\n`);
    const bare = kubeward([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/Usage:/);
  });
});

describe('I/O errors: one line, exit 2, never a stack trace', () => {
  it('a path that does not exist', () => {
    const dir = workspace({ 'pod.yaml': POD });
    expectCleanError(kubeward(['scan', 'nope.yaml'], { cwd: dir }), /no such file or directory: nope\.yaml/);
    expectCleanError(kubeward(['scan', 'missing-dir/'], { cwd: dir }), /no such file or directory: missing-dir/);
    expectCleanError(kubeward(['scan', 'pod.yaml', 'nope.yaml'], { cwd: dir }), /nope\.yaml/);
  });

  it('a broken symlink, named or found in a folder', () => {
    const dir = workspace({ 'k8s/pod.yaml': POD, 'k8s/gone.yaml': { link: 'nowhere.yaml' } });
    expectCleanError(kubeward(['scan', 'k8s/gone.yaml'], { cwd: dir }), /gone\.yaml/);
    expectCleanError(kubeward(['scan', 'k8s'], { cwd: dir }), /gone\.yaml.*broken symbolic link/);
  });

  it('a symlink loop', () => {
    const dir = workspace({ 'loop.yaml': { link: 'loop.yaml' } });
    expectCleanError(kubeward(['scan', 'loop.yaml'], { cwd: dir }), /loop\.yaml/);
  });

  it('a glob that matches nothing', () => {
    const dir = workspace({ 'pod.yaml': POD });
    expectCleanError(kubeward(['scan', 'nothing/**/*.yaml'], { cwd: dir }), /no files match nothing\/\*\*\/\*\.yaml/);
  });

  it('a --config file that does not exist', () => {
    const dir = workspace({ 'pod.yaml': POD });
    expectCleanError(kubeward(['scan', 'pod.yaml', '--config', 'nope.yaml'], { cwd: dir }), /no such config file: nope\.yaml/);
  });

  it('a directory named like a manifest is scanned as a folder, never read as a file', () => {
    const dir = workspace({ 'x.yaml/pod.yaml': POD, 'y.yaml': { dir: true } });
    const run = kubeward(['scan', 'x.yaml', 'y.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(json(run.stdout).findings.map((f) => f.file)).toEqual(['x.yaml/pod.yaml']);
    expect(kubeward(['scan', '.', '--format', 'json'], { cwd: dir }).code).toBe(1);
  });
});

describe('folders, globs and standard input', () => {
  const dir = workspace({
    'k8s/app/pod.yaml': POD,
    'k8s/app/pod.json': JSON.stringify(parseAllDocuments(POD)[0]!.toJS()),
    'k8s/readme.md': POD,
    'k8s/node_modules/dep/pod.yaml': POD,
    'k8s/.git/pod.yaml': POD,
    'k8s/sub/node_modules.yaml': POD,
    'other/pod.yml': POD,
  });

  it('scans folders recursively, skipping node_modules and .git, reading .yaml, .yml and .json', () => {
    const files = json(kubeward(['scan', 'k8s', 'other', '--format', 'json'], { cwd: dir }).stdout).findings.map((f) => f.file);
    expect(files).toEqual(['k8s/app/pod.json', 'k8s/app/pod.yaml', 'k8s/sub/node_modules.yaml', 'other/pod.yml']);
  });

  it('scans the current folder by default', () => {
    const run = kubeward(['scan', '--format', 'json'], { cwd: path.join(dir, 'other') });
    expect(json(run.stdout).findings.map((f) => f.file)).toEqual(['pod.yml']);
  });

  it('expands quoted globs', () => {
    const files = (glob: string) => json(kubeward(['scan', glob, '--format', 'json'], { cwd: dir }).stdout).findings.map((f) => f.file);
    expect(files('k8s/**/*.yaml')).toEqual(['k8s/app/pod.yaml', 'k8s/sub/node_modules.yaml']);
    expect(files('**/*.yml')).toEqual(['other/pod.yml']);
    expect(files('k8s/*/pod.{json,yaml}')).toEqual(['k8s/app/pod.json', 'k8s/app/pod.yaml']);
  });

  it('scans a file named twice once', () => {
    expect(json(kubeward(['scan', 'other/pod.yml', './other/pod.yml', 'other', '--format', 'json'], { cwd: dir }).stdout).findings.length).toBe(1);
  });

  it('reads standard input for -', () => {
    const run = kubeward(['scan', '-', '--format', 'json'], { input: POD });
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings.map((f) => [f.file, f.line, f.column])).toEqual([['<stdin>', 10, 21]]);
  });

  it('honours ignore globs from .kubeward.yaml', () => {
    const d = workspace({ 'charts/a/tests/pod.yaml': POD, 'charts/a/pod.yaml': POD, '.kubeward.yaml': 'ignore: ["charts/*/tests/**"]\n' });
    expect(json(kubeward(['scan', '.', '--format', 'json'], { cwd: d }).stdout).findings.map((f) => f.file)).toEqual(['charts/a/pod.yaml']);
  });

  it('treats a file that a kustomization names as a patch as partial', () => {
    const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: a.example.com\n';
    const d = workspace({
      'overlay/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: ingress-patch.yaml\npatchesStrategicMerge:\n  - pod-patch.yaml\n',
      'overlay/ingress-patch.yaml': ingress,
      'overlay/pod-patch.yaml': POD,
      'base/ingress.yaml': ingress,
    });
    const findings = json(kubeward(['scan', '.', '--format', 'json'], { cwd: d }).stdout).findings.map((f) => `${f.file} ${f.ruleId}`);
    expect(findings).toEqual(['base/ingress.yaml ingress-tls-missing', 'overlay/pod-patch.yaml pod-privileged']);
  });
});

describe('--fix', () => {
  const unusedAndUnsafe = `# header\n${POD.replace('    - name: web', '    # kubeward-disable-next-line ingress-tls-missing -- not an ingress\n    - name: web')}`;

  it('applies safe fixes only, in place; unsafe ones stay reported', () => {
    const dir = workspace({ 'pod.yaml': unusedAndUnsafe });
    const run = kubeward(['scan', 'pod.yaml', '--fix', '--format', 'json'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8')).toBe(`# header\n${POD}`);
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings.map((f) => [f.ruleId, f.line])).toEqual([['pod-privileged', 11]]);
  });

  it('keeps a BOM and CRLF, and a second run changes nothing', () => {
    const text = `\uFEFF${unusedAndUnsafe}`.replace(/\n/g, '\r\n');
    const dir = workspace({ 'pod.yaml': text });
    kubeward(['scan', 'pod.yaml', '--fix'], { cwd: dir });
    const once = fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8');
    expect(once).toBe(`\uFEFF# header\n${POD}`.replace(/\n/g, '\r\n'));
    kubeward(['scan', 'pod.yaml', '--fix'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8')).toBe(once);
  });

  it('leaves files with nothing safe to fix untouched (bytes and mtime)', () => {
    const dir = workspace({ 'pod.yaml': POD, 'other.yaml': 'a: 1\n' });
    const before = fs.statSync(path.join(dir, 'pod.yaml')).mtimeMs;
    kubeward(['scan', '.', '--fix'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8')).toBe(POD);
    expect(fs.statSync(path.join(dir, 'pod.yaml')).mtimeMs).toBe(before);
  });

  it('never writes back a file that is not valid UTF-8', () => {
    const dir = workspace({});
    const file = path.join(dir, 'latin1.yaml');
    const bytes = Buffer.from(`# caf\u00e9\n${unusedAndUnsafe}`, 'latin1');
    fs.writeFileSync(file, bytes);
    const run = kubeward(['scan', 'latin1.yaml', '--fix', '--format', 'json'], { cwd: dir });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(json(run.stdout).findings.map((f) => f.ruleId)).toEqual(['unused-suppression', 'pod-privileged']);
  });

  it('on standard input writes the fixed text to stdout and the report to stderr', () => {
    const run = kubeward(['scan', '-', '--fix', '--format', 'json'], { input: unusedAndUnsafe });
    expect(run.stdout).toBe(`# header\n${POD}`);
    expect(json(run.stderr).findings.map((f) => f.ruleId)).toEqual(['pod-privileged']);
    expect(run.code).toBe(1);
  });

  it('on standard input with nothing to fix, writes the text unchanged to stdout', () => {
    for (const input of [POD, 'a: 1\n', '']) {
      const run = kubeward(['scan', '-', '--fix', '--format', 'json'], { input });
      expect(run.stdout).toBe(input);
      expect(() => json(run.stderr)).not.toThrow();
    }
  });
});

describe('--list-rules and --config', () => {
  it('lists every rule with its severity', () => {
    for (const args of [['--list-rules'], ['scan', '--list-rules']]) {
      const run = kubeward(args);
      expect(run.code).toBe(0);
      const ids = run.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]);
      expect(ids.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
      expect(run.stdout).toMatch(/^pod-privileged +error /m);
    }
  });

  it('a malformed --config is a finding in the config file, and the defaults apply', () => {
    const dir = workspace({ 'pod.yaml': POD, 'conf/kw.yaml': 'profile: strict\nrules:\n  pod-privileged: loud\n' });
    const run = kubeward(['scan', 'pod.yaml', '--config', 'conf/kw.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings.map((f) => [f.file, f.ruleId, f.line, f.column])).toEqual([
      ['conf/kw.yaml', 'config-invalid', 1, 10],
      ['conf/kw.yaml', 'config-invalid', 3, 19],
      ['pod.yaml', 'pod-privileged', 10, 21],
    ]);
  });

  it('a config that is not YAML at all still lets the scan run', () => {
    const dir = workspace({ 'pod.yaml': POD, '.kubeward.yaml': 'rules: [unclosed\n' });
    const findings = json(kubeward(['scan', '.', '--format', 'json'], { cwd: dir }).stdout).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['config-invalid', 'pod-privileged']);
  });

  it('the nearest .kubeward.yaml above the first path applies', () => {
    const dir = workspace({ 'repo/.kubeward.yaml': 'rules:\n  pod-privileged: warning\n', 'repo/k8s/pod.yaml': POD });
    const run = kubeward(['scan', 'repo/k8s', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(json(run.stdout).findings.map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('output to a reader that stops early', () => {
  it('exits quietly on EPIPE, with no stack trace', () => {
    const dir = workspace(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`pod-${i}.yaml`, POD])));
    const result = spawnSync('bash', ['-c', `node ${JSON.stringify(CLI)} scan . --format sarif | head -c 10 > /dev/null; echo "exit:\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(result.stderr).toMatch(/^exit:1\n$/);
  });
});

describe('cross-document rules on a single file, standard input and a folder', () => {
  const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com]
      secretName: web-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: storefront
                port:
                  number: 80
`;
  const opaqueSecret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: Opaque\ndata:\n  username: YWRtaW4=\n';
  const rbac = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: everything
  namespace: test
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: alice
  namespace: test
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: everything
subjects:
  - kind: User
    name: alice
    apiGroup: rbac.authorization.k8s.io
`;
  const one = `${ingress}---\n${opaqueSecret}---\n${rbac}`;
  const dir = workspace({
    '.kubeward.yaml': 'rules:\n  ingress-dangling-backend: warning\n',
    'single/one.yaml': one,
    'split/ingress.yaml': ingress,
    'split/secret.yaml': opaqueSecret,
  });
  const CROSS = new Set(RULES.filter((r) => r.checkWorkspace).map((r) => r.meta.id));
  const cross = (args: string[], input?: string) =>
    [
      ...new Set(
        json(kubeward([...args, '--format', 'json', '--fail-on', 'none'], { cwd: dir, input }).stdout)
          .findings.filter((f) => CROSS.has(f.ruleId))
          .map((f) => `${f.file} ${f.ruleId}`),
      ),
    ].sort();

  it('a single file is a complete set of its own documents: what one document says of another is checked', () => {
    // The Secret and the Role are in the file; whether the Service exists elsewhere only the folder can tell.
    expect(cross(['scan', 'single/one.yaml'])).toEqual(['single/one.yaml rbac-cluster-admin-binding', 'single/one.yaml tls-secret-malformed']);
  });

  it('standard input checks the same as that file', () => {
    expect(cross(['scan', '-'], one)).toEqual(['<stdin> rbac-cluster-admin-binding', '<stdin> tls-secret-malformed']);
  });

  it('a folder is the whole set: rules about what is missing from it decide too', () => {
    expect(cross(['scan', 'single'])).toEqual([
      'single/one.yaml ingress-dangling-backend',
      'single/one.yaml rbac-cluster-admin-binding',
      'single/one.yaml tls-secret-malformed',
    ]);
  });

  it('files named one by one are each their own set; their folder sees across them', () => {
    expect(cross(['scan', 'split/ingress.yaml', 'split/secret.yaml'])).toEqual([]);
    expect(cross(['scan', 'split'])).toEqual(['split/ingress.yaml ingress-dangling-backend', 'split/ingress.yaml tls-secret-malformed']);
  });
});
