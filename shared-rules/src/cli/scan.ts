/**
 * `kubeward scan`: reads files, analyses them with one engine, runs the
 * cross-document rules over everything scanned, and optionally applies safe
 * fixes. Pure of output formatting, so tests drive it directly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  applyFixes,
  FileAnalyzer,
  parseConfigFile,
  resolveConfig,
  RULE_IDS,
  RULES,
  WorkspaceObjects,
  LineIndex,
  type KubewardConfig,
  type ResolvedConfig,
} from '../index';
import { collectTargets, displayPath, findConfigFile, readFileText, KustomizePatches, UsageError, type ScanTarget } from '../host/files';
import { Origins } from '../host/origin';
import { scanThreads, shareFiles } from './parallel';
import type { FileReport } from './report';

export interface ScanOptions {
  paths: string[];
  cwd: string;
  configFile?: string;
  fix?: boolean;
  /** Standard input, when '-' is among the paths. */
  stdin?: () => string;
  /** Threads to scan with (1: this one only); default: 2 for large inputs on a machine with a second core. */
  threads?: number;
}

export interface ScanResult {
  reports: FileReport[];
  fileCount: number;
  /** Fixed text of standard input, when it was fixed. */
  fixedStdin?: string;
  fixesApplied: number;
  configFile?: string;
  /** Files that helper threads analysed (0 on one thread). */
  helpedFiles: number;
}

const BOM = '\uFEFF';

