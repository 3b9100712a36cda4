/**
 * Loading a Helm chart from an injected file system (no Node built-ins here): Chart.yaml,
 * values.yaml, templates/, crds/, the other files (`.Files`), `.helmignore`, and dependencies
 * from charts/ (folders and .tgz archives, read with fflate).
 */
import { gunzipSync } from 'fflate';
import { RE2JS } from 're2js';
import type { Document } from 'yaml';
import { parseYamlValues, YamlError } from './codec';
import { isMap, trimEnd, utf8Decode, utf8Encode } from './template/values';

/** The chart's files, relative to the chart folder, '/'-separated. */
export interface ChartFiles {
  /** Text of a file, or undefined when it does not exist. */
  read(path: string): string | undefined;
  /** Entries of a folder ('' is the chart folder): names, folders ending with '/'. */
  list(dir: string): string[];
  /** Bytes of a file (for .tgz dependencies); defaults to the UTF-8 of `read`. */
  readBytes?(path: string): Uint8Array | undefined;
}

export class ChartError extends Error {}

export interface ChartFile {
  /** Path relative to its chart folder. */
  name: string;
  data: Uint8Array;
}

export interface Dependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: string[];
  alias?: string;
  'import-values'?: unknown[];
  enabled?: boolean;
}

export interface Chart {
  /** Chart.yaml as written. */
  metadata: Record<string, unknown>;
  name: string;
  /** values.yaml (parsed as Helm does) and its YAML document, for value ranges. */
  values: Record<string, unknown>;
  valuesDoc?: Document;
  valuesText?: string;
  templates: { name: string; data: string }[];
  files: ChartFile[];
  crds: { name: string; data: string }[];
  dependencies: Chart[];
  /** Where the chart was found: '' for the root, 'charts/x' or 'charts/x.tgz' for a dependency. */
  origin: string;
  /** The file system the chart's own files come from (for dependencies: the parent's). */
  readPrefix: string;
}

/** The ignore rules Helm always applies, plus the chart's .helmignore. */
class HelmIgnore {
  private rules: { re: GlobMatcher; negate: boolean; dirOnly: boolean }[] = [];
  constructor(text: string | undefined) {
    for (const raw of (text ?? '').split('\n')) {
      let line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      let negate = false;
      if (line.startsWith('!')) {
        negate = true;
        line = line.slice(1);
      }
      let dirOnly = false;
      if (line.endsWith('/')) {
        dirOnly = true;
        line = line.slice(0, -1);
      }
      const anchored = line.includes('/');
      const re = globMatcher((anchored ? '' : '(?:.*/)?') + globToRegex(line.replace(/^\//, '')));
      this.rules.push({ re, negate, dirOnly });
    }
  }
  ignored(path: string, isDir: boolean): boolean {
    if (path === 'templates/.helmignore') return false;
    let ign = false;
    for (const r of this.rules) {
      if (r.dirOnly && !isDir) continue;
      // Helm matches both the full path and the base name.
      const base = path.slice(path.lastIndexOf('/') + 1);
      if (r.re.test(path) || r.re.test(base)) ign = !r.negate;
    }
    return ign;
  }
}

export interface GlobMatcher {
  test(s: string): boolean;
}

/** A whole-string matcher for a glob turned into RE2 syntax: linear time, whatever the chart's pattern. */
export function globMatcher(re2: string): GlobMatcher {
  let compiled: RE2JS | undefined;
  try {
    compiled = RE2JS.compile(re2);
  } catch {
    compiled = undefined;
  }
  return { test: (s: string) => (compiled ? compiled.matches(s) : false) };
}

/** gobwas/glob-like pattern with '/' as separator, as `.Files.Glob` and .helmignore use. */
export function globToRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        let cls = pattern.slice(i + 1, close);
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        out += '[' + cls.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '{') {
      const close = pattern.indexOf('}', i + 1);
      if (close < 0) out += '\\{';
      else {
        out +=
          '(?:' +
          pattern
            .slice(i + 1, close)
            .split(',')
            .map(globToRegex)
            .join('|') +
          ')';
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      out += '\\' + pattern[++i];
    } else out += /[.+^$()|\\]/.test(c) ? '\\' + c : c;
  }
  return out;
}

/** Files of a chart in memory (from a .tgz or tests). */
export class MemoryFiles implements ChartFiles {
  constructor(private readonly files: Map<string, Uint8Array>) {}
  read(path: string): string | undefined {
    const b = this.files.get(path);
    return b ? utf8Decode(b) : undefined;
  }
  readBytes(path: string): Uint8Array | undefined {
    return this.files.get(path);
  }
  list(dir: string): string[] {
    const prefix = dir === '' ? '' : dir.replace(/\/?$/, '/');
    const out = new Set<string>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const slash = rest.indexOf('/');
      out.add(slash < 0 ? rest : rest.slice(0, slash + 1));
    }
    return [...out].sort();
  }
}

