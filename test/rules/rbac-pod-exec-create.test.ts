import rule from '../../shared-rules/src/rules/rbac-pod-exec-create';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: { name: support, namespace: shop }
      rules:
        - apiGroups: [""]
          resources: ["pods", "pods/log"]
          verbs: ["get", "list", "watch"]
        - apiGroups: ["apps"]
          resources: ["deployments"]
          verbs: ["get", "list"]
    `,
    {
      name: 'exec in another API group; "*" resources are rbac-wildcard\'s',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: x }
        rules:
          - apiGroups: ["example.com"]
            resources: ["pods/exec"]
            verbs: ["create"]
          - apiGroups: [""]
            resources: ["*"]
            verbs: ["create"]
      `,
    },
    {
      name: 'templated resources',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: x }
        rules:
          - apiGroups: [""]
            resources: [{{ .Values.resource | quote }}]
            verbs: ["create"]
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: job-runner }
        rules:
          - apiGroups: [""]
            # kubeward-disable-next-line rbac-pod-exec-create -- the runner creates build pods
            resources: ["pods"]
            verbs: ["create", "delete"]
      `,
    },
  ],
  invalid: [
    {
      name: 'exec and pod creation: exec goes, pods keep their read verbs',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: support
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["pods", "pods/exec"]
            verbs: ["get", "list", "create"]
      `,
      errors: [
        { line: 8, column: 17, endColumn: 23, messageId: 'createPods', severity: 'warning' },
        { line: 8, column: 25, endColumn: 36, messageId: 'exec', message: 'Role "support" can create and get pods/exec', severity: 'warning' },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: support
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["get", "list"]
      `,
      applicability: 'unsafe',
    },
    {
      name: 'get on pods/attach and pods/portforward (WebSocket exec); ClusterRole; block lists',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: debugger
        rules:
          - apiGroups:
              - ""
            resources:
              - pods/attach
              - pods/portforward
            verbs:
              - get
      `,
      errors: [
        {
          line: 9,
          column: 9,
          endColumn: 20,
          messageId: 'exec',
          message: 'can get pods/attach and pods/portforward: a shell or tunnel into running containers',
        },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: debugger
        rules: []
      `,
    },
    {
      name: 'workload writes are information; CronJob in batch; flow rule',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: deployer, namespace: shop }
        rules:
          - { apiGroups: ["apps"], resources: ["deployments", "statefulsets"], verbs: ["patch"] }
          - { apiGroups: ["batch"], resources: ["cronjobs"], verbs: ["*"] }
      `,
      errors: [
        {
          line: 5,
          column: 40,
          endColumn: 53,
          messageId: 'workloads',
          severity: 'info',
          message: 'Role "deployer" can patch deployments and statefulsets: their pods can mount any Secret',
        },
        { line: 6, column: 41, endColumn: 51, messageId: 'workloads', message: 'can create, update and patch cronjobs' },
      ],
      output: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: deployer, namespace: shop }
        rules:
          - { apiGroups: ["batch"], resources: ["cronjobs"], verbs: ["get", "list", "watch", "delete", "deletecollection"] }
      `,
    },
  ],
});
