import rule from '../../shared-rules/src/rules/tiller-deployed';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: helm-client }
      spec:
        containers:
          - name: helm
            image: alpine/helm:3.15.2
    `,
    {
      name: 'a name that merely contains tiller; a Service of another app',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: c
              image: example.com/tiller-exporter:1.0
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        spec:
          selector: { app: helm }
      `,
    },
    {
      name: 'Helm: templated image',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: c
              image: "{{ .Values.image }}"
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations: { ignore.kubeward.io/tiller-deployed: "air-gapped lab, removed next sprint" }
        spec:
          containers:
            - name: tiller
              image: gcr.io/kubernetes-helm/tiller:v2.16.12
      `,
    },
  ],
  invalid: [
    {
      name: 'Deployment, with a digest; init containers too',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: tiller-deploy
        spec:
          template:
            spec:
              initContainers:
                - name: wait
                  image: busybox:1.36
              containers:
                - name: tiller
                  image: gcr.io/kubernetes-helm/tiller:v2.16.12@sha256:0123
      `,
      errors: [
        {
          line: 13,
          column: 18,
          endColumn: 68,
          messageId: 'image',
          message: 'Container "tiller" runs Tiller (gcr.io/kubernetes-helm/tiller:v2.16.12@sha256:0123)',
        },
      ],
    },
    {
      name: 'Services: by name, by selector (flow style), List kind, Kustomize patch',
      partial: true,
      code: yaml`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Service
          metadata:
            name: tiller-deploy
            namespace: kube-system
        - apiVersion: v1
          kind: Service
          metadata: {name: helm-server}
          spec: {selector: {app: helm, name: tiller}}
      `,
      errors: [
        { line: 7, column: 11, endColumn: 24, messageId: 'service' },
        { line: 11, column: 20, endColumn: 31, messageId: 'service', message: 'Service "helm-server" exposes Tiller' },
      ],
    },
    {
      name: 'CronJob and CRLF',
      code: 'apiVersion: batch/v1\r\nkind: CronJob\r\nmetadata: {name: t}\r\nspec:\r\n  jobTemplate:\r\n    spec:\r\n      template:\r\n        spec:\r\n          containers:\r\n          - name: t\r\n            image: ghcr.io/helm/tiller\r\n',
      errors: [{ line: 11, column: 20, endColumn: 39 }],
    },
  ],
});
