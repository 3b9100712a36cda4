import rule from '../../shared-rules/src/rules/pod-run-as-root';
import { everyKind } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const restricted = { profile: 'restricted' as const };

const missing = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
`);
const specKeys = missing.at(1, 1).map((p) => ({ line: p.line - 1, column: p.column - 2, endColumn: p.column + 2 }));

const explicit = yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: { name: db }
  spec:
    template:
      spec:
        securityContext:
          runAsNonRoot: false
          runAsUser: 0
        containers:
          - name: db
            image: postgres:17
            securityContext:
              runAsNonRoot: true
              runAsUser: 999
          - name: backup
            image: backup:1.0
            securityContext: { runAsNonRoot: false, runAsUser: 0 }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'restricted: the pod level covers the containers',
      config: restricted,
      code: everyKind(yaml`
        securityContext:
          runAsNonRoot: true
        containers:
          - name: app
            image: app:1.0
            securityContext:
              runAsUser: 10001
      `).code,
    },
    {
      name: 'restricted: every container sets it',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          initContainers:
            - { name: init, image: "init:1.0", securityContext: { runAsNonRoot: true } }
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                runAsNonRoot: yes
      `,
    },
    { name: 'baseline profile: the rule does not run', code: explicit },
    {
      name: 'restricted: a templated pod securityContext is unknown',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext:
                {{- toYaml .Values.podSecurityContext | nindent 8 }}
              containers:
                - name: web
                  image: "{{ .Values.image }}"
                  securityContext:
                    runAsUser: {{ .Values.uid }}
      `,
    },
    {
      name: 'restricted: a Kustomize patch may leave the field to the base',
      config: restricted,
      partial: true,
      code: missing.code,
    },
    {
      name: 'restricted: suppressed by an annotation on the pod template',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: legacy }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/pod-run-as-root: "vendor image runs as root"
            spec:
              containers:
                - name: legacy
                  image: legacy:1.0
      `,
    },
  ],
  invalid: [
    {
      name: 'restricted: missing, every workload kind',
      config: restricted,
      code: missing.code,
      errors: specKeys.map((p) => ({ ...p, messageId: 'missing', severity: 'warning' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
        securityContext:
          runAsNonRoot: true
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'restricted: variants add a runAsUser to fill in, or the whole restricted securityContext',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            fsGroup: 2000
          containers:
            - name: web
              image: nginx:1.27
            - name: tail
              image: busybox:1.36
              securityContext:
                runAsNonRoot: true
      `,
      errors: [{ line: 5, column: 3, endColumn: 18, messageId: 'missing', message: 'Pod "web" may run container "web" as root' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            fsGroup: 2000
            runAsNonRoot: true
          containers:
            - name: web
              image: nginx:1.27
            - name: tail
              image: busybox:1.36
              securityContext:
                runAsNonRoot: true
      `,
      fixes: [
        {
          title: 'Set runAsNonRoot: true, a runAsUser and a runAsGroup for the pod',
          output: yaml`
            apiVersion: v1
            kind: Pod
            metadata: { name: web }
            spec:
              securityContext:
                fsGroup: 2000
                runAsNonRoot: true
                runAsUser: <non-zero-uid>
                runAsGroup: <non-zero-gid>
              containers:
                - name: web
                  image: nginx:1.27
                - name: tail
                  image: busybox:1.36
                  securityContext:
                    runAsNonRoot: true
          `,
        },
        {
          title: 'Apply the restricted securityContext',
          output: yaml`
            apiVersion: v1
            kind: Pod
            metadata: { name: web }
            spec:
              securityContext:
                fsGroup: 2000
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities:
                      drop:
                        - ALL
                    readOnlyRootFilesystem: true
                - name: tail
                  image: busybox:1.36
                  securityContext:
                    runAsNonRoot: true
                    allowPrivilegeEscalation: false
                    capabilities:
                      drop:
                        - ALL
                    readOnlyRootFilesystem: true
          `,
        },
      ],
    },
    {
      name: 'restricted: explicit false and UID 0 at both levels',
      config: restricted,
      code: explicit,
      errors: [
        { ...where(explicit, '0', 1), messageId: 'rootUser', message: 'StatefulSet "db" sets runAsUser: 0' },
        { ...where(explicit, 'false', 1), messageId: 'disabled', message: 'StatefulSet "db" sets runAsNonRoot: false' },
        { ...where(explicit, 'false', 2), messageId: 'disabled', message: 'Container "backup" sets runAsNonRoot: false' },
        {
          ...where(explicit, ' 0 }'),
          column: where(explicit, ' 0 }').column + 1,
          endColumn: where(explicit, ' 0 }').column + 2,
          messageId: 'rootUser',
          message: 'Container "backup" sets runAsUser: 0',
        },
      ].sort((a, b) => a.line - b.line || a.column - b.column),
      output: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: db }
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: <non-zero-uid>
              containers:
                - name: db
                  image: postgres:17
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 999
                - name: backup
                  image: backup:1.0
                  securityContext: { runAsNonRoot: true, runAsUser: <non-zero-uid> }
      `,
    },
    {
      name: 'restricted: 4-space indentation',
      config: restricted,
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata:
            name: migrate
        spec:
            template:
                spec:
                    restartPolicy: Never
                    containers:
                        -   name: migrate
                            image: migrate:1.0
      `,
      errors: [{ line: 7, column: 9, endColumn: 13, messageId: 'missing' }],
      output: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata:
            name: migrate
        spec:
            template:
                spec:
                    restartPolicy: Never
                    containers:
                        -   name: migrate
                            image: migrate:1.0
                    securityContext:
                        runAsNonRoot: true
      `,
    },
    {
      name: 'restricted: flow style pod spec',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec: { containers: [{ name: web, image: "nginx:1.27" }] }
      `,
      errors: [{ line: 4, column: 1, endColumn: 5, messageId: 'missing' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec: { containers: [{ name: web, image: "nginx:1.27" }], securityContext: {runAsNonRoot: true} }
      `,
    },
  ],
});
