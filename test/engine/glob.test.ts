/** Glob matching for `ignore` paths and rule-id patterns. */
import { describe, expect, it } from 'vitest';
import { matchGlob, pathIgnored } from '../../shared-rules/src/index';

describe('matchGlob', () => {
  it.each([
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'dir/a.yaml', false],
    ['**/*.yaml', 'a.yaml', true],
    ['**/*.yaml', 'x/y/a.yaml', true],
    ['charts/*/tests/**', 'charts/a/tests/t.yaml', true],
    ['charts/*/tests/**', 'charts/a/b/tests/t.yaml', false],
    ['*.{yaml,yml}', 'a.yml', true],
    ['*.{yaml,yml}', 'a.json', false],
    ['a?.yaml', 'ab.yaml', true],
    ['a?.yaml', 'a/.yaml', false],
    ['[ab].yaml', 'b.yaml', true],
    ['[!ab].yaml', 'c.yaml', true],
    ['[!ab].yaml', 'a.yaml', false],
    ['pod-*', 'pod-privileged', true],
    ['pod-*', 'ingress-tls-missing', false],
    ['a.b+c(d)', 'a.b+c(d)', true],
    ['a.b', 'axb', false],
  ])('%s ~ %s → %s', (glob, subject, expected) => {
    expect(matchGlob(glob, subject)).toBe(expected);
  });
});

describe('pathIgnored', () => {
  it('matches a path, a folder and a name at any depth', () => {
    expect(pathIgnored(['charts/*/tests/**'], 'charts/a/tests/x.yaml')).toBe(true);
    expect(pathIgnored(['generated/'], 'generated/a/b.yaml')).toBe(true);
    expect(pathIgnored(['generated'], 'x/generated/b.yaml')).toBe(true);
    expect(pathIgnored(['*.tmpl.yaml'], 'deep/er/x.tmpl.yaml')).toBe(true);
    expect(pathIgnored(['./vendor/**'], 'vendor/a.yaml')).toBe(true);
    expect(pathIgnored(['vendor/**'], 'src/vendor.yaml')).toBe(false);
    expect(pathIgnored(['a/b.yaml'], 'a\\b.yaml')).toBe(true);
    expect(pathIgnored([], 'a.yaml')).toBe(false);
  });
});
