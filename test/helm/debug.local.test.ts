import * as path from 'node:path';
import * as fs from 'node:fs';
import { it } from 'vitest';
import { helmTemplate, kubewardTemplate, objectsOf, parseHelmCommand, keyed } from './differential';
import { formatManifests } from '../../shared-rules/src/helm/render';

function firstDiff(a: unknown, b: unknown, p = ''): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDiff((a as any)[k], (b as any)[k], `${p}.${k}`);
      if (d) return d;
    }
  }
  return `${p}: helm=${JSON.stringify(a)?.slice(0, 300)} ours=${JSON.stringify(b)?.slice(0, 300)}`;
}

it('debug', async () => {
  const root = '/work/shared/corpus/helm';
  const only = process.env.ONLY ?? '';
  for (const chart of fs.readdirSync(root).filter((d) => d.includes(only) && fs.existsSync(path.join(root, d, 'Chart.yaml')))) {
    const cmds = fs.readFileSync(path.join(root, chart, '.rendered', 'COMMANDS.txt'), 'utf8').split('\n').filter((l) => l.startsWith('helm template'));
    for (const line of cmds.slice(0, Number(process.env.N ?? 1))) {
      const dir = path.join(root, chart);
      const args = parseHelmCommand(line);
      const h = objectsOf(await helmTemplate(dir, args));
      let ours;
      try {
        ours = objectsOf(formatManifests(kubewardTemplate(dir, args)));
      } catch (e) {
        console.log(`${chart} ${line.slice(-40)}: ERROR ${(e as Error).message.slice(0, 400)}`);
        continue;
      }
      const hm = keyed(h);
      const om = keyed(ours);
      const msgs: string[] = [];
      for (const [k, v] of hm) if (!om.has(k)) msgs.push(`missing ${k}`); else { const d = firstDiff(v, om.get(k)); if (d) msgs.push(`${k} ${d}`); }
      for (const k of om.keys()) if (!hm.has(k)) msgs.push(`extra ${k}`);
      console.log(`${chart} ${line.slice(-40)}: ${msgs.length ? msgs.slice(0, 4).join('\n   ') : 'OK'}`);
    }
  }
}, 600000);

it('textdiff', async () => {
  if (!process.env.TEXT) return;
  const [chart, src] = process.env.TEXT.split(':');
  const dir = path.join('/work/shared/corpus/helm', chart!);
  const line = fs.readFileSync(path.join(dir, '.rendered', 'COMMANDS.txt'), 'utf8').split('\n').filter((l) => l.startsWith('helm template'))[Number(process.env.V ?? 0)]!;
  const args = parseHelmCommand(line);
  const h = await helmTemplate(dir, args);
  const o = formatManifests(kubewardTemplate(dir, args));
  const pick = (t: string) => t.split(/^---\n/m).filter((d) => d.includes(`# Source: ${src}`)).join('---\n');
  fs.writeFileSync('/tmp/h.yaml', pick(h));
  fs.writeFileSync('/tmp/o.yaml', pick(o));
});

it('tpltext', async () => {
  if (!process.env.TPL) return;
  const [chart, src] = process.env.TPL.split(':');
  const dir = path.join('/work/shared/corpus/helm', chart!);
  const { NodeChartFiles } = await import('../../shared-rules/src/cli/render');
  const { loadChart } = await import('../../shared-rules/src/helm/chart');
  const { renderLoadedChart } = await import('../../shared-rules/src/helm/render');
  const c = loadChart(new NodeChartFiles(dir));
  c.templates = c.templates.filter((t) => t.name === src || t.name.startsWith('templates/_'));
  for (const d of c.dependencies) d.templates = d.templates.filter((t) => t.name.startsWith('templates/_'));
  try { renderLoadedChart(c, { releaseName: 'rel', namespace: 'demo', kubeVersion: '1.33' }); } catch (e) { console.log((e as Error).message.slice(0, 200)); fs.writeFileSync('/tmp/o.yaml', (e as any).text ?? ''); }
  const { parseYamlAll } = await import('../../shared-rules/src/helm/codec');
  void parseYamlAll;
});
