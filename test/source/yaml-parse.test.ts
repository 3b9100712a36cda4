/**
 * How Kubeward parses manifests. Quoted scalars continued on under-indented
 * lines: Kubernetes (go-yaml) reads them, so Kubeward does too, with the values
 * go-yaml gives and exact offsets.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, type Document } from 'yaml';
import { lint } from '../../shared-rules/src/index';
import { fatalErrorCount, parseManifestDocuments, PARSE_OPTIONS } from '../../shared-rules/src/yaml/parse';

/** yaml alone, strict. */
const parse = (text: string) => parseAllDocuments(text, PARSE_OPTIONS) as unknown as Document.Parsed[];
/** What the engine parses, when it reads more than yaml alone does. */
function relaxed(text: string): Document.Parsed[] | undefined {
  const docs = parseManifestDocuments(text);
  return fatalErrorCount(docs) < fatalErrorCount(parse(text)) ? docs : undefined;
}
/** 1-based line:column of an offset. */
function at(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

// The shape of the ZooKeeper and Kafka StatefulSets of kubernetes.io.
const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: kafka',
  'spec:',
  '  containers:',
  '    - name: kafka',
  '      image: registry.example.com/kafka:3.7.0',
  '      command:',
  '        - sh',
  '        - -c',
  '        - "exec kafka-server-start.sh server.properties --override broker.id=${HOSTNAME##*-} \\',
  '      --override listeners=PLAINTEXT://:9093 \\',
  '   --override log.dirs=/var/lib/kafka"',
  "        - 'it''s,",
  "  continued'",
  '      securityContext:',
  '        privileged: true',
  '',
].join('\n');

describe('under-indented quoted scalars', () => {
  it('yaml alone rejects them (the reason this exists)', () => {
    expect(parse(POD)[0]!.errors[0]!.message).toMatch(/^Missing closing "quote/);
  });

  it("parse as Kubernetes reads them, with go-yaml's values", () => {
    const docs = relaxed(POD)!;
    expect(docs).toBeDefined();
    expect(docs[0]!.errors).toEqual([]);
    const command = (docs[0]!.toJS() as { spec: { containers: Array<{ command: string[] }> } }).spec.containers[0]!.command;
    expect(command).toEqual([
      'sh',
      '-c',
      'exec kafka-server-start.sh server.properties --override broker.id=${HOSTNAME##*-} --override listeners=PLAINTEXT://:9093 --override log.dirs=/var/lib/kafka',
      "it's, continued",
    ]);
  });

  it('keep every offset: findings after the scalar are on their exact node, and no syntax error', () => {
    const result = lint(POD);
    expect(result.findings.map((f) => [f.ruleId, at(POD, f.start), at(POD, f.end)])).toEqual([['pod-privileged', '18:21', '18:25']]);
  });

  it('keep every offset with CRLF line breaks too', () => {
    const crlf = POD.replace(/\n/g, '\r\n');
    const result = lint(crlf);
    expect(result.findings.map((f) => [f.ruleId, crlf.slice(f.start, f.end)])).toEqual([['pod-privileged', 'true']]);
    const command = (relaxed(crlf)![0]!.toJS() as { spec: { containers: Array<{ command: string[] }> } }).spec.containers[0]!.command;
    expect(command[2]).toBe(
      'exec kafka-server-start.sh server.properties --override broker.id=${HOSTNAME##*-} --override listeners=PLAINTEXT://:9093 --override log.dirs=/var/lib/kafka',
    );
  });

  it('a quote that never closes is still a syntax error', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      args:\n        - "unclosed\n  and on\n';
    expect(relaxed(text)).toBeUndefined();
    expect(lint(text).findings.map((f) => f.ruleId)).toEqual(['yaml-syntax']);
  });

  it('a quote that closes only after a document end marker is still a syntax error', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      args:\n        - "open\n  more\n...\n"\n';
    expect(relaxed(text)).toBeUndefined();
  });

  it('other syntax errors are left as they are', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {a: b\nspec: {}\n';
    expect(relaxed(text)).toBeUndefined();
    expect(lint(text).findings.map((f) => f.ruleId)).toEqual(['yaml-syntax']);
  });

  it('a real error after a relaxed scalar is the one reported', () => {
    const text = POD.replace('      securityContext:\n', '      securityContext:\n     bad: indent\n');
    const findings = lint(text).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['yaml-syntax']);
    // The broken block around `bad: indent`, not the quoted scalars before it.
    expect(findings[0]!.message).toMatch(/Sequence item without - indicator/);
    expect(at(text, findings[0]!.start).split(':')[0]).toBe('17');
  });

  it('relax every such scalar of a document, each with its own value', () => {
    const args = Array.from({ length: 40 }, (_, i) => `        - "arg ${i}\n  continued ${i}"`).join('\n');
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      args:\n${args}\n      securityContext:\n        privileged: true\n`;
    expect(parse(text)[0]!.errors.length).toBeGreaterThan(0);
    const docs = relaxed(text)!;
    expect(docs[0]!.errors).toEqual([]);
    const got = (docs[0]!.toJS() as { spec: { containers: Array<{ args: string[] }> } }).spec.containers[0]!.args;
    expect(got).toEqual(Array.from({ length: 40 }, (_, i) => `arg ${i} continued ${i}`));
    expect(lint(text).findings.map((f) => f.ruleId)).toEqual(['pod-privileged']);
  });

  it('thousands of them in one document: one more parse, linear', () => {
    const args = Array.from({ length: 20_000 }, (_, i) => `        - "arg ${i}\n  more"`).join('\n');
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      args:\n${args}\n      securityContext:\n        privileged: true\n`;
    const docs = relaxed(text)!;
    expect((docs[0]!.toJS() as { spec: { containers: Array<{ args: string[] }> } }).spec.containers[0]!.args[19_999]).toBe('arg 19999 more');
    expect(lint(text).findings.map((f) => f.ruleId)).toEqual(['pod-privileged']);
  });

  it('a quoted key, flow collections and escaped quotes keep their strict reading', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  "k": "say \\"hi\\"\n  there"\n  list: [\'a\', "b\n  c"]\n';
    const docs = relaxed(text)!;
    expect(docs[0]!.toJS()).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { k: 'say "hi" there', list: ['a', 'b c'] } });
  });
});
