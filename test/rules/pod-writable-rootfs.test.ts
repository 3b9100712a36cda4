import rule from '../../shared-rules/src/rules/pod-writable-rootfs';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const restricted = { profile: 'restricted' as const };

const missing = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
      securityContext:
        runAsNonRoot: true
`);

const mixed = yaml`
  apiVersion: apps/v1
  kind: ReplicaSet
  metadata: { name: web }
  spec:
    template:
      spec:
        containers:
          - name: web
            image: nginx:1.27
            securityContext:
              readOnlyRootFilesystem: false  # nginx writes its cache
          - name: sidecar
            image: sidecar:1.0
            securityContext: {}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      config: restricted,
      code: suppressedOnPodTemplate(rule.meta.id, missing.spec),
    },
    {
      name: 'restricted: read-only everywhere',
      config: restricted,
      code: everyKind(yaml`
        initContainers:
          - { name: init, image: "init:1.0", securityContext: { readOnlyRootFilesystem: true } }
        containers:
          - name: app
            image: app:1.0
            securityContext:
              readOnlyRootFilesystem: true
      `).code,
    },
    { name: 'baseline profile: the rule does not run', code: missing.code },
    {
      name: 'restricted: Helm whole-line toYaml is unknown',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: "{{ .Values.image }}"
                  securityContext:
                  {{- toYaml .Values.securityContext | nindent 12 }}
                  ports:
                    - containerPort: 80
      `,
    },
    { name: 'restricted: a Kustomize patch may leave the field to the base', config: restricted, partial: true, code: missing.code },
    {
      name: 'restricted: Windows pods are skipped (the field is Linux-only)',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          os: { name: windows }
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      `,
    },
  ],
  invalid: [
    {
      name: 'restricted: missing, every workload kind',
      config: restricted,
      code: missing.code,
      errors: missing.at(4, 5).map((p) => ({ ...p, endColumn: p.column + 15, messageId: 'missing', severity: 'info' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
            securityContext:
              runAsNonRoot: true
              readOnlyRootFilesystem: true
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'restricted: explicit false keeps its comment; an empty flow securityContext',
      config: restricted,
      code: mixed,
      errors: [
        { ...where(mixed, 'false'), messageId: 'writable', message: 'Container "web" sets readOnlyRootFilesystem: false' },
        { ...where(mixed, 'securityContext', 2), messageId: 'missing', message: 'Container "sidecar" does not set readOnlyRootFilesystem: true' },
      ],
      output: mixed
        .replace('readOnlyRootFilesystem: false', 'readOnlyRootFilesystem: true')
        .replace('securityContext: {}', 'securityContext: {readOnlyRootFilesystem: true}'),
    },
    {
      name: 'restricted: the combined fix offered on a missing field',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
          - name: web
            image: nginx:1.27
      `,
      errors: [{ line: 6, column: 11, endColumn: 14, messageId: 'missing' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
          - name: web
            image: nginx:1.27
            securityContext:
              readOnlyRootFilesystem: true
      `,
      fixes: [
        {
          title: 'Apply the restricted securityContext',
          output: yaml`
            apiVersion: v1
            kind: Pod
            metadata: { name: web }
            spec:
              containers:
              - name: web
                image: nginx:1.27
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities:
                    drop:
                    - ALL
                  readOnlyRootFilesystem: true
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
          `,
        },
      ],
    },
  ],
});
