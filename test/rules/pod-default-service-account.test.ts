import rule from '../../shared-rules/src/rules/pod-default-service-account';
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
      name: 'restricted: a dedicated service account',
      config: restricted,
      code: everyKind(yaml`
        serviceAccountName: app
        containers:
          - name: app
            image: app:1.0
      `).code,
    },
    {
      name: 'restricted: the deprecated serviceAccount field names one too',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          serviceAccount: web
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    { name: 'baseline profile: the rule does not run', code: missing.code },
    {
      name: 'restricted: templated name is unknown',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              serviceAccountName: {{ include "web.serviceAccountName" . }}
              containers:
                - name: web
                  image: nginx:1.27
      `,
    },
    { name: 'restricted: a Kustomize patch may leave the field to the base', config: restricted, partial: true, code: missing.code },
    {
      name: 'restricted: suppressed by an annotation',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            ignore.kubeward.io/pod-default-service-account: "namespace has one workload"
        spec:
          containers:
            - name: web
              image: nginx:1.27
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
        serviceAccountName: <service-account>
      `).code,
      applicability: 'display-only',
    },
    {
      name: 'restricted: explicitly default, in either field',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: { name: a }
            spec:
              serviceAccountName: "default"
              containers: [{ name: a, image: "a:1" }]
          - apiVersion: v1
            kind: Pod
            metadata: { name: b }
            spec:
              serviceAccount: default
              containers: [{ name: b, image: "b:1" }]
          - apiVersion: v1
            kind: Pod
            metadata: { name: c }
            spec:
              serviceAccountName: ''
              containers: [{ name: c, image: "c:1" }]
      `,
      errors: [
        { line: 8, column: 27, endColumn: 36, messageId: 'explicit', message: 'Pod "a" runs as the namespace\'s "default" service account' },
        { line: 14, column: 23, endColumn: 30, messageId: 'explicit', message: 'Pod "b" runs as the namespace\'s "default" service account' },
        { line: 20, column: 27, endColumn: 29, messageId: 'explicit', message: 'Pod "c" runs as the namespace\'s "default" service account' },
      ],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: { name: a }
            spec:
              serviceAccountName: "<service-account>"
              containers: [{ name: a, image: "a:1" }]
          - apiVersion: v1
            kind: Pod
            metadata: { name: b }
            spec:
              serviceAccount: <service-account>
              containers: [{ name: b, image: "b:1" }]
          - apiVersion: v1
            kind: Pod
            metadata: { name: c }
            spec:
              serviceAccountName: '<service-account>'
              containers: [{ name: c, image: "c:1" }]
      `,
    },
  ],
});
