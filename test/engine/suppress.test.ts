/**
 * Suppressions: next-line and block comments, annotations on a resource or
 * its pod template, and unused suppressions reported with a safe fix.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  applyFixes,
  containersOf,
  defineRule,
  FileAnalyzer,
  resolveConfig,
  RULES,
  WORKLOAD_KINDS,
  type KubewardConfig,
  type Rule,
} from '../../shared-rules/src/index';
import { yaml } from '../helpers/yaml-tag';

function testRule(id: string, field: 'image' | 'name'): Rule {
  return defineRule({
    meta: {
      id,
      title: `Test rule ${id}`,
      severity: 'warning',
      category: 'pod-security',
      kinds: WORKLOAD_KINDS,
      messages: { m: `Container "{{name}}": ${id}.` },
      fix: { availability: 'none' },
      docs: { rationale: '', remediation: '', invalid: '', valid: '' },
      references: {},
      since: '0.1.0',
    },
    check(ctx) {
      for (const c of containersOf(ctx.object)) {
        const node = c.node.get(field);
        if (node && !node.isNull) ctx.report({ node, messageId: 'm', data: { name: c.name } });
      }
    },
  }) as Rule;
}

const RULE_SET: Rule[] = [
  testRule('test-image', 'image'),
  testRule('test-name', 'name'),
  ...RULES.filter((r) => ['unused-suppression', 'yaml-syntax'].includes(r.meta.id)),
];

function analyze(text: string, config?: KubewardConfig, withFixes = false) {
  return new FileAnalyzer().analyze(text, { rules: RULE_SET, config: resolveConfig(config), withFixes }).findings;
}

/** "ruleId line:col text" for each finding (1-based). */
function show(text: string, config?: KubewardConfig): string[] {
  return analyze(text, config).map((f) => {
    const before = text.slice(0, f.start);
    const line = before.split('\n').length;
    const col = f.start - before.lastIndexOf('\n');
    return `${f.ruleId} ${line}:${col} ${text.slice(f.start, f.end)}`;
  });
}

function fixAll(text: string): string {
  return applyFixes(text, (t) => analyze(t, undefined, true), { applicability: 'safe' }).text;
}

const pod = (containers: string, metadata = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${metadata}spec:\n  containers:\n${containers}`;

describe('kubeward-disable-next-line', () => {
  it('without a suppression both rules report', () => {
    expect(show(pod('    - name: web\n      image: nginx\n'))).toEqual(['test-name 7:13 web', 'test-image 8:14 nginx']);
  });

  it('suppresses one rule on the next line, with a reason', () => {
    const text = pod('    - name: web\n      # kubeward-disable-next-line test-image -- pinned by digest upstream\n      image: nginx\n');
    expect(show(text)).toEqual(['test-name 7:13 web']);
  });

  it('suppresses several rules, comma or space separated', () => {
    for (const list of ['test-image, test-name', 'test-image,test-name', 'test-image test-name']) {
      const text = pod(`    # kubeward-disable-next-line ${list}\n    - {name: web, image: nginx}\n`);
      expect(show(text), list).toEqual([]);
    }
  });

  it('all rules when none is named', () => {
    expect(show(pod('    # kubeward-disable-next-line\n    - {name: web, image: nginx}\n'))).toEqual([]);
  });

  it('stacked comments, blank lines and other comments in between', () => {
    const text = pod(
      '    # kubeward-disable-next-line test-image\n\n    # a note\n    # kubeward-disable-next-line test-name -- why\n    - {name: web, image: nginx}\n',
    );
    expect(show(text)).toEqual([]);
  });

  it('as a trailing comment it covers the next line, not its own', () => {
    const text = pod('    - name: web # kubeward-disable-next-line test-image\n      image: nginx\n');
    expect(show(text)).toEqual(['test-name 7:13 web']);
  });

  it('covers only the next line', () => {
    const text = pod('    # kubeward-disable-next-line test-name\n    - name: web\n      image: nginx\n    - name: api\n      image: nginx\n');
    expect(show(text)).toEqual(['test-image 9:14 nginx', 'test-name 10:13 api', 'test-image 11:14 nginx']);
  });
});

describe('kubeward-disable / kubeward-enable blocks', () => {
  const containers = '    - name: a\n      image: x\n    - name: b\n      image: y\n';
  it('a named block', () => {
    const text = pod(`    # kubeward-disable test-image\n${containers}    # kubeward-enable test-image\n    - name: c\n      image: z\n`);
    expect(show(text).map((s) => s.split(' ')[0] + ' ' + s.split(' ')[2])).toEqual(['test-name a', 'test-name b', 'test-name c', 'test-image z']);
  });
  it('an all-rules block closed by a bare enable', () => {
    const text = pod(`    # kubeward-disable\n${containers}    # kubeward-enable\n    - name: c\n      image: z\n`);
    expect(show(text).map((s) => s.split(' ')[2])).toEqual(['c', 'z']);
  });
  it('an unclosed block runs to the end of the file', () => {
    const text = pod(`    - name: c\n      image: z\n    # kubeward-disable test-name\n${containers}`);
    expect(show(text).map((s) => s.split(' ')[2])).toEqual(['c', 'z', 'x', 'y']);
  });
  it('a misspelt directive is no directive (it never disables every rule)', () => {
    for (const typo of ['kubeward-disable-line test-name', 'kubeward-disabled test-name', 'kubeward-disable-next test-name']) {
      const text = pod(`    # ${typo}\n${containers}`);
      expect(
        show(text).map((s) => s.split(' ')[0]),
        typo,
      ).toEqual(['test-name', 'test-image', 'test-name', 'test-image']);
    }
  });

  it('a named enable does not close an all-rules block', () => {
    const text = pod(`    # kubeward-disable\n    # kubeward-enable test-name\n${containers}`);
    expect(show(text)).toEqual([]);
  });
});

