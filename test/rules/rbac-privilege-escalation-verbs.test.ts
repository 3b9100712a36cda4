import rule from '../../shared-rules/src/rules/rbac-privilege-escalation-verbs';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'bind limited to named roles is delegation',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: delegator }
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["clusterroles"]
            resourceNames: ["view", "edit"]
            verbs: ["bind"]
          - apiGroups: [""]
            resources: ["users"]
            resourceNames: ["jane"]
            verbs: ["impersonate"]
      `,
    },
    {
      name: 'read access to bindings and webhooks; bind on an unrelated resource',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: auditor }
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["rolebindings", "clusterrolebindings"]
            verbs: ["get", "list", "watch"]
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: ["mutatingwebhookconfigurations"]
            verbs: ["get", "list"]
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["bind"]
          - apiGroups: ["example.com"]
            resources: ["rolebindings"]
            verbs: ["create"]
      `,
    },
    {
      name: 'update on one named webhook configuration (cert rotation)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: certgen }
        rules:
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: ["validatingwebhookconfigurations"]
            resourceNames: ["ingress-nginx-admission"]
            verbs: ["get", "update"]
      `,
    },
    {
      name: 'templated verbs',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: x }
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["clusterroles"]
            verbs: [{{ .Values.verb }}]
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: rbac-manager
          annotations: { ignore.kubeward.io/rbac-privilege-escalation-verbs: "this is the RBAC operator" }
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["roles"]
            verbs: ["escalate", "bind"]
      `,
    },
  ],
  invalid: [
    {
      name: 'bind among other verbs: the verb is removed',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: role-manager
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["clusterroles"]
            verbs: ["get", "list", "bind"]
      `,
      errors: [{ line: 8, column: 28, endColumn: 34, messageId: 'bind', severity: 'error' }],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: role-manager
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["clusterroles"]
            verbs: ["get", "list"]
      `,
      applicability: 'unsafe',
    },
    {
      name: 'escalate as the only verb: the rule goes; impersonate on "*" resources; Role',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: r, namespace: shop }
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["roles"]
            verbs: ["escalate"]
          - apiGroups: [""]
            resources: ["*"]
            verbs: ["get", "impersonate"]
      `,
      errors: [
        { line: 7, column: 13, endColumn: 23, messageId: 'escalate' },
        { line: 10, column: 20, endColumn: 33, messageId: 'impersonate' },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: r, namespace: shop }
        rules:
          - apiGroups: [""]
            resources: ["*"]
            verbs: ["get"]
      `,
      // rbac-wildcard's message about the remaining "*" names the rule's verbs, which changed.
      allowNewFindings: ['rbac-wildcard'],
    },
    {
      name: 'create on bindings even with resourceNames; webhooks, CSR approval, nodes/proxy and tokens; block lists',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: ops
        rules:
          - apiGroups:
              - rbac.authorization.k8s.io
            resources:
              - rolebindings
              - roles
            resourceNames:
              - app
            verbs:
              - create
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: ["mutatingwebhookconfigurations"]
            verbs: ["*"]
          - apiGroups: ["certificates.k8s.io"]
            resources: ["certificatesigningrequests/approval"]
            verbs: ["update"]
          - apiGroups: [""]
            resources: ["nodes/proxy", "serviceaccounts/token", "nodes"]
            verbs: ["get", "create"]
      `,
      errors: [
        { line: 9, column: 9, endColumn: 21, messageId: 'bindings' },
        { line: 16, column: 17, endColumn: 48, messageId: 'webhooks', message: 'can create, update and patch mutatingwebhookconfigurations' },
        { line: 19, column: 17, endColumn: 54, messageId: 'csrApproval' },
        { line: 22, column: 17, endColumn: 30, messageId: 'nodeProxy', message: 'can get and create nodes/proxy' },
        { line: 22, column: 32, endColumn: 55, messageId: 'tokens' },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: ops
        rules:
          - apiGroups:
              - rbac.authorization.k8s.io
            resources:
              - roles
            resourceNames:
              - app
            verbs:
              - create
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: ["mutatingwebhookconfigurations"]
            verbs: ["get", "list", "watch", "delete", "deletecollection"]
          - apiGroups: [""]
            resources: ["nodes"]
            verbs: ["get", "create"]
      `,
    },
  ],
});
