/**
 * The bundled examples the README's main command scans: each insecure
 * manifest shows real findings, and its hardened counterpart is clean under
 * both profiles (hints aside: the ingress-nginx retirement advisory stays).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, SEVERITY_RANK } from '../shared-rules/src/index';
import { analyzeWorkspace } from './helpers/workspace';

const root = path.resolve(__dirname, '..', 'examples');
const read = (dir: string) =>
  Object.fromEntries(
    fs
      .readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => [f, fs.readFileSync(path.join(root, dir, f), 'utf8')]),
  );

describe('examples/', () => {
  it('every insecure manifest has findings that matter (warning or worse)', () => {
    const files = read('insecure');
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(6);
    const { findings } = analyzeWorkspace(files);
    for (const [file, list] of Object.entries(findings)) {
      expect(list.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning).length, file).toBeGreaterThan(0);
    }
  });

  for (const profile of ['baseline', 'restricted'] as const) {
    it(`the hardened manifests are clean under the ${profile} profile`, () => {
      const { findings } = analyzeWorkspace(read('hardened'), { config: { profile } });
      const loud = Object.entries(findings).flatMap(([file, list]) =>
        list.filter((f) => f.severity !== 'hint').map((f) => `${file}: ${f.ruleId} ${f.message}`),
      );
      expect(loud).toEqual([]);
      expect(resolveConfig({ profile }).profile).toBe(profile);
    });
  }
});