/** The file's text, and whether it is valid UTF-8 (only then may --fix write it back). */
function readTarget(target: ScanTarget, stdin: (() => string) | undefined): { text: string; utf8: boolean } {
  if (target.absolute === '-') {
    if (!stdin) throw new UsageError('no standard input');
    const text = stdin();
    return { text, utf8: !text.includes('\uFFFD') };
  }
  try {
    return readFileText(target.absolute);
  } catch (error) {
    throw new UsageError(`cannot read ${target.display}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function loadConfig(options: ScanOptions): { config: ResolvedConfig; configFile?: string; configReport?: FileReport; raw: KubewardConfig } {
  let configFile = options.configFile ? path.resolve(options.cwd, options.configFile) : undefined;
  if (options.configFile && !fs.existsSync(configFile!)) throw new UsageError(`no such config file: ${options.configFile}`);
  if (!configFile) {
    const first = options.paths.find((p) => p !== '-');
    const start = first ? path.resolve(options.cwd, first) : options.cwd;
    const startDir = fs.existsSync(start) && fs.statSync(start).isDirectory() ? start : path.dirname(start);
    configFile = findConfigFile(fs.existsSync(startDir) ? startDir : options.cwd);
  }
  if (!configFile) return { config: resolveConfig(), raw: {} };
  let text: string;
  try {
    text = fs.readFileSync(configFile, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config ${configFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const parsed = parseConfigFile(text, RULE_IDS);
  const display = displayPath(configFile, options.cwd);
  const configReport =
    parsed.findings.length > 0
      ? { file: display, location: locationOf(configFile, options.cwd), text, lines: new LineIndex(text), findings: parsed.findings }
      : undefined;
  return { config: resolveConfig(parsed.config), configFile, configReport, raw: parsed.config };
}

/** Where a file is, for SARIF: relative to the working folder when under it. */
function locationOf(absolute: string, cwd: string): FileReport['location'] {
  if (absolute === '-') return undefined;
  const relative = path.relative(cwd, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return { uri: relative.split(path.sep).join('/'), relative: true };
  return { uri: pathToFileURL(absolute).href, relative: false };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function scan(options: ScanOptions): ScanResult {
  const { config, configFile, configReport } = loadConfig(options);
  const ignoreBase = configFile ? path.dirname(configFile) : options.cwd;
  const targets = collectTargets(options.paths, options.cwd, config.ignore, ignoreBase);
  const patches = new KustomizePatches();
  const origins = new Origins(options.cwd);
  // Exception scopes: paths relative to the folder of .kubeward.yaml, and the chart or overlay.
  const scopes = new Map(
    targets.map((t) => [
      t,
      t.absolute === '-' ? {} : { path: path.relative(ignoreBase, t.absolute).split(path.sep).join('/'), origin: origins.of(t.absolute) },
    ]),
  );
  // Kustomize patches are partial objects (no "missing field" findings there).
  const partial = new Map(targets.map((t) => [t, patches.isPatch(t.absolute)]));
  const analyzers = new Map<ScanTarget, FileAnalyzer>();
  const texts = new Map<ScanTarget, { text: string; bom: boolean; utf8: boolean }>();
  // Cross-document rules see "every manifest" only when whole folders are
  // scanned; otherwise each file (or stdin) is a complete set of its own
  // documents only (objectsToDecide), and rules about absences stay silent.
  const workspace = new WorkspaceObjects(options.paths.length > 0 && options.paths.every((p) => p !== '-' && isDirectory(path.resolve(options.cwd, p))));
  // eslint-disable-next-line @typescript-eslint/unbound-method -- tests whether the rule has one, never calls it
  const hasWorkspaceRules = RULES.some((r) => r.checkWorkspace);

  // Pass 1: every file, per-document rules; summaries feed the workspace index.
  const first = new Map<ScanTarget, ReturnType<FileAnalyzer['analyze']>>();
  const analyse = (target: ScanTarget) => {
    const read = readTarget(target, options.stdin);
    let text = read.text;
    const bom = text.startsWith(BOM);
    if (bom) text = text.slice(1); // editors do not count the BOM as a column
    texts.set(target, { text, bom, utf8: read.utf8 });
    const analyzer = new FileAnalyzer();
    analyzers.set(target, analyzer);
    first.set(target, analyzer.analyze(text, { rules: RULES, config, file: target.display, partial: partial.get(target)!, scope: scopes.get(target) }));
  };
  const files = targets.map((t) => ({ absolute: t.absolute, display: t.display, partial: partial.get(t)!, scope: scopes.get(t) }));
  const threads = scanThreads(files, options.threads);
  let helpedFiles = 0;
  if (threads > 1) {
    // Helper threads take files too; an unreadable file fails the scan as it would alone: the first one in order.
    const failures = new Map<number, unknown>();
    const helped = shareFiles(files, config, threads, (i) => {
      try {
        analyse(targets[i]!);
      } catch (error) {
        failures.set(i, error);
      }
    });
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i]!;
      if (failures.has(i)) throw failures.get(i);
      const h = helped.get(i);
      if (!h) {
        if (!first.has(target)) analyse(target);
        continue;
      }
      if (h.readError !== undefined) throw new UsageError(`cannot read ${target.display}: ${h.readError}`);
      helpedFiles++;
      const analyzer = new FileAnalyzer();
      analyzer.importCache(h.cached!);
      analyzers.set(target, analyzer);
      texts.set(target, { text: h.text!, bom: h.bom!, utf8: h.utf8! });
      first.set(target, { ...h.result!, lines: new LineIndex(h.text!) });
    }
  } else for (const target of targets) analyse(target);
  for (const target of targets) workspace.setFile(target.display, first.get(target)!.summaries);

  // Pass 2: cross-document rules (documents come from the cache: nothing is parsed again).
  const reports: FileReport[] = [];
  let fixesApplied = 0;
  let fixedStdin: string | undefined;
  for (const target of targets) {
    const { text, bom, utf8 } = texts.get(target)!;
    const isPartial = partial.get(target)!;
    let result = first.get(target)!;
    if (hasWorkspaceRules && result.summaries.length > 0) {
      result = analyzers.get(target)!.analyze(text, { rules: RULES, config, file: target.display, partial: isPartial, workspace, scope: scopes.get(target) });
    }
    let finalText = text;
    if (options.fix && utf8 && result.findings.some((f) => f.ruleId !== 'yaml-syntax')) {
      const fixer = new FileAnalyzer();
      const fixed = applyFixes(
        text,
        (t) =>
          fixer.analyze(t, { rules: RULES, config, file: target.display, partial: isPartial, workspace, withFixes: true, scope: scopes.get(target) }).findings,
        {
          applicability: 'safe',
        },
      );
      if (fixed.applied > 0) {
        fixesApplied += fixed.applied;
        finalText = fixed.text;
        if (target.absolute === '-') fixedStdin = (bom ? BOM : '') + finalText;
        else {
          try {
            fs.writeFileSync(target.absolute, (bom ? BOM : '') + finalText);
          } catch (error) {
            throw new UsageError(`cannot write ${target.display}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
          }
        }
        result = new FileAnalyzer().analyze(finalText, {
          rules: RULES,
          config,
          file: target.display,
          partial: isPartial,
          workspace,
          scope: scopes.get(target),
        });
      }
    }
    // With --fix, standard input always comes back on standard output, fixed or not.
    if (options.fix && target.absolute === '-' && fixedStdin === undefined) fixedStdin = (bom ? BOM : '') + finalText;
    const report: FileReport = {
      file: target.display,
      location: locationOf(target.absolute, options.cwd),
      text: finalText,
      lines: result.lines,
      findings: result.findings,
    };
    if (target.absolute !== '-') Object.assign(report, { absolute: target.absolute, origin: scopes.get(target)!.origin });
    reports.push(report);
  }
  if (configReport) reports.unshift(configReport);
  return { reports, fileCount: targets.length, fixedStdin, fixesApplied, configFile, helpedFiles };
}
