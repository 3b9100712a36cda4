/**
 * The same pod spec under every workload kind, one document each: Pod,
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
 * CronJob and PodTemplate. Rules must find the same thing in each, at the
 * place the spec moved to; `at()` says where that is.
 */
interface Wrapper {
  kind: string;
  header: string[];
  /** Column of the pod spec's keys. */
  indent: number;
}

const controller = (apiVersion: string, kind: string): Wrapper => ({
  kind,
  header: [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${kind.toLowerCase()}`, 'spec:', '  template:', '    spec:'],
  indent: 6,
});

export const KIND_WRAPPERS: readonly Wrapper[] = [
  { kind: 'Pod', header: ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: pod', 'spec:'], indent: 2 },
  controller('apps/v1', 'Deployment'),
  controller('apps/v1', 'StatefulSet'),
  controller('apps/v1', 'DaemonSet'),
  controller('apps/v1', 'ReplicaSet'),
  controller('v1', 'ReplicationController'),
  controller('batch/v1', 'Job'),
  {
    kind: 'CronJob',
    header: [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: cronjob',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
    ],
    indent: 10,
  },
  { kind: 'PodTemplate', header: ['apiVersion: v1', 'kind: PodTemplate', 'metadata:', '  name: podtemplate', 'template:', '  spec:'], indent: 4 },
];

export interface EveryKind {
  code: string;
  /** The pod spec it was built from. */
  spec: string;
  /** 1-based line and column of `(line, column)` of the spec, in each document in order. */
  at(line: number, column: number): Array<{ line: number; column: number }>;
}

/** `spec` is a pod spec at column 0 (with a trailing line break). */
export function everyKind(spec: string): EveryKind {
  const specLines = spec.replace(/\n$/, '').split('\n');
  const docs: string[] = [];
  const starts: number[] = [];
  let line = 1;
  for (const w of KIND_WRAPPERS) {
    starts.push(line);
    const body = specLines.map((l) => (l === '' ? '' : ' '.repeat(w.indent) + l));
    docs.push([...w.header, ...body].join('\n'));
    line += w.header.length + specLines.length + 1; // + the `---` line
  }
  return {
    code: `${docs.join('\n---\n')}\n`,
    spec,
    at: (l, c) => KIND_WRAPPERS.map((w, i) => ({ line: starts[i]! + w.header.length + l - 1, column: w.indent + c })),
  };
}

/**
 * A Deployment whose pod template carries `ignore.kubeward.io/<rule>`: the
 * rule must stay silent on `spec` (a pod spec that it flags elsewhere).
 */
export function suppressedOnPodTemplate(ruleId: string, spec: string): string {
  const body = spec
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? '' : `      ${l}`));
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: suppressed',
    'spec:',
    '  template:',
    '    metadata:',
    '      annotations:',
    `        ignore.kubeward.io/${ruleId}: "accepted risk, reviewed"`,
    '    spec:',
    ...body,
    '',
  ].join('\n');
}
