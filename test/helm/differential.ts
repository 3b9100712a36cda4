// Shared helpers for the differential tests: run the real helm and Kubeward on the same chart and
// compare the parsed objects.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { NodeChartFiles } from '../../shared-rules/src/host/chart-files';
import { parseYamlAll } from '../../shared-rules/src/helm/codec';
import { renderChart, splitManifests, type RenderOptions, type RenderResult } from '../../shared-rules/src/helm/render';
import { helmPath } from '../helpers/kube-tools';

const run = promisify(execFile);

export interface HelmArgs {
  release: string;
  namespace?: string;
  kubeVersion?: string;
  valueFiles: string[];
  set: string[];
}

/** Parses `helm template rel . --namespace demo -f x --set a=b` into options. */
export function parseHelmCommand(line: string): HelmArgs {
  const words = line
    .replace(/\s*>.*$/, '')
    .trim()
    .split(/\s+/);
  const out: HelmArgs = { release: words[2]!, valueFiles: [], set: [] };
  for (let i = 4; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--namespace') out.namespace = words[++i];
    else if (w === '--kube-version') out.kubeVersion = words[++i];
    else if (w === '-f' || w === '--values') out.valueFiles.push(words[++i]!);
    else if (w === '--set') out.set.push(words[++i]!);
    else throw new Error(`unexpected helm argument ${w} in ${line}`);
  }
  return out;
}

export async function helmTemplate(chartDir: string, a: HelmArgs): Promise<string> {
  const args = ['template', a.release, '.'];
  if (a.namespace) args.push('--namespace', a.namespace);
  if (a.kubeVersion) args.push('--kube-version', a.kubeVersion);
  for (const f of a.valueFiles) args.push('-f', f);
  for (const s of a.set) args.push('--set', s);
  const { stdout } = await run(helmPath(), args, {
    cwd: chartDir,
    maxBuffer: 256 * 1024 * 1024,
    env: {
      HOME: '/nonexistent',
      HELM_CACHE_HOME: '/tmp/kubeward-helm-cache',
      HELM_CONFIG_HOME: '/tmp/kubeward-helm-config',
      HELM_DATA_HOME: '/tmp/kubeward-helm-data',
    },
  });
  return stdout;
}

export function kubewardTemplate(chartDir: string, a: HelmArgs, extra: RenderOptions = {}): RenderResult {
  return renderChart(new NodeChartFiles(chartDir), {
    releaseName: a.release,
    namespace: a.namespace,
    kubeVersion: a.kubeVersion,
    valueFiles: a.valueFiles.map((f) => ({ name: f, text: fs.readFileSync(path.join(chartDir, f), 'utf8') })),
    set: a.set,
    ...extra,
  });
}

/** Objects of a `helm template` output: `# Source:` of each document, and the parsed document. */
export function objectsOf(text: string): { source: string; object: unknown }[] {
  const out: { source: string; object: unknown }[] = [];
  for (const doc of splitManifests(text)) {
    const m = /^# Source: (.*)$/m.exec(doc);
    for (const o of parseYamlAll(doc)) if (o !== null) out.push({ source: m?.[1] ?? '', object: o });
  }
  return out;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) o[k] = canonical((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}

const MASK = '<differs between helm runs>';

/** Replaces, in `a`, every leaf that differs from `b` by MASK (for values generated at render time). */
export function maskDifferences(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.map((x, i) => maskDifferences(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(a))
      o[k] = k in b ? maskDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]) : (a as Record<string, unknown>)[k];
    return o;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? a : MASK;
}

/** Applies the mask of `masked` (MASK leaves) to `v`. */
export function applyMask(v: unknown, masked: unknown): unknown {
  if (masked === MASK) return MASK;
  if (Array.isArray(v) && Array.isArray(masked)) return v.map((x, i) => applyMask(x, masked[i]));
  if (v && masked && typeof v === 'object' && typeof masked === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = applyMask((v as Record<string, unknown>)[k], (masked as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}

/** Key of an object for masking: its template, its kind and its rank among that template's objects. */
export function keyed(objs: { source: string; object: unknown }[]): Map<string, unknown> {
  const seen = new Map<string, number>();
  const out = new Map<string, unknown>();
  for (const o of objs) {
    const kind = String((o.object as { kind?: unknown } | null)?.kind);
    const base = `${o.source}|${kind}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.set(`${base}|${n}`, o.object);
  }
  return out;
}

/** Sorted canonical JSON of each object, for an order-free comparison. */
export function canonicalSet(objs: { source: string; object: unknown }[]): string[] {
  return objs.map((o) => `${o.source} ${JSON.stringify(canonical(o.object))}`).sort();
}
