import rule from '../../shared-rules/src/rules/image-deprecated-registry';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: k8s.gcr.io/pause:3.9
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
          - name: pause
            image: registry.k8s.io/pause:3.9
          - name: other
            image: gcr.io/k8s-staging/app:1.0
    `,
    {
      name: 'templated registry is unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: pause
              image: "{{ .Values.registry }}/pause:3.9"
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind',
      code: kinds.code,
      errors: kinds.at(3, 12).map((p) => ({ ...p, endColumn: p.column + 20, messageId: 'deprecated', severity: 'info' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: registry.k8s.io/pause:3.9
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'digest and quoting kept; init container',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: proxy }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: "k8s.gcr.io/kube-proxy:v1.26.0@sha256:0f0c1d3a4e5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1"
              containers:
                - name: proxy
                  image: registry.k8s.io/kube-proxy:v1.26.0
      `,
      errors: [{ line: 9, column: 18, endColumn: 121, message: 'Container "init" pulls "k8s.gcr.io/kube-proxy:v1.26.0@sha256:' }],
      output: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: proxy }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: "registry.k8s.io/kube-proxy:v1.26.0@sha256:0f0c1d3a4e5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1"
              containers:
                - name: proxy
                  image: registry.k8s.io/kube-proxy:v1.26.0
      `,
    },
  ],
});
