// Differential table test: hundreds of template snippets (test/helm/snippets.ts) rendered, all in
// one chart and one helm run, by the real helm 4.1.4 and by Kubeward; each snippet's output text
// must be identical.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYamlValues } from '../../shared-rules/src/helm/codec';
import { formatManifests } from '../../shared-rules/src/helm/render';
import { helmTemplate, kubewardTemplate, type HelmArgs } from './differential';
import { SNIPPETS } from './snippets';

const fixture = path.join(__dirname, '..', 'fixtures', 'helm', 'snippets');
let helmOut: Record<string, unknown> = {};
let ours: Record<string, unknown> = {};

function template(): string {
  let t = '';
  SNIPPETS.forEach((s, i) => (t += `{{- define "snippet${i}" }}${s}{{ end }}\n`));
  SNIPPETS.forEach((_s, i) => (t += `s${i}: {{ include "snippet${i}" . | toJson }}\n`));
  return t;
}

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-snippets-'));
  fs.cpSync(fixture, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'templates', 'snippets.yaml'), template());
  const args: HelmArgs = { release: 'snip', namespace: 'ns1', kubeVersion: '1.31.2', valueFiles: [], set: [] };
  const parse = (text: string): Record<string, unknown> => {
    const body = text.replace(/^---\n# Source: .*\n/gm, '');
    return parseYamlValues(body).value as Record<string, unknown>;
  };
  try {
    helmOut = parse(await helmTemplate(dir, args));
    ours = parse(formatManifests(kubewardTemplate(dir, args)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

describe('template snippets render as with helm', () => {
  it('renders every snippet', () => {
    expect(SNIPPETS.length).toBeGreaterThanOrEqual(300);
    expect(Object.keys(helmOut)).toHaveLength(SNIPPETS.length);
  });
  it.each(SNIPPETS.map((s, i) => [i, s] as const))('snippet %i: %s', (i) => {
    expect(ours[`s${i}`]).toBe(helmOut[`s${i}`]);
  });
});
