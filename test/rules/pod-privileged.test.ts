import rule from '../../shared-rules/src/rules/pod-privileged';
import { everyKind } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
      securityContext:
        privileged: true
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext: { privileged: true }
`);

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: web
            image: nginx:1.27
            securityContext:
              privileged: false
    `,
    {
      name: 'not a workload',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data:
          privileged: "true"
      `,
    },
    {
      name: 'templated value is unknown, not a finding',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext:
                    privileged: {{ .Values.privileged }}
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                # kubeward-disable-next-line pod-privileged -- node agent needs devices
                privileged: true
      `,
    },
    {
      name: 'suppressed by annotation on the pod template',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/pod-privileged: "node agent"
            spec:
              containers:
                - name: agent
                  image: agent:1.0
                  securityContext: { privileged: true }
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind, containers and ephemeral containers',
      code: kinds.code,
      errors: kinds.at(5, 19).flatMap((p, i) => [
        { ...p, endColumn: p.column + 4, message: 'Container "app" runs privileged' },
        { ...kinds.at(9, 36)[i]!, endColumn: kinds.at(9, 36)[i]!.column + 4, message: 'Container "debug" runs privileged' },
      ]),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
            securityContext:
              privileged: false
        ephemeralContainers:
          - name: debug
            image: busybox:1.36
            securityContext: { privileged: false }
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'a Kustomize patch still reports a present bad value; 4-space indentation',
      partial: true,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
            name: web
        spec:
            template:
                spec:
                    containers:
                        -   name: web
                            securityContext:
                                privileged: true
      `,
      errors: [{ line: 11, column: 37, endColumn: 41 }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
            name: web
        spec:
            template:
                spec:
                    containers:
                        -   name: web
                            securityContext:
                                privileged: false
      `,
    },
    {
      name: 'block style, keeps the trailing comment',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                privileged: true  # needed?
      `,
      errors: [{ line: 10, column: 21, endColumn: 25, messageId: 'privileged', message: 'Container "web" runs privileged' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                privileged: false  # needed?
      `,
      applicability: 'unsafe',
    },
    {
      name: 'YAML 1.1 "yes" is true for Kubernetes; init and ephemeral containers; CronJob',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: job }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                  - name: init
                    securityContext: { privileged: yes }
                  containers:
                  - name: main
                    securityContext:
                      privileged: true
      `,
      errors: [
        { line: 11, column: 44, endColumn: 47 },
        { line: 15, column: 27, endColumn: 31 },
      ],
      output: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: job }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                  - name: init
                    securityContext: { privileged: false }
                  containers:
                  - name: main
                    securityContext:
                      privileged: false
      `,
    },
  ],
});
