/**
 * The `kubeward` command line.
 *
 *   kubeward scan [paths…] [--format text|json|sarif|github|gitlab|junit] [--fail-on error|warning|info|none]
 *                 [--fix] [--config <file>] [--list-rules]
 *                 [--write-baseline <file>] [--baseline <file>] [--changed-since <git-ref>]
 *   kubeward migrate <paths…> [--write] [--gateway [<namespace>/]<name>] [--new-gateway]
 *   kubeward build <dir>
 *
 * Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or I/O error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { categoryTitle, compareRules, RULES, SEVERITY_RANK, VERSION, type Severity } from '../index';
import { compareWithBaseline, writeBaseline, type Comparison } from './baseline';
import { onlyChanged } from './changed';
import { formatGithub, formatGitlab, formatJunit } from './format-ci';
import { parseBaseline } from '../host/baseline';
import { UsageError } from '../host/files';
import { runBuild } from './build';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { runMigrate } from './migrate';
import { runRender } from './render';
import { changesSince } from './git';
import type { FileReport } from './report';
import { scan } from './scan';

const HELP = `kubeward ${VERSION} — catches insecure ways of exposing Kubernetes workloads

Usage:
  kubeward scan [paths…]      scan files, folders (recursively) and globs; '-' reads standard input
  kubeward migrate <paths…>   migrate their Ingresses to Gateway API (prints the files as they would be)
  kubeward render <chart>     print a Helm chart's manifests as helm template does (render --help)
  kubeward build <dir>        print the Kustomize build of a folder, as \`kubectl kustomize\` does
  kubeward --list-rules       list every rule with its default severity

Options:
  --format text|json|sarif|github|gitlab|junit
                              output format (default: text); github: workflow-command annotations,
                              gitlab: a Code Quality report, junit: JUnit XML
  --fail-on error|warning|info|none
                              exit with 1 when a finding reaches this severity (default: error)
  --fix                       apply safe fixes in place (fixes that change runtime behaviour are never applied)
  --config <file>             use this .kubeward.yaml (default: the nearest one above the first path)
  --write-baseline <file>     record today's findings in <file> (JSON) and exit with 0
  --baseline <file>           report only findings that are not in <file>, and list the fixed ones
  --changed-since <git-ref>   report only findings on objects added or changed since <git-ref> (needs git)
  --threads <n>               threads to scan with (default: 2 for over 1 MB of files of 64 KB or more on average, on a multi-core machine; else 1)
  --list-rules                list the rules and exit
  --write                     migrate: insert the new objects after each Ingress (the Ingress is kept)
  --gateway [<ns>/]<name>     migrate: attach the routes to this Gateway of the files named
  --new-gateway               migrate: write a new Gateway even when one of the files fits
  --no-color                  plain text output
  -h, --help                  show this help
  -v, --version               print the version

Exit codes: 0 no finding reaches --fail-on; 1 some finding does; 2 usage or I/O error.
`;

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  command?: string;
  paths: string[];
  format: Format;
  failOn: Severity | 'none';
  fix: boolean;
  config?: string;
  threads?: number;
  writeBaseline?: string;
  baseline?: string;
  changedSince?: string;
  listRules: boolean;
  write: boolean;
  gateway?: { name: string; namespace?: string };
  newGateway: boolean;
  color: boolean | undefined;
  help: boolean;
  version: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    paths: [],
    format: 'text',
    failOn: 'error',
    fix: false,
    listRules: false,
    write: false,
    newGateway: false,
    color: undefined,
    help: false,
    version: false,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    let inline: string | undefined;
    if (a.startsWith('--') && a.includes('=')) [a, inline] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    const take = () => (inline !== undefined ? inline : value(i++, a));
    switch (a) {
      case '--format': {
        const v = take();
        if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${v}"`);
        args.format = v as Format;
        break;
      }
      case '--fail-on': {
        const v = take();
        if (!['error', 'warning', 'info', 'hint', 'none'].includes(v)) throw new UsageError(`--fail-on must be error, warning, info or none, not "${v}"`);
        args.failOn = v as Args['failOn'];
        break;
      }
      case '--fix':
        args.fix = true;
        break;
      case '--config':
        args.config = take();
        break;
      case '--write-baseline':
        args.writeBaseline = take();
        break;
      case '--baseline':
        args.baseline = take();
        break;
      case '--changed-since':
        args.changedSince = take();
        break;
      case '--threads': {
        const v = take();
        if (!/^[1-9]\d{0,2}$/.test(v)) throw new UsageError(`--threads must be a number of threads (1 or more), not "${v}"`);
        args.threads = Number(v);
        break;
      }
      case '--write':
        args.write = true;
        break;
      case '--new-gateway':
        args.newGateway = true;
        break;
      case '--gateway': {
        const v = take();
        const m = /^(?:([a-z0-9][-a-z0-9]*)\/)?([a-z0-9][-a-z0-9.]*)$/.exec(v);
        if (!m) throw new UsageError(`--gateway must be [<namespace>/]<name>, not "${v}"`);
        args.gateway = { name: m[2]!, ...(m[1] ? { namespace: m[1] } : {}) };
        break;
      }
      case '--list-rules':
        args.listRules = true;
        break;
      case '--no-color':
        args.color = false;
        break;
      case '--color':
        args.color = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '-v':
      case '--version':
        args.version = true;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        if (!args.command) args.command = a;
        else args.paths.push(a);
    }
  }
  return args;
}

function listRules(): string {
  const rows = [...RULES].sort(compareRules);
  const width = Math.max(...rows.map((r) => r.meta.id.length));
  return (
    rows
      .map((r) => {
        const fix = r.meta.fix.availability === 'none' ? '   ' : r.meta.fix.applicability === 'safe' ? 'fix' : 'qfx';
        return `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${fix}  ${categoryTitle(r.meta.category).padEnd(22)}  ${r.meta.title}${r.meta.profiles ? ` [${r.meta.profiles.join('/')}]` : ''}${r.meta.optIn ? ' [opt-in]' : ''}`;
      })
      .join('\n') + '\n'
  );
}

export interface CliIO {
  argv: readonly string[];
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => string;
  isTTY: boolean;
}

export function runCli(io: CliIO): number {
  if (io.argv[0] === 'render') return runRender(io.argv.slice(1), io);
  let args: Args;
  try {
    args = parseArgs(io.argv);
  } catch (error) {
    io.stderr(`kubeward: ${(error as Error).message}\nRun \`kubeward --help\` for usage.\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(HELP);
    return 0;
  }
  if (args.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (args.listRules) {
    io.stdout(listRules());
    return 0;
  }
  if (args.command === 'migrate') {
    try {
      return runMigrate({
        paths: args.paths,
        cwd: io.cwd,
        write: args.write,
        gateway: args.gateway,
        newGateway: args.newGateway,
        stdout: io.stdout,
        stderr: io.stderr,
      });
    } catch (error) {
      io.stderr(`kubeward: ${error instanceof UsageError ? '' : 'internal error: '}${(error as Error).message}\n`);
      return 2;
    }
  }
  if (args.command === 'build') {
    if (args.paths.length !== 1) {
      io.stderr('kubeward: build needs one folder\n');
      return 2;
    }
    return runBuild(args.paths[0]!, io.cwd, io);
  }
  if (args.command !== 'scan') {
    io.stderr(args.command ? `kubeward: unknown command "${args.command}"\nRun \`kubeward --help\` for usage.\n` : HELP);
    return 2;
  }
  if (args.paths.length === 0) args.paths.push('.');
  try {
    const result = scan({ paths: args.paths, cwd: io.cwd, configFile: args.config, fix: args.fix, stdin: io.stdin, threads: args.threads });
    const color = args.color ?? (io.isTTY && !process.env.NO_COLOR);
    if (result.fixedStdin !== undefined) io.stdout(result.fixedStdin);
    let reports = result.reports;
    if (args.changedSince) reports = onlyChanged(reports, changesSince(args.changedSince, io.cwd));
    if (args.writeBaseline) {
      const file = path.resolve(io.cwd, args.writeBaseline);
      try {
        fs.writeFileSync(file, writeBaseline(reports));
      } catch (error) {
        throw new UsageError(`cannot write ${args.writeBaseline}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      const count = reports.reduce((n, r) => n + r.findings.length, 0);
      io.stderr(`kubeward: wrote ${count} finding${count === 1 ? '' : 's'} to ${args.writeBaseline}\n`);
    }
    let comparison: Comparison | undefined;
    let shown: readonly FileReport[] = reports;
    if (args.baseline) {
      let text: string;
      try {
        text = fs.readFileSync(path.resolve(io.cwd, args.baseline), 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read baseline ${args.baseline}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      const states = (comparison = compareWithBaseline(reports, parseBaseline(text, args.baseline))).states;
      shown = reports.map((r) => ({ ...r, findings: r.findings.filter((f) => states.get(f) === 'new') }));
    }
    const formats: Record<Format, () => string> = {
      json: () => formatJson(shown),
      sarif: () => formatSarif(comparison ? reports : shown, `${pathToFileURL(io.cwd).href.replace(/\/?$/, '/')}`, comparison),
      github: () => formatGithub(shown),
      gitlab: () => formatGitlab(shown),
      junit: () => formatJunit(shown),
      text: () => formatText(shown, { color, fileCount: result.fileCount, baseline: comparison }),
    };
    const output = formats[args.format]();
    // With --fix on standard input the fixed text owns stdout; the report goes to stderr.
    (result.fixedStdin !== undefined ? io.stderr : io.stdout)(output);
    if (args.failOn === 'none' || args.writeBaseline) return 0;
    const threshold = SEVERITY_RANK[args.failOn];
    const failed = shown.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold));
    return failed ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`kubeward: ${error.message}\n`);
      return 2;
    }
    io.stderr(`kubeward: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

/* Entry point when bundled as dist/cli.js. */
export function main(): void {
  // A reader that stops early (`| head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      process.stderr.write(`kubeward: cannot write output: ${error.code ?? error.message}\n`);
      process.exit(2);
    });
  }
  const code = runCli({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdin: () => fs.readFileSync(0, 'utf8'),
    isTTY: Boolean(process.stdout.isTTY),
  });
  // Let piped output drain before exiting.
  process.exitCode = code;
}
