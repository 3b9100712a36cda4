import rule from '../../shared-rules/src/rules/removed-api-version';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [{ name: web, image: nginx:1.27 }] }
    `,
    {
      name: 'Ingress, IngressClass and PodSecurityPolicy belong to their own rules',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: { name: a }
        ---
        apiVersion: networking.k8s.io/v1beta1
        kind: IngressClass
        metadata: { name: b }
        ---
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata: { name: c }
      `,
    },
    {
      name: 'not yet deprecated on an old target',
      config: { kubernetesVersion: '1.20' },
      code: yaml`
        apiVersion: batch/v1beta1
        kind: CronJob
        metadata: { name: nightly }
      `,
    },
    {
      name: 'custom resources with beta versions are not in the table',
      code: yaml`
        apiVersion: cert-manager.io/v1beta1
        kind: Certificate
        metadata: { name: c }
      `,
    },
    {
      name: 'Helm: templated apiVersion',
      code: yaml`
        apiVersion: {{ include "cronjob.apiVersion" . }}
        kind: CronJob
        metadata: { name: nightly }
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        # kubeward-disable-next-line removed-api-version -- legacy cluster until Q3
        apiVersion: batch/v1beta1
        kind: CronJob
        metadata: { name: nightly }
      `,
    },
  ],
  invalid: [
    {
      name: 'extensions/v1beta1 Deployment: apps/v1 with the selector from the template labels',
      code: yaml`
        apiVersion: extensions/v1beta1  # old chart
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          rollbackTo:
            revision: 0
          template:
            metadata:
              labels:
                app: web
                tier: "true"
            spec:
              containers:
                - name: web
                  image: nginx:1.27
      `,
      errors: [
        {
          line: 1,
          column: 13,
          endColumn: 31,
          messageId: 'removed',
          severity: 'error',
          message: 'Deployment "web" uses extensions/v1beta1, which Kubernetes stopped serving in 1.16',
        },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: apps/v1  # old chart
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          template:
            metadata:
              labels:
                app: web
                tier: "true"
            spec:
              containers:
                - name: web
                  image: nginx:1.27
          selector:
            matchLabels:
              app: web
              tier: "true"
      `,
    },
    {
      name: 'apps/v1beta2 StatefulSet with a selector already: only the version changes; 4 spaces',
      code: yaml`
        apiVersion: apps/v1beta2
        kind: StatefulSet
        metadata:
            name: db
        spec:
            selector:
                matchLabels:
                    app: db
            template:
                metadata:
                    labels:
                        app: db
      `,
      errors: [{ line: 1, column: 13, endColumn: 25 }],
      output: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
            name: db
        spec:
            selector:
                matchLabels:
                    app: db
            template:
                metadata:
                    labels:
                        app: db
      `,
    },
    {
      name: 'no notable changes: a safe swap (RBAC, CronJob); flow style; List',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - {apiVersion: rbac.authorization.k8s.io/v1beta1, kind: ClusterRole, metadata: {name: reader}, rules: []}
          - apiVersion: "batch/v1beta1"
            kind: CronJob
            metadata: {name: nightly}
      `,
      errors: [
        { line: 4, column: 18, endColumn: 51, message: 'ClusterRole "reader" uses rbac.authorization.k8s.io/v1beta1' },
        { line: 5, column: 17, endColumn: 32, message: 'CronJob "nightly" uses batch/v1beta1, which Kubernetes stopped serving in 1.25' },
      ],
      applicability: 'safe',
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: reader}, rules: []}
          - apiVersion: "batch/v1"
            kind: CronJob
            metadata: {name: nightly}
      `,
    },
    {
      name: 'only deprecated on the target: a warning',
      config: { kubernetesVersion: '1.23' },
      code: yaml`
        apiVersion: policy/v1beta1
        kind: PodDisruptionBudget
        metadata: { name: web }
        spec: { minAvailable: 1, selector: { matchLabels: { app: web } } }
      `,
      errors: [
        {
          line: 1,
          column: 13,
          endColumn: 27,
          messageId: 'deprecated',
          severity: 'warning',
          message: 'PodDisruptionBudget "web" uses policy/v1beta1, removed in 1.25',
        },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: { name: web }
        spec: { minAvailable: 1, selector: { matchLabels: { app: web } } }
      `,
    },
    {
      name: 'fields must change by hand: no fix, the message says what',
      code: yaml`
        apiVersion: autoscaling/v2beta1
        kind: HorizontalPodAutoscaler
        metadata: { name: web }
      `,
      errors: [
        { line: 1, column: 13, endColumn: 32, message: 'HorizontalPodAutoscaler "web" uses autoscaling/v2beta1, which Kubernetes stopped serving in 1.25' },
      ],
      output: null,
    },
    {
      name: 'replacement not served by the target yet: no fix',
      config: { kubernetesVersion: '1.27' },
      code: yaml`
        apiVersion: flowcontrol.apiserver.k8s.io/v1beta2
        kind: FlowSchema
        metadata: { name: fs }
      `,
      errors: [{ line: 1, column: 13, endColumn: 49, messageId: 'deprecated', severity: 'warning' }],
      output: null,
    },
    {
      name: 'Kustomize patch: the version changes, no selector is added',
      partial: true,
      code: yaml`
        apiVersion: apps/v1beta1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 3
      `,
      errors: [{ line: 1, column: 13, endColumn: 25 }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 3
      `,
    },
    {
      name: 'DaemonSet without template labels: no fix (apps/v1 would need a selector we cannot infer); CRLF',
      code: 'apiVersion: extensions/v1beta1\r\nkind: DaemonSet\r\nmetadata:\r\n  name: agent\r\nspec:\r\n  template:\r\n    spec:\r\n      containers: []\r\n',
      errors: [{ line: 1, column: 13, endColumn: 31 }],
      output: null,
    },
    {
      name: 'Helm: pod labels come from a template, so no selector can be inferred and no fix is offered',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            metadata:
              labels:
                {{- include "chart.selectorLabels" . | nindent 8 }}
      `,
      errors: [{ line: 1, column: 13, endColumn: 31 }],
      output: null,
    },
    {
      name: 'the swap is safe for NetworkPolicy',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: NetworkPolicy
        metadata:
          name: deny
        spec:
          podSelector: {}
      `,
      errors: [{ line: 1, column: 13, endColumn: 31, message: 'NetworkPolicy "deny"' }],
      applicability: 'safe',
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny
        spec:
          podSelector: {}
      `,
    },
  ],
});
