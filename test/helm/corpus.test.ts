// Differential test: every chart of the corpus (and each of its ci/ variants, with the exact
// command its .rendered/COMMANDS.txt gives) renders with Kubeward to the same objects as with the
// real helm 4.1.4. Deterministic variants compare with the corpus's stored helm output (made by
// the same helm with the same command; a few are re-run live below to prove it still matches);
// variants with values generated at render time (certificates, random passwords) run helm live
// twice and compare after masking the leaves that differ between the two runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMask, canonicalSet, helmTemplate, keyed, kubewardTemplate, maskDifferences, objectsOf, parseHelmCommand } from './differential';
import { formatManifests } from '../../shared-rules/src/helm/render';

const corpus = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'helm');
const fallback = '/work/shared/corpus/helm';
const root = fs.existsSync(corpus) ? corpus : fallback;
if (!fs.existsSync(root)) throw new Error(`the Helm corpus is missing: expected ${corpus} (../shared beside the repository)`);

const renders = fs.readFileSync(path.join(root, 'RENDERS.md'), 'utf8');
const charts = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'Chart.yaml')));

interface Variant {
  chart: string;
  name: string;
  command: string;
  nondeterministic: boolean;
}
const variants: Variant[] = [];
for (const chart of charts) {
  const cmds = fs.readFileSync(path.join(root, chart, '.rendered', 'COMMANDS.txt'), 'utf8');
  const row = renders.split('\n').find((l) => l.startsWith(`| ${chart} |`)) ?? '';
  for (const line of cmds.split('\n')) {
    const m = /^helm template .*> \.rendered\/(.*)\.yaml$/.exec(line);
    if (!m) continue;
    const nondet = new RegExp(`(^|[ ,|])${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+ \\(nondeterministic\\)`).test(row);
    variants.push({ chart, name: m[1]!, command: line, nondeterministic: nondet });
  }
}

describe('Helm corpus: Kubeward renders the objects helm renders', () => {
  it('finds the corpus', () => {
    expect(charts.length).toBeGreaterThanOrEqual(19);
    expect(variants.length).toBeGreaterThanOrEqual(100);
  });
  it.each(variants.map((v) => [`${v.chart} ${v.name}`, v] as const))('%s', async (_n, v) => {
    const dir = path.join(root, v.chart);
    const args = parseHelmCommand(v.command);
    const helmOut = v.nondeterministic ? await helmTemplate(dir, args) : fs.readFileSync(path.join(dir, '.rendered', `${v.name}.yaml`), 'utf8');
    let helmObjs = objectsOf(helmOut);
    let ours = objectsOf(formatManifests(kubewardTemplate(dir, args)));
    if (v.nondeterministic) {
      const first = keyed(helmObjs);
      const again = keyed(objectsOf(await helmTemplate(dir, args)));
      const masks = new Map([...first].map(([k, o]) => [k, maskDifferences(o, again.get(k))]));
      helmObjs = [...masks].map(([k, o]) => ({ source: k.slice(0, k.indexOf('|')), object: o }));
      ours = [...keyed(ours)].map(([k, o]) => ({ source: k.slice(0, k.indexOf('|')), object: masks.has(k) ? applyMask(o, masks.get(k)) : o }));
    }
    expect(canonicalSet(ours)).toEqual(canonicalSet(helmObjs));
  });
  // The stored outputs are helm's: re-run a few live (the largest chart and two with subcharts).
  it.each(['argoproj__argo-helm__argo-cd', 'falcosecurity__charts__falco', 'kubernetes__ingress-nginx__ingress-nginx'])(
    'stored render of %s is what helm prints now',
    async (chart) => {
      const v = variants.find((x) => x.chart === chart && x.name === 'default')!;
      const dir = path.join(root, chart);
      const live = await helmTemplate(dir, parseHelmCommand(v.command));
      expect(canonicalSet(objectsOf(live))).toEqual(canonicalSet(objectsOf(fs.readFileSync(path.join(dir, '.rendered', 'default.yaml'), 'utf8'))));
    },
  );
});
