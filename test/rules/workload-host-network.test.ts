import rule from '../../shared-rules/src/rules/workload-host-network';
import { everyKind } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  hostNetwork: true
  containers:
    - name: app
      image: app:1.0
`);

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        hostNetwork: false
        containers:
          - name: web
            image: nginx:1.27
    `,
    {
      name: 'absent',
      code: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
      `).code,
    },
    {
      name: 'templated value is unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              hostNetwork: {{ .Values.hostNetwork }}
              containers:
                - name: agent
                  image: agent:1.0
      `,
    },
    {
      name: 'not a workload',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data:
          hostNetwork: "true"
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: cni }
        spec:
          # kubeward-disable-next-line workload-host-network -- the CNI agent configures the node
          hostNetwork: true
          containers:
            - name: cni
              image: cni:1.0
      `,
    },
    {
      name: 'suppressed by an annotation on the pod template',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: cni }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/workload-host-network: "CNI agent"
            spec:
              hostNetwork: true
              containers:
                - name: cni
                  image: cni:1.0
      `,
    },
  ],
  invalid: [
    {
      name: "an OpenShift DeploymentConfig has a pod template like a Deployment's",
      code: yaml`
        apiVersion: apps.openshift.io/v1
        kind: DeploymentConfig
        metadata: { name: app }
        spec:
          template:
            spec:
              hostNetwork: true
      `,
      errors: [{ line: 7, column: 20, endColumn: 24, message: 'DeploymentConfig "app" runs its pods in the node\'s network namespace' }],
      output: yaml`
        apiVersion: apps.openshift.io/v1
        kind: DeploymentConfig
        metadata: { name: app }
        spec:
          template:
            spec:
      `,
    },
    {
      name: 'pod templates inside custom resources are named by their owner (Argo Rollout, Argo Workflow)',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: web }
        spec:
          template:
            spec:
              hostNetwork: true
              containers: [{ name: web }]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: { name: nightly }
        spec:
          workflowSpec:
            hostNetwork: true
            templates:
              - name: main
                container: { image: "alpine:3.20" }
      `,
      errors: [
        { line: 7, column: 20, endColumn: 24, message: 'Rollout "web" runs its pods in the node\'s network namespace' },
        { line: 15, column: 18, endColumn: 22, message: 'CronWorkflow "nightly" runs its pods in the node\'s network namespace' },
      ],
      output: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: web }
        spec:
          template:
            spec:
              containers: [{ name: web }]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: { name: nightly }
        spec:
          workflowSpec:
            templates:
              - name: main
                container: { image: "alpine:3.20" }
      `,
    },
    {
      name: 'every workload kind',
      code: kinds.code,
      errors: kinds.at(1, 14).map((p) => ({ ...p, endColumn: p.column + 4, messageId: 'hostNetwork' })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
      `).code,
    },
    {
      name: 'message names the object; the variant sets false',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx:1.27
              hostNetwork: true
              dnsPolicy: ClusterFirstWithHostNet
      `,
      errors: [{ line: 11, column: 20, endColumn: 24, message: 'Deployment "web" runs its pods in the node\'s network namespace', severity: 'error' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx:1.27
              dnsPolicy: ClusterFirstWithHostNet
      `,
      fixes: [
        {
          title: 'Set hostNetwork: false',
          output: yaml`
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
                  hostNetwork: false
                  dnsPolicy: ClusterFirstWithHostNet
          `,
        },
      ],
      applicability: 'unsafe',
    },
    {
      name: 'a trailing comment is kept: only setting false is offered',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          hostNetwork: yes  # YAML 1.1 true, as Kubernetes reads it
          containers: [{ name: web, image: "nginx:1.27" }]
      `,
      errors: [{ line: 5, column: 16, endColumn: 19 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          hostNetwork: false  # YAML 1.1 true, as Kubernetes reads it
          containers: [{ name: web, image: "nginx:1.27" }]
      `,
    },
    {
      name: 'flow style',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec: { hostNetwork: true, containers: [{ name: web, image: "nginx:1.27" }] }
      `,
      errors: [{ line: 4, column: 22, endColumn: 26 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec: { containers: [{ name: web, image: "nginx:1.27" }] }
      `,
    },
    {
      name: '4-space indentation and CRLF line ends',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: web\r\nspec:\r\n    hostNetwork: true\r\n    containers:\r\n        -   name: web\r\n            image: nginx:1.27\r\n',
      errors: [{ line: 6, column: 18, endColumn: 22 }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: web\r\nspec:\r\n    containers:\r\n        -   name: web\r\n            image: nginx:1.27\r\n',
    },
    {
      name: 'a Kustomize patch still reports a present bad value, and the fix overrides the base',
      partial: true,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              hostNetwork: true
      `,
      errors: [{ line: 7, column: 20, endColumn: 24 }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              hostNetwork: false
      `,
    },
  ],
});
