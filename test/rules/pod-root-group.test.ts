import rule from '../../shared-rules/src/rules/pod-root-group';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const restricted = { profile: 'restricted' as const };

const kinds = everyKind(yaml`
  securityContext:
    runAsUser: 10001
    runAsGroup: 0
  containers:
    - name: app
      image: app:1.0
`);

const all = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: web }
  spec:
    securityContext:
      fsGroup: 0
      supplementalGroups: [1000, 0]
    containers:
      - name: web
        image: web:1.0
        securityContext:
          runAsGroup: 0 # matches the image's files
`;

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      config: restricted,
      code: suppressedOnPodTemplate(rule.meta.id, kinds.spec),
    },
    {
      name: 'restricted: non-zero groups',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            runAsGroup: 10001
            fsGroup: 2000
            supplementalGroups: [3000]
          containers:
            - name: web
              image: web:1.0
              securityContext: { runAsGroup: 10001 }
      `,
    },
    {
      name: 'restricted: unset groups are not reported',
      config: restricted,
      code: everyKind(yaml`
      containers:
        - name: app
          image: app:1.0
    `).code,
    },
    { name: 'baseline profile: the rule does not run', code: all },
    {
      name: 'restricted: templated values are unknown',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            runAsGroup: {{ .Values.gid }}
            fsGroup: {{ .Values.fsGroup | default 0 }}
          containers:
            - name: web
              image: web:1.0
      `,
    },
  ],
  invalid: [
    {
      name: 'runAsUser without runAsGroup: at the pod (once for every container) and on a container; a group at either level satisfies it',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            runAsUser: 10001
          containers:
            - name: a
              image: a:1.0
            - name: b
              image: b:1.0
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: api }
        spec:
          securityContext:
            runAsGroup: 10001
          containers:
            - name: ok
              image: ok:1.0
              securityContext: { runAsUser: 10001 }
            - name: side
              image: side:1.0
              securityContext:
                runAsUser: 10002
                runAsGroup: 10002
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: job }
        spec:
          containers:
            - name: task
              image: task:1.0
              securityContext:
                runAsUser: 10003
      `,
      errors: [
        {
          line: 6,
          column: 5,
          endColumn: 14,
          messageId: 'noGroup',
          severity: 'info',
          message: 'Pod "web" sets runAsUser without runAsGroup: its processes run with the image\'s group, usually 0 (root).',
        },
        { line: 37, column: 9, endColumn: 18, messageId: 'noGroup', message: 'Container "task" sets runAsUser without runAsGroup' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            runAsUser: 10001
            runAsGroup: <non-zero-gid>
          containers:
            - name: a
              image: a:1.0
            - name: b
              image: b:1.0
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: api }
        spec:
          securityContext:
            runAsGroup: 10001
          containers:
            - name: ok
              image: ok:1.0
              securityContext: { runAsUser: 10001 }
            - name: side
              image: side:1.0
              securityContext:
                runAsUser: 10002
                runAsGroup: 10002
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: job }
        spec:
          containers:
            - name: task
              image: task:1.0
              securityContext:
                runAsUser: 10003
                runAsGroup: <non-zero-gid>
      `,
    },
    {
      name: 'restricted: runAsGroup 0, every workload kind',
      config: restricted,
      code: kinds.code,
      errors: kinds.at(3, 15).map((p) => ({ ...p, endColumn: p.column + 1, messageId: 'runAsGroup', severity: 'info' as const })),
      output: everyKind(yaml`
        securityContext:
          runAsUser: 10001
          runAsGroup: <non-zero-gid>
        containers:
          - name: app
            image: app:1.0
      `).code,
      applicability: 'display-only',
    },
    {
      name: 'restricted: fsGroup, supplementalGroups and a container runAsGroup',
      config: restricted,
      code: all,
      errors: [
        { ...where(all, '0', 1), messageId: 'fsGroup', message: 'Pod "web" sets fsGroup: 0' },
        { ...where(all, ' 0]'), column: where(all, ' 0]').column + 1, endColumn: where(all, ' 0]').column + 2, messageId: 'supplementalGroups' },
        {
          ...where(all, 'runAsGroup: 0'),
          column: where(all, 'runAsGroup: 0').column + 12,
          endColumn: where(all, 'runAsGroup: 0').column + 13,
          messageId: 'runAsGroup',
          message: 'Container "web" sets runAsGroup: 0',
        },
      ],
      output: all.replace('fsGroup: 0', 'fsGroup: <non-zero-gid>').replace('[1000, 0]', '[1000]').replace('runAsGroup: 0 #', 'runAsGroup: <non-zero-gid> #'),
      fixes: [{ title: 'Use a non-zero GID', output: all.replace('fsGroup: 0', 'fsGroup: <non-zero-gid>') }],
    },
    {
      name: 'restricted: removing group 0 from a block list',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext:
                supplementalGroups:
                  - 0
                  - 2000
              containers:
                - name: web
                  image: web:1.0
      `,
      errors: [{ line: 9, column: 13, endColumn: 14, messageId: 'supplementalGroups' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext:
                supplementalGroups:
                  - 2000
              containers:
                - name: web
                  image: web:1.0
      `,
      applicability: 'unsafe',
    },
  ],
});
