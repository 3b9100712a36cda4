import rule from '../../shared-rules/src/rules/networkpolicy-dangling';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const deployment = (app: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: ${app}, namespace: shop }
  spec:
    template:
      metadata:
        labels: { app.kubernetes.io/name: ${app} }
`;

const policy = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: app1
    namespace: shop
  spec:
    podSelector:
      matchLabels:
        app.kubernetes.io/name: app1
    ingress:
      - from:
          - podSelector:
              matchLabels:
                app.kubernetes.io/name: app2
          - namespaceSelector: {}
            podSelector:
              matchLabels:
                app.kubernetes.io/name: elsewhere
`;

workspaceTester(rule, {
  valid: [
    {
      name: 'opt-in: off unless configured',
      config: { rules: { 'networkpolicy-dangling': 'off' } },
      files: { 'p.yaml': policy, 'd.yaml': deployment('other') },
    },
    { name: 'selector and peer match workloads in other files', files: { 'p.yaml': policy, 'a.yaml': deployment('app1'), 'b.yaml': deployment('app2') } },
    {
      name: 'no workload in the namespace at all: they live elsewhere',
      files: { 'p.yaml': policy, 'd.yaml': deployment('app1').replace('namespace: shop', 'namespace: blog') },
    },
    { name: 'incomplete index', complete: false, files: { 'p.yaml': policy, 'd.yaml': deployment('other') } },
    {
      name: 'a namespace-wide policy',
      files: {
        'p.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}}\n',
        'd.yaml': deployment('x'),
      },
    },
    {
      name: 'Helm: a workload with templated labels may match',
      files: {
        'p.yaml': policy,
        'a.yaml': deployment('app2'),
        'templates/d.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: d, namespace: shop }
          spec:
            template:
              metadata:
                labels:
                  {{- include "x.labels" . | nindent 8 }}
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'the kube-linter fixtures: podSelector and same-namespace peer match nothing; a peer in other namespaces is not checked',
      files: { 'p.yaml': policy, 'd.yaml': deployment('app3') },
      errors: [
        {
          file: 'p.yaml',
          line: 7,
          column: 3,
          endColumn: 14,
          messageId: 'podSelector',
          severity: 'info',
          message: 'NetworkPolicy "app1" selects app.kubernetes.io/name=app1, and no workload in its namespace has it',
        },
        {
          file: 'p.yaml',
          line: 12,
          column: 11,
          endColumn: 22,
          messageId: 'peer',
          message: 'allows traffic from app.kubernetes.io/name=app2, which no workload has',
        },
      ],
    },
    {
      name: 'matchExpressions, flow style, Kustomize patch elsewhere does not matter',
      files: {
        'p.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: {podSelector: {matchExpressions: [{key: tier, operator: In, values: [db]}]}, egress: [{to: [{podSelector: {}}]}]}\n',
        'd.yaml': deployment('app1'),
      },
      errors: [{ file: 'p.yaml', line: 4, column: 8, endColumn: 19, message: 'tier in (db)' }],
    },
  ],
});
