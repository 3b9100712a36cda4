import rule from '../../shared-rules/src/rules/workload-not-isolated';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    selector:
      matchLabels:
        app: web
    template:
      metadata:
        labels:
          app: web
          tier: frontend
      spec:
        containers:
          - name: web
            image: nginx:1.27
            ports:
              - containerPort: 8080
`;

const apiPolicy = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: api
    namespace: shop
  spec:
    podSelector:
      matchLabels:
        app: api
`;

const policy = (selector: string, namespace = 'shop') => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: p
    namespace: ${namespace}
  spec:
    podSelector: ${selector}
    policyTypes: [Ingress]
`;

workspaceTester(rule, {
  valid: [
    { name: 'selected by matchLabels in another file', files: { 'deploy.yaml': deployment, 'netpol.yaml': policy('{ matchLabels: { app: web } }') } },
    { name: 'an empty podSelector selects every pod of the namespace', files: { 'deploy.yaml': deployment, 'deny.yaml': policy('{}') } },
    {
      name: 'matchExpressions: In and Exists',
      files: {
        'deploy.yaml': deployment,
        'netpol.yaml': policy('{ matchExpressions: [{ key: tier, operator: In, values: [frontend, backend] }, { key: app, operator: Exists }] }'),
      },
    },
    { name: 'no NetworkPolicy in the workspace at all: no context, no finding', files: { 'deploy.yaml': deployment } },
    { name: 'the index is incomplete: silent', complete: false, files: { 'deploy.yaml': deployment, 'netpol.yaml': apiPolicy } },
    {
      name: "a policy without a namespace may be applied to the workload's",
      files: { 'deploy.yaml': deployment, 'netpol.yaml': policy('{ matchLabels: { app: web } }').replace('  namespace: shop\n', '') },
    },
    {
      name: 'Helm: templated pod labels are unknown',
      files: {
        'templates/deploy.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: shop
          spec:
            template:
              metadata:
                labels:
                  {{- include "chart.selectorLabels" . | nindent 8 }}
              spec:
                containers: [{ name: web, image: nginx }]
        `,
        'netpol.yaml': apiPolicy,
      },
    },
    {
      name: 'Helm: a policy whose selector is templated may select it',
      files: {
        'deploy.yaml': deployment,
        'templates/netpol.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: p
            namespace: shop
          spec:
            podSelector:
              matchLabels:
                {{- include "chart.selectorLabels" . | nindent 6 }}
        `,
      },
    },
    { name: 'a Kustomize patch of the workload', partial: ['deploy.yaml'], files: { 'deploy.yaml': deployment, 'netpol.yaml': apiPolicy } },
    {
      name: 'a policy in a Kustomize patch may select it',
      partial: ['netpol.yaml'],
      files: { 'deploy.yaml': deployment, 'netpol.yaml': policy('{ matchLabels: { app: other } }'), 'api.yaml': apiPolicy },
    },
    {
      name: 'host-network pods are outside NetworkPolicy',
      files: { 'deploy.yaml': deployment.replace('      containers:', '      hostNetwork: true\n      containers:'), 'netpol.yaml': apiPolicy },
    },
    {
      name: "another engine's policy (Cilium) may isolate it",
      files: {
        'deploy.yaml': deployment,
        'netpol.yaml': apiPolicy,
        'cilium.yaml': yaml`
          apiVersion: cilium.io/v2
          kind: CiliumClusterwideNetworkPolicy
          metadata: { name: default-deny }
          spec: { endpointSelector: {} }
        `,
      },
    },
    {
      name: 'a PodTemplate runs no pods',
      files: {
        'tpl.yaml': yaml`
        apiVersion: v1
        kind: PodTemplate
        metadata: { name: t, namespace: shop }
        template:
          metadata: { labels: { app: t } }
      `,
        'netpol.yaml': apiPolicy,
      },
    },
    {
      name: 'suppressed by annotation on the workload',
      files: {
        'deploy.yaml': deployment.replace(
          '  namespace: shop\n',
          '  namespace: shop\n  annotations:\n    ignore.kubeward.io/workload-not-isolated: "isolated by the service mesh"\n',
        ),
        'netpol.yaml': apiPolicy,
      },
    },
  ],
  invalid: [
    {
      name: 'a Deployment no policy selects: its name is flagged; the fix appends a NetworkPolicy after it',
      files: { 'deploy.yaml': deployment, 'netpol.yaml': apiPolicy },
      errors: [
        {
          file: 'deploy.yaml',
          line: 4,
          column: 9,
          endColumn: 12,
          messageId: 'notIsolated',
          severity: 'warning',
          message: 'Deployment "web" runs pods that no NetworkPolicy selects in namespace "shop"',
        },
      ],
      applicability: 'unsafe',
      output: {
        'deploy.yaml':
          deployment +
          yaml`
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: web
              namespace: shop
            spec:
              podSelector:
                matchLabels:
                  app: web
              policyTypes:
                - Ingress
                - Egress
              ingress:
                - from:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: <ingress-controller-namespace>
                  ports:
                    - protocol: TCP
                      port: 8080
              egress:
                - to:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: kube-system
                      podSelector:
                        matchLabels:
                          k8s-app: kube-dns
                  ports:
                    - protocol: UDP
                      port: 53
                    - protocol: TCP
                      port: 53
          `,
      },
    },
    {
      name: 'NotIn and DoesNotExist exclude it; a policy of another namespace does not count',
      files: {
        'deploy.yaml': deployment,
        'a.yaml': policy('{ matchExpressions: [{ key: tier, operator: NotIn, values: [frontend] }] }'),
        'b.yaml': policy('{ matchExpressions: [{ key: tier, operator: DoesNotExist }] }'),
        'c.yaml': policy('{ matchLabels: { app: web } }', 'other'),
      },
      errors: [{ file: 'deploy.yaml', line: 4, column: 9, endColumn: 12 }],
      output: {
        'deploy.yaml':
          deployment +
          '---\n' +
          yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: web
            namespace: shop
          spec:
            podSelector:
              matchLabels:
                app: web
            policyTypes:
              - Ingress
              - Egress
            ingress:
              - from:
                  - namespaceSelector:
                      matchLabels:
                        kubernetes.io/metadata.name: <ingress-controller-namespace>
                ports:
                  - protocol: TCP
                    port: 8080
            egress:
              - to:
                  - namespaceSelector:
                      matchLabels:
                        kubernetes.io/metadata.name: kube-system
                    podSelector:
                      matchLabels:
                        k8s-app: kube-dns
                ports:
                  - protocol: UDP
                    port: 53
                  - protocol: TCP
                    port: 53
        `,
      },
    },
    {
      name: 'a Pod between two documents, flush sequences, 4 spaces and "-   " items, CRLF, no namespace, no ports; the policy name is taken',
      files: {
        'pods.yaml':
          'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: api\r\n    labels:\r\n        app: worker\r\nspec:\r\n    containers:\r\n    -   name: w\r\n        image: busybox\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n    name: c\r\n',
        'netpol.yaml': apiPolicy.replace('  namespace: shop\n', ''),
      },
      errors: [{ file: 'pods.yaml', line: 4, column: 11, endColumn: 14, message: 'Pod "api" runs pods that no NetworkPolicy selects' }],
      output: {
        'pods.yaml':
          'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: api\r\n    labels:\r\n        app: worker\r\nspec:\r\n    containers:\r\n    -   name: w\r\n        image: busybox\r\n' +
          '---\r\napiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r\nmetadata:\r\n    name: api-isolation\r\nspec:\r\n    podSelector:\r\n        matchLabels:\r\n            app: worker\r\n    policyTypes:\r\n    -   Ingress\r\n    -   Egress\r\n    ingress:\r\n    -   from:\r\n        -   namespaceSelector:\r\n                matchLabels:\r\n                    kubernetes.io/metadata.name: <ingress-controller-namespace>\r\n    egress:\r\n    -   to:\r\n        -   namespaceSelector:\r\n                matchLabels:\r\n                    kubernetes.io/metadata.name: kube-system\r\n            podSelector:\r\n                matchLabels:\r\n                    k8s-app: kube-dns\r\n        ports:\r\n        -   protocol: UDP\r\n            port: 53\r\n        -   protocol: TCP\r\n            port: 53\r\n' +
          '---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n    name: c\r\n',
      },
    },
    {
      name: 'a CronJob at the end of a file without a final line break',
      files: {
        'job.yaml':
          'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report, namespace: shop}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: report}}\n        spec:\n          containers: [{name: r, image: busybox}]',
        'netpol.yaml': apiPolicy,
      },
      errors: [{ file: 'job.yaml', line: 3, column: 18, endColumn: 24, message: 'CronJob "report"' }],
      output: {
        'job.yaml':
          'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report, namespace: shop}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: report}}\n        spec:\n          containers: [{name: r, image: busybox}]\n' +
          '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: report\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: report\n  policyTypes:\n    - Ingress\n    - Egress\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: <ingress-controller-namespace>\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: kube-system\n          podSelector:\n            matchLabels:\n              k8s-app: kube-dns\n      ports:\n        - protocol: UDP\n          port: 53\n        - protocol: TCP\n          port: 53\n',
      },
    },
    {
      name: 'the kube-linter fixture: both deployments, one selected',
      files: {
        'policies.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: dont-fire1 }
          spec:
            podSelector:
              matchLabels:
                app.kubernetes.io/name: dont-fire1
        `,
        'deployments.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: dont-fire }
          spec:
            template:
              metadata:
                labels:
                  app.kubernetes.io/name: dont-fire1
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: app1 }
          spec:
            template:
              metadata:
                labels:
                  app.kubernetes.io/name: app1
        `,
      },
      errors: [{ file: 'deployments.yaml', line: 12, column: 19, endColumn: 23, message: 'Deployment "app1"' }],
      output: {
        'deployments.yaml':
          yaml`
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: dont-fire }
            spec:
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: dont-fire1
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: app1 }
            spec:
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: app1
          ` +
          yaml`
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: app1
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/name: app1
              policyTypes:
                - Ingress
                - Egress
              ingress:
                - from:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: <ingress-controller-namespace>
              egress:
                - to:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: kube-system
                      podSelector:
                        matchLabels:
                          k8s-app: kube-dns
                  ports:
                    - protocol: UDP
                      port: 53
                    - protocol: TCP
                      port: 53
          `,
      },
    },
  ],
});
