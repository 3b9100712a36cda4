import rule from '../../shared-rules/src/rules/pod-sa-token-automount';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const restricted = { profile: 'restricted' as const };

const missing = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
`);
const specKeys = missing.at(1, 1).map((p) => ({ line: p.line - 1, column: p.column - 2, endColumn: p.column + 2 }));

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      config: restricted,
      code: suppressedOnPodTemplate(rule.meta.id, missing.spec),
    },
    {
      name: 'restricted: disabled on the pod',
      config: restricted,
      code: everyKind(yaml`
        automountServiceAccountToken: false
        containers:
          - name: app
            image: app:1.0
      `).code,
    },
    { name: 'baseline profile: the rule does not run', code: missing.code },
    {
      name: 'restricted: templated value is unknown',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              automountServiceAccountToken: {{ .Values.automount }}
              containers:
                - name: web
                  image: nginx:1.27
      `,
    },
    {
      name: 'restricted: a Helm action line in the pod spec may set it',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              {{- include "web.podDefaults" . | nindent 6 }}
              containers:
                - name: web
                  image: nginx:1.27
      `,
    },
    { name: 'restricted: a Kustomize patch may leave the field to the base', config: restricted, partial: true, code: missing.code },
    {
      name: 'restricted: suppressed on the line above',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: operator }
        # kubeward-disable-next-line pod-sa-token-automount -- the operator watches the API
        spec:
          containers:
            - name: operator
              image: operator:1.0
      `,
    },
  ],
  invalid: [
    {
      name: 'restricted: missing, every workload kind',
      config: restricted,
      code: missing.code,
      errors: specKeys.map((p) => ({ ...p, messageId: 'missing', severity: 'info' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
        automountServiceAccountToken: false
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'restricted: explicit true',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          serviceAccountName: web
          automountServiceAccountToken: true
          containers:
            - name: web
              image: nginx:1.27
      `,
      errors: [{ line: 6, column: 33, endColumn: 37, messageId: 'enabled', message: 'Pod "web" sets automountServiceAccountToken: true' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          serviceAccountName: web
          automountServiceAccountToken: false
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'restricted: 4-space and flow style',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
            name: web
        spec:
            template:
                spec: { containers: [{ name: web, image: "nginx:1.27" }] }
      `,
      errors: [{ line: 7, column: 9, endColumn: 13, messageId: 'missing' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
            name: web
        spec:
            template:
                spec: { containers: [{ name: web, image: "nginx:1.27" }], automountServiceAccountToken: false }
      `,
    },
  ],
});
