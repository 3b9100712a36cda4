import rule from '../../shared-rules/src/rules/pod-proc-mount-unmasked';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
      securityContext:
        procMount: Unmasked
`);

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      code: suppressedOnPodTemplate(rule.meta.id, kinds.spec),
    },
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: web
            image: nginx:1.27
            securityContext: { procMount: Default }
    `,
    {
      name: 'templated value is unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                procMount: {{ .Values.procMount }}
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind',
      code: kinds.code,
      errors: kinds.at(5, 18).map((p) => ({ ...p, endColumn: p.column + 8, message: 'Container "app" sets procMount: Unmasked' })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
            securityContext:
              procMount: Default
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'init and ephemeral containers, flow style, a comment kept',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: build }
        spec:
          initContainers:
            - { name: init, image: "init:1", securityContext: { procMount: Unmasked } }
          containers:
            - name: main
              image: main:1.0
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                procMount: "Unmasked" # nested containers
      `,
      errors: [
        { line: 6, column: 68, endColumn: 76, message: 'Container "init"' },
        { line: 14, column: 20, endColumn: 30, message: 'Container "debug"' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: build }
        spec:
          initContainers:
            - { name: init, image: "init:1", securityContext: { procMount: Default } }
          containers:
            - name: main
              image: main:1.0
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                procMount: "Default" # nested containers
      `,
    },
  ],
});