/** Reads a ustar/pax tar archive. */
export function untar(data: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let off = 0;
  let longName: string | undefined;
  const str = (a: number, n: number): string => {
    let s = '';
    for (let i = a; i < a + n && data[i] !== 0; i++) s += String.fromCharCode(data[i]!);
    return s;
  };
  while (off + 512 <= data.length) {
    if (data.subarray(off, off + 512).every((b) => b === 0)) break;
    let name = str(off, 100);
    const size = parseInt(str(off + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(data[off + 156]!);
    const prefix = str(off + 345, 155);
    if (prefix) name = prefix + '/' + name;
    const body = data.subarray(off + 512, off + 512 + size);
    if (type === 'L') longName = trimEnd(utf8Decode(body), '\0');
    else if (type === 'x') {
      // pax records: "<length> <key>=<value>\n"
      for (const rec of utf8Decode(body).split('\n')) {
        const sp = rec.indexOf(' ');
        if (rec.slice(sp + 1, sp + 6) === 'path=') longName = rec.slice(sp + 6);
      }
    } else if (type === '0' || type === '\0' || type === '') {
      files.set(longName ?? name, body.slice());
      longName = undefined;
    } else longName = undefined;
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function readBytes(fs: ChartFiles, path: string): Uint8Array | undefined {
  if (fs.readBytes) return fs.readBytes(path);
  const t = fs.read(path);
  return t === undefined ? undefined : utf8Encode(t);
}

function walk(fs: ChartFiles, dir: string, ignore: HelmIgnore, out: string[]): void {
  for (const e of fs.list(dir)) {
    const full = dir === '' ? e : `${dir}/${e}`;
    if (e.endsWith('/')) {
      const d = full.slice(0, -1);
      if (ignore.ignored(d, true)) continue;
      walk(fs, d, ignore, out);
    } else if (!ignore.ignored(full, false)) out.push(full);
  }
}

function parseYamlFile(text: string, file: string): { value: Record<string, unknown>; doc: Document } {
  try {
    const { value, doc } = parseYamlValues(text);
    if (value === null) return { value: {}, doc };
    if (!isMap(value)) throw new ChartError(`${file}: expected a map of values`);
    return { value, doc };
  } catch (e) {
    if (e instanceof YamlError) throw new ChartError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Loads the chart whose Chart.yaml is at `prefix` in `fs` ('' for the root). */
export function loadChart(fs: ChartFiles, prefix = '', origin = ''): Chart {
  const p = (x: string): string => (prefix ? `${prefix}/${x}` : x);
  const chartYaml = fs.read(p('Chart.yaml'));
  if (chartYaml === undefined) throw new ChartError(`${p('Chart.yaml')} not found: not a chart folder`);
  const metadata = parseYamlFile(chartYaml, p('Chart.yaml')).value;
  if (typeof metadata.name !== 'string' || !metadata.name) throw new ChartError(`${p('Chart.yaml')}: chart name is required`);
  if (metadata.version === undefined) throw new ChartError(`${p('Chart.yaml')}: chart version is required`);
  if (typeof metadata.version === 'number') metadata.version = chartYaml.match(/^version:\s*["']?([^"'\s#]+)/m)?.[1] ?? String(metadata.version);
  if (typeof metadata.appVersion === 'number') metadata.appVersion = chartYaml.match(/^appVersion:\s*["']?([^"'\s#]+)/m)?.[1] ?? String(metadata.appVersion);
  const ignore = new HelmIgnore(fs.read(p('.helmignore')));
  const all: string[] = [];
  walk(fs, prefix, ignore, all);
  const rel = (f: string): string => (prefix ? f.slice(prefix.length + 1) : f);
  const chart: Chart = { metadata, name: metadata.name, values: {}, templates: [], files: [], crds: [], dependencies: [], origin, readPrefix: prefix };
  const valuesText = fs.read(p('values.yaml'));
  if (valuesText !== undefined) {
    const { value, doc } = parseYamlFile(valuesText, p('values.yaml'));
    chart.values = value;
    chart.valuesDoc = doc;
    chart.valuesText = valuesText;
  }
  if (metadata.apiVersion === 'v1' || metadata.apiVersion === undefined) {
    const req = fs.read(p('requirements.yaml'));
    if (req !== undefined) metadata.dependencies = parseYamlFile(req, p('requirements.yaml')).value.dependencies;
  }
  // Chart.yaml's string fields read as strings even when YAML 1.1 sees a boolean or a number
  // (`alias: off` is the alias "false" for Helm, as sigs.k8s.io/yaml converts for string fields).
  if (Array.isArray(metadata.dependencies)) {
    for (const d of metadata.dependencies) {
      if (!isMap(d)) continue;
      for (const k of ['name', 'alias', 'condition', 'version', 'repository']) {
        if (typeof d[k] === 'boolean' || typeof d[k] === 'number' || typeof d[k] === 'bigint') d[k] = String(d[k]);
      }
    }
  }
  const subcharts = new Set<string>();
  for (const full of all) {
    const f = rel(full);
    if (f === 'Chart.yaml' || f === 'values.yaml' || f === 'values.schema.json' || f === 'Chart.lock' || f === 'requirements.yaml' || f === 'requirements.lock')
      continue;
    if (f.startsWith('templates/')) {
      chart.templates.push({ name: f, data: fs.read(full) ?? '' });
      continue;
    }
    if (f.startsWith('charts/')) {
      const rest = f.slice('charts/'.length);
      const slash = rest.indexOf('/');
      if (slash < 0) {
        if (rest.endsWith('.tgz') || rest.endsWith('.tar.gz')) subcharts.add(rest);
      } else subcharts.add(rest.slice(0, slash) + '/');
      continue;
    }
    const data = readBytes(fs, full) ?? new Uint8Array();
    chart.files.push({ name: f, data });
    if (f.startsWith('crds/')) chart.crds.push({ name: f, data: utf8Decode(data) });
  }
  for (const s of [...subcharts].sort()) {
    if (s.endsWith('/')) {
      const dir = p('charts/' + s.slice(0, -1));
      if (fs.read(`${dir}/Chart.yaml`) === undefined) continue;
      chart.dependencies.push(loadChart(fs, dir, 'charts/' + s.slice(0, -1)));
    } else {
      const bytes = readBytes(fs, p('charts/' + s));
      if (!bytes) continue;
      let files: Map<string, Uint8Array>;
      try {
        files = untar(gunzipSync(bytes));
      } catch (e) {
        throw new ChartError(`${p('charts/' + s)}: cannot read archive: ${(e as Error).message}`);
      }
      const top = [...files.keys()].find((k) => /^[^/]+\/Chart\.yaml$/.test(k));
      if (!top) throw new ChartError(`${p('charts/' + s)}: no Chart.yaml in archive`);
      const mem = new MemoryFiles(files);
      chart.dependencies.push(loadChart(mem, top.slice(0, top.indexOf('/')), 'charts/' + s));
    }
  }
  return chart;
}