describe('annotations', () => {
  it('on the resource', () => {
    const text = pod('    - name: web\n      image: nginx\n', '  annotations:\n    ignore.kubeward.io/test-image: "pinned upstream"\n');
    expect(show(text).map((s) => s.split(' ')[0])).toEqual(['test-name']);
  });

  it('on the pod template of a workload', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: d
      spec:
        template:
          metadata:
            annotations:
              ignore.kubeward.io/test-name: "generated names"
          spec:
            containers:
              - name: web
                image: nginx
    `;
    expect(show(text).map((s) => s.split(' ')[0])).toEqual(['test-image']);
  });

  it('covers only its own resource', () => {
    const a = pod('    - name: web\n      image: nginx\n', '  annotations:\n    ignore.kubeward.io/test-image: "x"\n');
    const b = pod('    - name: web\n      image: nginx\n');
    expect(show(`${a}---\n${b}`).map((s) => s.split(' ')[0])).toEqual(['test-name', 'test-name', 'test-image']);
  });
});

describe('unused suppressions', () => {
  it('a comment that suppresses nothing is a hint', () => {
    const text = pod('    # kubeward-disable-next-line test-image\n    - name: web\n      image: nginx\n');
    const findings = analyze(text);
    const unused = findings.filter((f) => f.ruleId === 'unused-suppression');
    expect(unused.length).toBe(1);
    expect(unused[0]!.severity).toBe('hint');
    expect(text.slice(unused[0]!.start, unused[0]!.end)).toBe('# kubeward-disable-next-line test-image');
  });

  it('an unknown rule id is reported', () => {
    const text = pod('    # kubeward-disable-next-line test-nmae\n    - name: web\n      image: nginx\n');
    const unused = analyze(text).filter((f) => f.ruleId === 'unused-suppression');
    expect(unused.map((f) => f.message)).toEqual([expect.stringContaining('Unknown rule "test-nmae"')]);
  });

  it('an annotation that suppresses nothing, and one with an unknown id', () => {
    const text = pod('    - name: web\n', '  annotations:\n    ignore.kubeward.io/test-image: "x"\n    ignore.kubeward.io/nope: "y"\n');
    const unused = show(text).filter((s) => s.startsWith('unused-suppression'));
    expect(unused).toEqual(['unused-suppression 6:5 ignore.kubeward.io/test-image', 'unused-suppression 7:5 ignore.kubeward.io/nope']);
  });

  it('can be turned off', () => {
    const text = pod('    # kubeward-disable-next-line test-image\n    - name: web\n');
    expect(show(text, { rules: { 'unused-suppression': 'off' } })).toEqual(['test-name 8:13 web']);
  });

  it('never in a file that is not a manifest', () => {
    expect(analyze('# kubeward-disable-next-line test-image\nname: ci\n')).toEqual([]);
  });

  describe('the safe fix removes exactly the unused part', () => {
    const parses = (t: string) => expect(parseAllDocuments(t).flatMap((d) => ('errors' in d ? d.errors : []))).toEqual([]);

    it('a whole comment line', () => {
      const text = pod('    # kubeward-disable-next-line test-image\n    - name: web\n');
      const fixed = fixAll(text);
      expect(fixed).toBe(pod('    - name: web\n'));
      parses(fixed);
    });

    it('a trailing comment', () => {
      const text = pod('    - name: web # kubeward-disable-next-line test-image\n');
      expect(fixAll(text)).toBe(pod('    - name: web\n'));
    });

    it('one unused id of several, keeping the used one', () => {
      const text = pod('    # kubeward-disable-next-line test-name, test-image -- reason\n    - name: web\n');
      const fixed = fixAll(text);
      expect(fixed).toBe(pod('    # kubeward-disable-next-line test-name -- reason\n    - name: web\n'));
      expect(show(fixed)).toEqual([]);
    });

    it('two unused ids of three', () => {
      const text = pod('    # kubeward-disable-next-line test-image, test-name, nope, other\n    - name: web\n');
      const fixed = fixAll(text);
      expect(fixed).toBe(pod('    # kubeward-disable-next-line test-name\n    - name: web\n'));
      expect(show(fixed)).toEqual([]);
    });

    it('an unused annotation in block style, with a multi-line reason', () => {
      const text = pod('    - name: web\n', '  annotations:\n    ignore.kubeward.io/test-image: >-\n      a long\n      reason\n    other: x\n');
      const fixed = fixAll(text);
      expect(fixed).toBe(pod('    - name: web\n', '  annotations:\n    other: x\n'));
      parses(fixed);
    });

    it('an unused annotation in flow style', () => {
      const text = pod('    - name: web\n', '  annotations: {ignore.kubeward.io/test-image: "x", other: y}\n');
      const fixed = fixAll(text);
      expect(fixed).toBe(pod('    - name: web\n', '  annotations: {other: y}\n'));
      parses(fixed);
    });

    it('keeps CRLF', () => {
      const text = pod('    # kubeward-disable-next-line test-image\n    - name: web\n').replace(/\n/g, '\r\n');
      expect(fixAll(text)).toBe(pod('    - name: web\n').replace(/\n/g, '\r\n'));
    });
  });
});
