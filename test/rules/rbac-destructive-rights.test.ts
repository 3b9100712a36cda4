import rule from '../../shared-rules/src/rules/rbac-destructive-rights';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'read access; ConfigMap writes in a namespaced Role; deletes narrowed by resourceNames',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app, namespace: shop }
        rules:
          - apiGroups: [""]
            resources: [events, namespaces, configmaps]
            verbs: [get, list, watch]
          - apiGroups: [""]
            resources: [configmaps]
            verbs: [create, update, patch, delete]
          - apiGroups: [""]
            resources: [persistentvolumeclaims]
            resourceNames: [scratch]
            verbs: [delete]
      `,
    },
  ],
  invalid: [
    {
      name: 'one finding per rule entry and concern; the fix keeps the other verbs',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: ops }
        rules:
          - apiGroups: ["", events.k8s.io]
            resources: [events]
            verbs: [get, list, delete, deletecollection]
          - apiGroups: ["", apps]
            resources: [namespaces, persistentvolumes, pods, deployments]
            verbs: [get, delete]
          - apiGroups: [admissionregistration.k8s.io]
            resources: [validatingwebhookconfigurations]
            verbs: [get, delete]
          - apiGroups: [""]
            resources: [configmaps]
            verbs: [get, patch]
      `,
      errors: [
        {
          line: 6,
          column: 17,
          endColumn: 23,
          messageId: 'events',
          severity: 'warning',
          message: 'ClusterRole "ops" can delete and deletecollection events: it can erase the Events that would show what it did.',
        },
        {
          line: 9,
          column: 17,
          endColumn: 27,
          messageId: 'data',
          severity: 'warning',
          message: 'ClusterRole "ops" can delete namespaces and persistentvolumes: deleting them destroys their data',
        },
        {
          line: 9,
          column: 54,
          endColumn: 65,
          messageId: 'workloads',
          severity: 'info',
          message: 'ClusterRole "ops" can delete deployments: it can stop any of those workloads.',
        },
        {
          line: 12,
          column: 17,
          endColumn: 48,
          messageId: 'webhooks',
          message: 'can delete validatingwebhookconfigurations: removing an admission webhook turns off the policy it enforces.',
        },
        {
          line: 15,
          column: 17,
          endColumn: 27,
          messageId: 'configmaps',
          severity: 'info',
          message: 'ClusterRole "ops" can patch configmaps in every namespace it is bound in, kube-system\'s (CoreDNS) included.',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: ops }
        rules:
          - apiGroups: ["", events.k8s.io]
            resources: [events]
            verbs: [get, list]
          - apiGroups:
              - ""
              - "apps"
            resources:
              - deployments
              - namespaces
              - persistentvolumes
            verbs:
              - get
          - apiGroups: ["", apps]
            resources: [pods]
            verbs: [get, delete]
          - apiGroups: [admissionregistration.k8s.io]
            resources: [validatingwebhookconfigurations]
            verbs: [get]
          - apiGroups: [""]
            resources: [configmaps]
            verbs: [get]
      `,
    },
  ],
});
