import rule from '../../shared-rules/src/rules/namespace-no-default-deny';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const namespace = yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: shop  # team shop
`;
const deny = (types: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: deny
    namespace: shop
  spec:
    podSelector: {}
    policyTypes: ${types}
`;

const generated = yaml`
  ---
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: default-deny
    namespace: shop
  spec:
    podSelector: {}
    policyTypes:
      - Ingress
      - Egress
`;

workspaceTester(rule, {
  valid: [
    { name: 'opt-in: off unless configured', config: { rules: { 'namespace-no-default-deny': 'off' } }, files: { 'ns.yaml': namespace } },
    { name: 'a default-deny policy in another file', files: { 'ns.yaml': namespace, 'deny.yaml': deny('[Ingress, Egress]') } },
    {
      name: 'two policies, one per direction',
      files: { 'ns.yaml': namespace, 'a.yaml': deny('[Ingress]'), 'b.yaml': deny('[Egress]').replace('name: deny', 'name: deny-egress') },
    },
    { name: 'incomplete index', complete: false, files: { 'ns.yaml': namespace } },
    { name: 'a policy without a namespace may be it', files: { 'ns.yaml': namespace, 'deny.yaml': deny('[Ingress]').replace('  namespace: shop\n', '') } },
    {
      name: 'Helm: templated policyTypes',
      files: { 'ns.yaml': namespace, 'templates/deny.yaml': deny('{{ .Values.types }}') },
    },
    {
      name: 'Cilium cluster-wide policies present',
      files: {
        'ns.yaml': namespace,
        'c.yaml': 'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: deny}\nspec: {endpointSelector: {}}\n',
      },
    },
    {
      name: 'suppressed',
      files: {
        'ns.yaml': namespace.replace(
          '  name: shop',
          '  annotations: { ignore.kubeward.io/namespace-no-default-deny: "Calico GlobalNetworkPolicy denies" }\n  name: shop',
        ),
      },
    },
  ],
  invalid: [
    {
      name: "a policy without a namespace in another project lands in that project's namespace, not in this one",
      files: {
        'shop/ns.yaml': namespace,
        'other/templates/deny.yaml': deny('[Ingress, Egress]').replace('  namespace: shop\n', ''),
        'other/cilium.yaml': 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: deny}\nspec: {endpointSelector: {}}\n',
      },
      errors: [{ file: 'shop/ns.yaml', line: 4, column: 9, endColumn: 13, messageId: 'none', message: 'Namespace "shop" has no default-deny NetworkPolicy' }],
      output: { 'shop/ns.yaml': namespace + generated },
    },
    {
      name: 'no policy at all: the namespace name; the fix appends a default-deny policy',
      files: { 'ns.yaml': namespace },
      errors: [
        {
          file: 'ns.yaml',
          line: 4,
          column: 9,
          endColumn: 13,
          messageId: 'none',
          severity: 'info',
          message: 'Namespace "shop" has no default-deny NetworkPolicy',
        },
      ],
      applicability: 'unsafe',
      output: { 'ns.yaml': namespace + generated },
    },
    {
      name: 'ingress only: the policy allows nothing in but egress stays open; a policy with rules is not a deny',
      files: {
        'ns.yaml': namespace,
        'a.yaml': deny('[Ingress]'),
        'b.yaml': deny('[Egress]').replace('name: deny', 'name: egress-all') + '  egress:\n    - {}\n',
      },
      errors: [{ file: 'ns.yaml', line: 4, column: 9, endColumn: 13, messageId: 'ingressOnly' }],
      output: { 'ns.yaml': namespace + generated },
    },
    {
      name: 'a 4-space file with "-   " items: the new policy is written in its style',
      files: { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n    name: shop\nspec:\n    finalizers:\n    -   kubernetes\n' },
      errors: [{ file: 'ns.yaml', line: 4, column: 11, endColumn: 15, messageId: 'none' }],
      output: {
        'ns.yaml':
          'apiVersion: v1\nkind: Namespace\nmetadata:\n    name: shop\nspec:\n    finalizers:\n    -   kubernetes\n' +
          '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n    name: default-deny\n    namespace: shop\nspec:\n    podSelector: {}\n    policyTypes:\n    -   Ingress\n    -   Egress\n',
      },
    },
    {
      name: 'egress only (policyTypes default to Ingress only when absent); flush sequences; several namespaces in a List',
      files: {
        'ns.yaml':
          'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: shop\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: blog\n  spec:\n    finalizers:\n    - kubernetes\n',
        'deny.yaml': deny('[Egress]'),
      },
      errors: [
        { file: 'ns.yaml', line: 7, column: 11, endColumn: 15, messageId: 'egressOnly' },
        { file: 'ns.yaml', line: 11, column: 11, endColumn: 15, messageId: 'none', message: 'Namespace "blog"' },
      ],
      fixes: [
        {
          title: 'Add a default-deny NetworkPolicy',
          output: {
            'ns.yaml':
              'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: shop\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: blog\n  spec:\n    finalizers:\n    - kubernetes\n' +
              '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n',
          },
        },
      ],
    },
  ],
});
