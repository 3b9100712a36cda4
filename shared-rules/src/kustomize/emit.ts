/** The build printed as `kubectl kustomize` prints it: documents in build order, keys sorted. */
import { stringify } from 'yaml';
import { toJS } from './node';
import type { BuiltResource } from './types';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export function emitBuild(resources: readonly BuiltResource[]): string {
  return resources
    .map((r) =>
      stringify(sortKeys(toJS(r.node)), {
        version: '1.1',
        indentSeq: false,
        lineWidth: 0,
        singleQuote: false,
        defaultStringType: 'PLAIN',
        defaultKeyType: 'PLAIN',
      }),
    )
    .join('---\n');
}
