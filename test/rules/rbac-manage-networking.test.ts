import rule from '../../shared-rules/src/rules/rbac-manage-networking';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: { name: app, namespace: shop }
      rules:
        - apiGroups: ["", "networking.k8s.io"]
          resources: ["services", "ingresses", "networkpolicies"]
          verbs: ["get", "list", "watch"]
    `,
    {
      name: 'ingress controllers update ingresses/status; wrong group',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: ingress-nginx }
        rules:
          - apiGroups: ["networking.k8s.io"]
            resources: ["ingresses/status"]
            verbs: ["update"]
          - apiGroups: ["apps"]
            resources: ["services"]
            verbs: ["create"]
      `,
    },
    {
      name: 'deleting Services, Endpoints or Ingresses takes them down but exposes nothing',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: janitor }
        rules:
          - apiGroups: ["", networking.k8s.io]
            resources: [services, endpoints, ingresses]
            verbs: [get, list, delete, deletecollection]
      `,
    },
    {
      name: 'templated verbs',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app }
        rules:
          - apiGroups: [""]
            resources: ["services"]
            verbs: {{ toYaml .Values.verbs | nindent 6 }}
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: metallb
          annotations:
            ignore.kubeward.io/rbac-manage-networking: "load-balancer controller"
        rules:
          - apiGroups: [""]
            resources: ["services/status"]
            verbs: ["update"]
      `,
    },
  ],
  invalid: [
    {
      name: 'delete on NetworkPolicies: the rule keeps its read verbs',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get"]
          - apiGroups: ["networking.k8s.io"]
            resources: ["networkpolicies"]
            verbs: ["get", "list", "delete"]
      `,
      errors: [
        {
          line: 11,
          column: 17,
          endColumn: 34,
          messageId: 'write',
          message: 'Role "app" can delete networkpolicies, which means it can remove the isolation',
          severity: 'warning',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get"]
          - apiGroups: ["networking.k8s.io"]
            resources: ["networkpolicies"]
            verbs: ["get", "list"]
      `,
      applicability: 'unsafe',
    },
    {
      name: 'Services, their status, Endpoints and EndpointSlices; "*" verbs; Ingress in extensions; flush lists',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: net
        rules:
        - apiGroups: ["", "discovery.k8s.io", "extensions"]
          resources:
          - services
          - services/status
          - endpoints
          - endpointslices
          - ingresses
          - pods
          verbs: ["*"]
      `,
      errors: [
        {
          line: 8,
          column: 5,
          endColumn: 13,
          messageId: 'write',
          severity: 'warning',
          message:
            'ClusterRole "net" can create, update and patch services, endpoints, endpointslices and ingresses, and update and patch services/status, which means it can change which pods are reachable, and from where.',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: net
        rules:
        - apiGroups:
          - ""
          - "discovery.k8s.io"
          - "extensions"
          resources:
          - services
          - services/status
          - endpoints
          - endpointslices
          - ingresses
          verbs:
          - "get"
          - "list"
          - "watch"
        - apiGroups: ["", "discovery.k8s.io", "extensions"]
          resources:
          - pods
          verbs: ["*"]
      `,
      // rbac-wildcard's message about the remaining "*" names the rule's resources, which changed.
      allowNewFindings: ['rbac-wildcard'],
    },
    {
      name: 'a written resource next to others moves to a read-only rule of its own; 4-space file',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
            name: app
        rules:
            -   apiGroups: [""]
                resources: [configmaps, services]
                verbs: [get, create]
      `,
      errors: [
        {
          line: 7,
          column: 33,
          endColumn: 41,
          messageId: 'write',
          severity: 'info',
          message: 'Role "app" can create services, which means it can expose pods through a LoadBalancer, NodePort or externalIPs.',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
            name: app
        rules:
            -   apiGroups:
                    -   ""
                resources:
                    -   services
                verbs:
                    -   get
            -   apiGroups: [""]
                resources: [configmaps]
                verbs: [get, create]
      `,
    },
    {
      name: 'a file mixing styles: the new rule takes the "-   " of its sibling rules, its lists the file\'s "- "',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
        rules:
        -   apiGroups: [""]
            resources:
            - configmaps
            - services
            verbs:
            - get
            - create
      `,
      errors: [{ line: 9, column: 7, endColumn: 15, messageId: 'write' }],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
        rules:
        -   apiGroups:
            - ""
            resources:
            - services
            verbs:
            - get
        -   apiGroups: [""]
            resources:
            - configmaps
            verbs:
            - get
            - create
      `,
    },
  ],
});
