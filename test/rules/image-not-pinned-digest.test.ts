import rule from '../../shared-rules/src/rules/image-not-pinned-digest';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const optIn = { rules: { 'image-not-pinned-digest': 'info' as const } };

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
`);

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      config: { rules: { 'image-not-pinned-digest': 'info' as const } },
      code: suppressedOnPodTemplate(rule.meta.id, kinds.spec),
    },
    { name: 'opt-in: off by default', code: kinds.code, config: {} },
    {
      name: 'pinned by digest, with or without a tag',
      config: optIn,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: a
              image: nginx@sha256:0f0c1d3a4e5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1
            - name: b
              image: registry.example.com/team/app:2.1@sha256:0f0c1d3a4e5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1
      `,
    },
    {
      name: 'templated images are unknown',
      config: optIn,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: a
              image: "{{ .Values.image.repository }}@{{ .Values.image.digest }}"
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind, once turned on',
      config: optIn,
      code: kinds.code,
      errors: kinds.at(3, 12).map((p) => ({ ...p, endColumn: p.column + 7, messageId: 'unpinned', severity: 'info' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0@sha256:<digest>
      `).code,
      applicability: 'display-only',
    },
    {
      name: 'a severity set in the configuration applies',
      config: { rules: { 'image-not-pinned-digest': 'warning' as const } },
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers: [{ name: web, image: "nginx:1.27.3" }]
      `,
      errors: [{ line: 5, column: 36, endColumn: 50, severity: 'warning', message: 'Container "web" uses image "nginx:1.27.3" without a digest' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers: [{ name: web, image: "nginx:1.27.3@sha256:<digest>" }]
      `,
    },
  ],
});
