/**
 * Helm's values pipeline: user value files merged in order, `--set` overrides, dependencies
 * enabled by `condition` and `tags`, `import-values`, then chart defaults coalesced under the
 * user values with `global` passed down and each subchart scoped by its name or alias.
 */
import type { Chart, Dependency } from './chart';
import { ChartError } from './chart';
import { isMap } from './template/values';

type Values = Record<string, unknown>;

function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copy) as T;
  if (isMap(v)) {
    const o: Values = {};
    for (const k of Object.keys(v)) o[k] = copy(v[k]);
    return o as T;
  }
  return v;
}

/** Helm's MergeValues for -f files: later files win, maps merge. */
export function mergeValues(base: Values, next: Values): Values {
  const out: Values = { ...base };
  for (const k of Object.keys(next)) {
    const n = next[k];
    const b = out[k];
    if (isMap(n) && isMap(b)) out[k] = mergeValues(b, n);
    else out[k] = n;
  }
  return out;
}

/** coalesceTables: fills dst with src's keys; dst wins; a null in dst deletes the key. */
function coalesceTables(dst: Values, src: Values, merge: boolean): Values {
  for (const k of Object.keys(src)) {
    const sv = src[k];
    if (Object.prototype.hasOwnProperty.call(dst, k)) {
      const dv = dst[k];
      if (dv === null && !merge) delete dst[k];
      else if (isMap(dv) && isMap(sv)) coalesceTables(dv, sv, merge);
    } else dst[k] = copy(sv);
  }
  return dst;
}

function coalesceGlobals(dest: Values, parent: Values): void {
  const pg = isMap(parent.global) ? parent.global : {};
  const dg: Values = isMap(dest.global) ? dest.global : {};
  for (const k of Object.keys(pg)) {
    const val = pg[k];
    if (isMap(val)) {
      const vv = copy(val);
      const dv = dg[k];
      if (dv === undefined) dg[k] = vv;
      else if (isMap(dv)) {
        coalesceTables(vv, dv, true);
        dg[k] = vv;
      }
    } else if (isMap(dg[k])) {
      // a table in the child cannot be replaced by a scalar
    } else dg[k] = val;
  }
  dest.global = dg;
}

/** CoalesceValues(chart, vals): chart defaults under the user values, recursively. */
export function coalesce(chart: Chart, dest: Values): Values {
  // chart defaults
  for (const k of Object.keys(chart.values)) {
    const sv = chart.values[k];
    if (Object.prototype.hasOwnProperty.call(dest, k)) {
      const dv = dest[k];
      if (dv === null) delete dest[k];
      else if (isMap(dv) && isMap(sv)) coalesceTables(dv, sv, false);
    } else dest[k] = copy(sv);
  }
  for (const sub of chart.dependencies) {
    if (!Object.prototype.hasOwnProperty.call(dest, sub.name) || dest[sub.name] === null) dest[sub.name] = {};
    const sv = dest[sub.name];
    if (!isMap(sv)) continue;
    coalesceGlobals(sv, dest);
    coalesce(sub, sv);
  }
  return dest;
}

