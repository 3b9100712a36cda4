/**
 * The extension manifest (package.json) against the client–server contract:
 * every `kubeward.*` setting the server reads is contributed with the same
 * default, documented, resource-scoped (trace: window); commands are in the
 * "Kubeward" category; activation and trust are declared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Commands, DEFAULT_SETTINGS, SettingKeys } from '../shared-rules/src/protocol';

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;

/** DEFAULT_SETTINGS flattened to `kubeward.a.b` keys. */
function flatDefaults(obj: Record<string, unknown>, prefix = 'kubeward'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = `${prefix}.${k}`;
    if (v && typeof v === 'object' && !Array.isArray(v) && key !== 'kubeward.rules') Object.assign(out, flatDefaults(v as Record<string, unknown>, key));
    else out[key] = v;
  }
  return out;
}

describe('package.json extension manifest', () => {
  it('contributes exactly the settings of the contract, with its defaults', () => {
    expect(Object.keys(properties).sort()).toEqual(Object.values(SettingKeys).sort());
    const defaults = flatDefaults(DEFAULT_SETTINGS as unknown as Record<string, unknown>);
    expect(Object.keys(defaults).sort()).toEqual(Object.keys(properties).sort());
    for (const [key, value] of Object.entries(defaults)) expect(properties[key]!.default, key).toEqual(value);
  });

  it('documents every setting, scopes it per resource (trace per window), and lists enums with descriptions', () => {
    for (const [key, p] of Object.entries(properties)) {
      expect(String(p.markdownDescription ?? p.description ?? '').length, `${key} description`).toBeGreaterThan(20);
      expect(p.scope, key).toBe(key === 'kubeward.trace.server' ? 'window' : 'resource');
      // Descriptions are shown as markdown: none with markup in a plain `description`.
      expect(p.description, `${key}: markdownDescription`).toBeUndefined();
      if (p.enum)
        expect(((p.markdownEnumDescriptions ?? p.enumDescriptions) as unknown[])?.length, `${key} enum descriptions`).toBe((p.enum as unknown[]).length);
      for (const d of (p.enumDescriptions as string[] | undefined) ?? []) expect(d, `${key}: markdownEnumDescriptions for markup`).not.toMatch(/[`*]/);
      // Every value has an input: no `null` type (the settings editor shows "Edit in settings.json" for it) except where null is a labelled choice.
      if (Array.isArray(p.type) && (p.type as string[]).includes('null') && p.enum) expect((p.enumItemLabels as string[])[0], key).not.toMatch(/null/);
    }
    expect(properties['kubeward.profile']!.enumItemLabels).toEqual(['From .kubeward.yaml', 'baseline', 'restricted']);
    expect(properties['kubeward.kubernetesVersion']).toMatchObject({ type: 'string', default: '' });
    expect(properties['kubeward.run']!.enum).toEqual(['onType', 'onSave']);
    expect(properties['kubeward.profile']!.enum).toEqual([null, 'baseline', 'restricted']);
    expect(properties['kubeward.trace.server']!.enum).toEqual(['off', 'messages', 'verbose']);
    const rules = properties['kubeward.rules']!.additionalProperties as { enum: string[] };
    expect(rules.enum).toEqual(['off', 'on', 'hint', 'info', 'warning', 'error']);
  });

  it('has the three commands in the Kubeward category', () => {
    const commands: Array<{ command: string; title: string; category: string }> = manifest.contributes.commands;
    const byId = new Map(commands.map((c) => [c.command, c]));
    expect(byId.get(Commands.secureIngress)?.title).toBe('Secure this Ingress');
    expect(byId.get(Commands.scanWorkspace)?.title).toBe('Scan workspace');
    expect(byId.get('kubeward.showRuleDocumentation')?.title).toBe('Show rule documentation');
    for (const c of commands) expect(c.category, c.command).toBe('Kubeward');
    // The server's own command is reached through code actions, not the palette.
    expect(byId.has(Commands.showDocumentation)).toBe(false);
  });

  it('activates on YAML, Helm and .kubeward.yaml, and declares limited support for untrusted workspaces', () => {
    expect(manifest.activationEvents).toEqual(['onLanguage:yaml', 'onLanguage:helm', 'workspaceContains:**/.kubeward.yaml']);
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(manifest.capabilities.untrustedWorkspaces.description).toMatch(/\.kubeward\.yaml/);
    expect(manifest.main).toBe('./dist/client.js');
    expect(manifest.categories).toEqual(['Linters']);
    expect(manifest.icon).toBe('images/icon.png');
    expect(manifest.repository.url).toMatch(/^https:\/\//);
    expect(manifest.keywords).toEqual(expect.arrayContaining(['kubernetes', 'helm', 'ingress', 'security']));
  });

  it('pins the tooling the packaging and the end-to-end tests rely on', () => {
    expect(manifest.devDependencies['@vscode/vsce']).toBe('3.9.2');
    expect(manifest.devDependencies['@vscode/test-electron']).toBe('2.5.2');
    expect(manifest.dependencies['vscode-languageclient']).toBe('11.0.0');
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      // Exact versions only (a pre-release is exact too): no ranges.
      expect(version, name).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/);
    }
    const install = fs.readFileSync(path.join(root, 'test/e2e/install.sh'), 'utf8');
    expect(install).toMatch(/NODE24_VER=24\.21\.0; CODE_SERVER_VER=4\.139\.1; PW_VER=1\.65\.1/);
  });
});
