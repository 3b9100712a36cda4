import rule from '../../shared-rules/src/rules/service-sensitive-port-exposed';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'ClusterIP database',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: postgres }
        spec:
          selector: { app: postgres }
          ports: [{ port: 5432 }]
      `,
    },
    {
      name: 'restricted or internal load balancers',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: postgres }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [10.0.0.0/8]
          ports: [{ port: 5432 }]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: redis
          annotations: { networking.gke.io/load-balancer-type: "Internal" }
        spec:
          type: LoadBalancer
          ports: [{ port: 6379 }]
      `,
    },
    {
      name: 'ordinary web ports on a NodePort',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        spec:
          type: NodePort
          selector: { app: web }
          ports: [{ port: 80, targetPort: 8080 }]
      `,
    },
    {
      name: 'Helm: templated port',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: db }
        spec:
          type: NodePort
          ports:
            - port: {{ .Values.port }}
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: bastion }
        spec:
          type: NodePort
          ports:
            # kubeward-disable-next-line service-sensitive-port-exposed -- the bastion
            - port: 22
      `,
    },
  ],
  invalid: [
    {
      name: 'open LoadBalancer: port and targetPort, one finding per entry; ClusterIP preferred, source ranges offered',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: db
        spec:
          type: LoadBalancer
          selector:
            app: db
          ports:
            - name: pg
              port: 5432
              targetPort: 5432
            - name: metrics
              port: 9187
            - name: redis
              port: 16379
              targetPort: 6379
      `,
      errors: [
        { line: 11, column: 13, endColumn: 17, messageId: 'port', message: 'port 5432 (PostgreSQL) as a LoadBalancer' },
        { line: 17, column: 19, endColumn: 23, message: 'port 6379 (Redis)' },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: db
        spec:
          type: ClusterIP
          selector:
            app: db
          ports:
            - name: pg
              port: 5432
              targetPort: 5432
            - name: metrics
              port: 9187
            - name: redis
              port: 16379
              targetPort: 6379
      `,
      fixes: [
        {
          title: 'Add loadBalancerSourceRanges',
          output: yaml`
            apiVersion: v1
            kind: Service
            metadata:
              name: db
            spec:
              type: LoadBalancer
              selector:
                app: db
              ports:
                - name: pg
                  port: 5432
                  targetPort: 5432
                - name: metrics
                  port: 9187
                - name: redis
                  port: 16379
                  targetPort: 6379
              loadBalancerSourceRanges:
                - <your-cidr>
          `,
        },
      ],
    },
    {
      name: 'NodePort SSH in flow style, nodePort removed by the fix',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: bastion }
        spec: { type: NodePort, ports: [{ port: 22, nodePort: 30022 }] }
      `,
      errors: [{ line: 4, column: 41, endColumn: 43, message: 'port 22 (SSH) as a NodePort' }],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: bastion }
        spec: { type: ClusterIP, ports: [{ port: 22 }] }
      `,
    },
    {
      name: 'a sensitive interface by name or selector; 4 spaces',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
            name: ci
        spec:
            type: NodePort
            selector:
                app.kubernetes.io/name: jenkins
            ports:
                - port: 8080
      `,
      errors: [{ line: 6, column: 11, endColumn: 19, messageId: 'interface', message: 'exposes jenkins as a NodePort' }],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
            name: ci
        spec:
            type: ClusterIP
            selector:
                app.kubernetes.io/name: jenkins
            ports:
                - port: 8080
      `,
    },
    {
      name: 'CRLF, Kustomize patch (present values still count)',
      partial: true,
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: kubernetes-dashboard\r\nspec:\r\n  type: NodePort\r\n',
      errors: [{ line: 6, column: 9, endColumn: 17, messageId: 'interface' }],
      output: 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: kubernetes-dashboard\r\nspec:\r\n  type: ClusterIP\r\n',
    },
  ],
});