function pathValue(vals: Values, path: string): unknown {
  let cur: unknown = vals;
  for (const seg of path.split('.')) {
    if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

function dependencies(chart: Chart): Dependency[] {
  const d = chart.metadata.dependencies;
  return Array.isArray(d) ? (d.filter(isMap) as unknown as Dependency[]) : [];
}

function cloneChart(c: Chart, name: string): Chart {
  return { ...c, name, metadata: { ...c.metadata, name } };
}

/**
 * ProcessDependencies: keeps the dependencies Chart.yaml lists (renamed by alias) plus the
 * unlisted ones in charts/, drops those turned off by `tags` or `condition`, recursively.
 */
function processEnabled(chart: Chart, top: Values, path: string): void {
  const reqs = dependencies(chart);
  const kept: Chart[] = [];
  const listed = new Set(reqs.map((r) => r.name));
  for (const d of chart.dependencies) if (!listed.has(d.name)) kept.push(d);
  const enabledReqs: { req: Dependency; chart: Chart }[] = [];
  for (const req of reqs) {
    const found = chart.dependencies.find((d) => d.name === req.name);
    if (!found) continue;
    const c = req.alias ? cloneChart(found, req.alias) : found;
    enabledReqs.push({ req, chart: c });
  }
  const cvals = coalesce({ ...chart, dependencies: enabledReqs.map((e) => e.chart).concat(kept) }, copy(top));
  const tags = isMap(cvals.tags) ? cvals.tags : {};
  for (const { req, chart: c } of enabledReqs) {
    let enabled = true;
    if (Array.isArray(req.tags) && req.tags.length > 0) {
      let hasTrue = false;
      let hasFalse = false;
      for (const t of req.tags) {
        const v = tags[String(t)];
        if (v === true) hasTrue = true;
        else if (v === false) hasFalse = true;
      }
      if (!hasTrue && hasFalse) enabled = false;
    }
    if (typeof req.condition === 'string' && req.condition) {
      for (const cond of req.condition.split(',')) {
        const v = pathValue(cvals, path + cond.trim());
        if (typeof v === 'boolean') {
          enabled = v;
          break;
        }
      }
    }
    if (enabled) kept.push(c);
  }
  // Keep the order of charts/ for the unlisted ones, then Chart.yaml's order.
  chart.dependencies = kept;
  // Nested conditions are read in the coalesced values of this level, scoped to the subchart.
  for (const d of chart.dependencies) processEnabled(d, isMap(cvals[d.name]) ? (cvals[d.name] as Values) : {}, '');
}

/** import-values: a child's `exports.x` (or a child path) copied into the parent's values. */
function processImports(chart: Chart): void {
  for (const d of chart.dependencies) processImports(d);
  const reqs = dependencies(chart);
  if (!reqs.some((r) => Array.isArray(r['import-values']))) return;
  const cvals = coalesce(chart, {});
  let b: Values = {};
  for (const r of reqs) {
    const ivs = r['import-values'];
    if (!Array.isArray(ivs)) continue;
    const name = r.alias ?? r.name;
    for (const iv of ivs) {
      let child: string;
      let parent: string;
      if (typeof iv === 'string') {
        child = 'exports.' + iv;
        parent = '.';
      } else if (isMap(iv)) {
        child = String((iv.child as string | undefined) ?? '');
        parent = String((iv.parent as string | undefined) ?? '.');
      } else continue;
      const vv = pathValue(cvals, `${name}.${child}`);
      if (!isMap(vv)) continue;
      const target: Values = {};
      if (parent === '.' || parent === '') Object.assign(target, copy(vv));
      else {
        let cur = target;
        const segs = parent.split('.');
        segs.forEach((s, i) => {
          cur[s] = i === segs.length - 1 ? copy(vv) : {};
          cur = cur[s] as Values;
        });
      }
      b = mergeValues(b, target);
    }
  }
  // Imported values have a lower priority than the parent's own values.
  chart.values = mergeValues(b, chart.values);
}

/** The values every template of the root chart sees as `.Values`, after the whole pipeline. */
export function processValues(chart: Chart, user: Values): Values {
  processEnabled(chart, user, '');
  processImports(chart);
  // Nulls the user gives delete the chart's defaults (done while coalescing); nulls written in
  // the chart's own values.yaml stay, as in Helm.
  return coalesce(chart, copy(user));
}

// ---------------------------------------------------------------- --set

/** Parses `--set a.b=1,c[0]=x` (Helm's strvals) into `into`; `asString` for --set-string. */
export function parseSet(expr: string, into: Values, asString = false): Values {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === '\\' && i + 1 < expr.length) {
      cur += c + expr[++i];
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur) parts.push(cur);
  for (const part of parts) {
    const eq = findUnescaped(part, '=');
    if (eq < 0) throw new ChartError(`key "${part}" has no value`);
    const key = part.slice(0, eq);
    const raw = part.slice(eq + 1);
    let value: unknown;
    if (raw.startsWith('{') && raw.endsWith('}')) value = splitUnescaped(raw.slice(1, -1), ',').map((x) => typed(unescape(x), asString));
    else value = typed(unescape(raw), asString);
    setPath(into, parseKey(key), value);
  }
  return into;
}

function findUnescaped(s: string, ch: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ch) return i;
  }
  return -1;
}

function splitUnescaped(s: string, ch: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i]! + s[++i];
      continue;
    }
    if (s[i] === ch) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

function typed(s: string, asString: boolean): unknown {
  if (asString) return s;
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null') return null;
  if (s === '0') return 0n;
  if (/^-?[1-9][0-9]*$/.test(s)) {
    const n = BigInt(s);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return n;
  }
  return s;
}

function parseKey(key: string): (string | number)[] {
  const out: (string | number)[] = [];
  let cur = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i]!;
    if (c === '\\' && i + 1 < key.length) {
      cur += key[++i];
    } else if (c === '.') {
      if (cur) out.push(cur);
      cur = '';
    } else if (c === '[') {
      if (cur) out.push(cur);
      cur = '';
      const close = key.indexOf(']', i);
      if (close < 0) throw new ChartError(`key "${key}" has an unclosed [`);
      const n = Number(key.slice(i + 1, close));
      if (!Number.isInteger(n) || n < 0 || n > 65536) throw new ChartError(`key "${key}" has a bad index`);
      out.push(n);
      i = close;
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

function setPath(root: Values, path: (string | number)[], value: unknown): void {
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    const last = i === path.length - 1;
    const nextIsIndex = !last && typeof path[i + 1] === 'number';
    if (typeof k === 'number') {
      const arr = cur as unknown[];
      while (arr.length <= k) arr.push(null);
      if (last) arr[k] = value;
      else {
        if (nextIsIndex ? !Array.isArray(arr[k]) : !isMap(arr[k])) arr[k] = nextIsIndex ? [] : {};
        cur = arr[k];
      }
    } else {
      const o = cur as Values;
      if (last) o[k] = value;
      else {
        if (nextIsIndex ? !Array.isArray(o[k]) : !isMap(o[k])) o[k] = nextIsIndex ? [] : {};
        cur = o[k];
      }
    }
  }
}
