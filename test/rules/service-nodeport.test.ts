import rule from '../../shared-rules/src/rules/service-nodeport';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Service
      metadata: { name: web }
      spec:
        selector: { app: web }
        ports: [{ port: 80 }]
    `,
    {
      name: 'LoadBalancer without a pinned nodePort, or with allocation off',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: a }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [10.0.0.0/8]
          ports: [{ port: 80 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: b }
        spec:
          type: LoadBalancer
          allocateLoadBalancerNodePorts: false
          loadBalancerSourceRanges: [10.0.0.0/8]
          ports: [{ port: 80, nodePort: 30080 }]
      `,
    },
    {
      name: 'Helm: templated type and templated nodePort',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        spec:
          type: {{ .Values.service.type }}
          ports:
            - port: 80
              nodePort: {{ .Values.service.nodePort }}
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        # kubeward-disable service-nodeport -- lab cluster
        spec:
          type: NodePort
      `,
    },
  ],
  invalid: [
    {
      name: 'NodePort: ClusterIP, nodePort and externalTrafficPolicy removed',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          type: NodePort
          externalTrafficPolicy: Local
          selector:
            app: web
          ports:
            # fixed for the firewall
            - name: http
              port: 80
              nodePort: 30080
            - name: https
              port: 443
      `,
      errors: [{ line: 6, column: 9, endColumn: 17, messageId: 'nodePort', message: 'Service "web" is type NodePort' }],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          type: ClusterIP
          selector:
            app: web
          ports:
            # fixed for the firewall
            - name: http
              port: 80
            - name: https
              port: 443
      `,
    },
    {
      name: 'LoadBalancer with a pinned nodePort, flow style',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [10.0.0.0/8]
          ports: [{ port: 80, nodePort: 30080 }]
      `,
      errors: [{ line: 7, column: 33, endColumn: 38, messageId: 'explicitNodePort', message: 'pins nodePort 30080' }],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [10.0.0.0/8]
          ports: [{ port: 80 }]
          allocateLoadBalancerNodePorts: false
      `,
    },
    {
      name: 'allocateLoadBalancerNodePorts: true is overwritten; 4 spaces, flush sequences, CRLF',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: web\r\nspec:\r\n    type: LoadBalancer\r\n    allocateLoadBalancerNodePorts: true\r\n    loadBalancerSourceRanges:\r\n    - 10.0.0.0/8\r\n    ports:\r\n    -   port: 80\r\n        nodePort: 30080\r\n',
      errors: [{ line: 12, column: 19, endColumn: 24 }],
      output:
        'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: web\r\nspec:\r\n    type: LoadBalancer\r\n    allocateLoadBalancerNodePorts: false\r\n    loadBalancerSourceRanges:\r\n    - 10.0.0.0/8\r\n    ports:\r\n    -   port: 80\r\n',
    },
    {
      name: 'Kustomize patch and List',
      partial: true,
      code: yaml`
        apiVersion: v1
        kind: ServiceList
        items:
        - apiVersion: v1
          kind: Service
          metadata: { name: web }
          spec: { type: NodePort }
      `,
      errors: [{ line: 7, column: 17, endColumn: 25 }],
      output: yaml`
        apiVersion: v1
        kind: ServiceList
        items:
        - apiVersion: v1
          kind: Service
          metadata: { name: web }
          spec: { type: ClusterIP }
      `,
    },
  ],
});
