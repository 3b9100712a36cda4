/** `kubeward migrate`: prints the Gateway API objects of each Ingress, or writes them after it with --write. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { INGRESS } from '../server/fixtures';
import { kubeward, removeWorkspaces, workspace } from './helpers';

afterAll(removeWorkspaces);

const kinds = (text: string) => parseAllDocuments(text).map((d) => (d.toJS() as { kind: string } | null)?.kind);
const GATEWAYS = ['public', 'internal']
  .map(
    (name) =>
      `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: ${name}\nspec:\n  gatewayClassName: nginx\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n`,
  )
  .join('---\n');

describe('kubeward migrate', () => {
  it('prints the file with the new objects after the Ingress and leaves it alone; --write writes that', () => {
    const dir = workspace({ 'shop.yaml': INGRESS });
    const printed = kubeward(['migrate', 'shop.yaml'], { cwd: dir });
    expect(printed.code).toBe(0);
    expect(printed.stdout.startsWith(`# shop.yaml\n${INGRESS}---\n# Migrated from Ingress "shop" by Kubeward.\n`)).toBe(true);
    expect(kinds(printed.stdout)).toEqual(['Ingress', 'Gateway', 'HTTPRoute']);
    expect(printed.stderr).toBe('shop.yaml: Ingress "shop" → 1 Gateway, 1 HTTPRoute; 0 item(s) to do by hand (listed in the comment above them)\n');
    expect(fs.readFileSync(path.join(dir, 'shop.yaml'), 'utf8')).toBe(INGRESS);

    const written = kubeward(['migrate', '--write', 'shop.yaml'], { cwd: dir });
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(printed.stderr);
    const text = fs.readFileSync(path.join(dir, 'shop.yaml'), 'utf8');
    expect(text).toBe(printed.stdout.slice('# shop.yaml\n'.length));
    expect(kinds(text)).toEqual(['Ingress', 'Gateway', 'HTTPRoute']);
    // Done once: a second run finds nothing left.
    expect(kubeward(['migrate', '--write', 'shop.yaml'], { cwd: dir })).toMatchObject({ code: 0, stderr: 'kubeward: no Ingress to migrate in these files\n' });
    expect(fs.readFileSync(path.join(dir, 'shop.yaml'), 'utf8')).toBe(text);
  });

  it('migrates every Ingress of a file onto one Gateway, and uses the Gateways of the other files named', () => {
    const dir = workspace({ 'two.yaml': `${INGRESS}---\n${INGRESS.replace(/shop/g, 'blog')}`, 'gw.yaml': GATEWAYS });
    const alone = kubeward(['migrate', 'two.yaml'], { cwd: dir });
    expect(kinds(alone.stdout)).toEqual(['Ingress', 'Gateway', 'HTTPRoute', 'Ingress', 'HTTPRoute']);
    // The second Ingress's host got its listener on the Gateway the first one wrote.
    expect(alone.stdout).toContain(
      '    - name: shop-example-com-http\n      hostname: shop.example.com\n      port: 80\n      protocol: HTTP\n    - name: blog-example-com-http\n      hostname: blog.example.com\n',
    );
    // Several Gateways fit: it says which, and exits 1.
    const ambiguous = kubeward(['migrate', 'two.yaml', 'gw.yaml'], { cwd: dir });
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain(
      'two.yaml: Ingress "shop": Several Gateways fit Ingress "shop": choose one. (--gateway public | internal, or --new-gateway)\n',
    );
    const chosen = kubeward(['migrate', 'two.yaml', 'gw.yaml', '--gateway', 'internal'], { cwd: dir });
    expect(chosen.code).toBe(0);
    expect(kinds(chosen.stdout)).toEqual(['Ingress', 'HTTPRoute', 'Ingress', 'HTTPRoute']);
    expect(chosen.stdout.match(/- name: internal\n/g)).toHaveLength(2);
  });

  it('answers usage errors with 2', () => {
    const dir = workspace({ 'shop.yaml': INGRESS });
    expect(kubeward(['migrate'], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('migrate needs the files') });
    expect(kubeward(['migrate', 'shop.yaml', '--gateway', 'Bad Name'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--gateway must be'),
    });
    expect(kubeward(['migrate', 'missing.yaml'], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
  });
});
