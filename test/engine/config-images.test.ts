/** The `images:` section of .kubeward.yaml (used by image-untrusted-registry). */
import { describe, expect, it } from 'vitest';
import { parseConfigFile, resolveConfig, RULE_IDS } from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

describe('images.trustedRegistries', () => {
  it('reads a list of registries', () => {
    const { config, findings } = parseConfigFile(
      yaml`
        images:
          trustedRegistries:
            - registry.example.com
            - " ghcr.io/acme "
            - "*.dkr.ecr.*.amazonaws.com"
      `,
      RULE_IDS,
    );
    expect(findings).toEqual([]);
    expect(config.images).toEqual({ trustedRegistries: ['registry.example.com', 'ghcr.io/acme', '*.dkr.ecr.*.amazonaws.com'] });
    expect(resolveConfig(config).images.trustedRegistries).toEqual(['registry.example.com', 'ghcr.io/acme', '*.dkr.ecr.*.amazonaws.com']);
  });

  it('reports a malformed section at the offending node, and the defaults apply', () => {
    const text = yaml`
      images:
        trustedRegistries: registry.example.com
        pinDigests: true
    `;
    const { config, findings } = parseConfigFile(text, RULE_IDS);
    expect(findings.map((f) => [f.severity, text.slice(f.start, f.end), f.message.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['error', 'registry.example.com', 'images.trustedRegistries must'],
      ['warning', 'pinDigests', 'Unknown images'],
    ]);
    expect(resolveConfig(config).images.trustedRegistries).toEqual([]);
    const notAMap = parseConfigFile('images: [registry.example.com]\n', RULE_IDS);
    expect(notAMap.findings[0]?.message).toBe('images must be a mapping (trustedRegistries).');
    const emptyEntry = parseConfigFile('images:\n  trustedRegistries: ["", ok.io]\n', RULE_IDS);
    expect(emptyEntry.findings).toHaveLength(1);
  });

  it('a later layer replaces the list, and the fingerprint changes with it', () => {
    const base = resolveConfig({ images: { trustedRegistries: ['a.io'] } });
    const both = resolveConfig({ images: { trustedRegistries: ['a.io'] } }, { images: { trustedRegistries: ['b.io'] } });
    expect(both.images.trustedRegistries).toEqual(['b.io']);
    expect(both.fingerprint).not.toBe(base.fingerprint);
    expect(resolveConfig().images.trustedRegistries).toEqual([]);
  });
});
