import rule from '../../shared-rules/src/rules/service-loadbalancer-unrestricted';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'restricted by source ranges',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [10.0.0.0/8]
          ports: [{ port: 443 }]
      `,
    },
    {
      name: 'restricted by the source-ranges annotation',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8,192.168.0.0/16"
        spec:
          type: LoadBalancer
          ports: [{ port: 443 }]
      `,
    },
    {
      name: 'AWS internal scheme',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-scheme: internal
        spec:
          type: LoadBalancer
          ports: [{ port: 443 }]
      `,
    },
    {
      name: 'AWS legacy internal "true"',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations: { service.beta.kubernetes.io/aws-load-balancer-internal: "true" }
        spec: { type: LoadBalancer, ports: [{ port: 443 }] }
      `,
    },
    {
      name: 'GKE internal',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            networking.gke.io/load-balancer-type: "Internal"
        spec: { type: LoadBalancer, ports: [{ port: 443 }] }
      `,
    },
    {
      name: 'GKE legacy internal',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            cloud.google.com/load-balancer-type: Internal
        spec: { type: LoadBalancer, ports: [{ port: 443 }] }
      `,
    },
    {
      name: 'Azure internal',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/azure-load-balancer-internal: "true"
        spec: { type: LoadBalancer, ports: [{ port: 443 }] }
      `,
    },
    {
      name: 'open 0.0.0.0/0 is service-source-ranges-open, not this rule',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: ["0.0.0.0/0"]
      `,
    },
    {
      name: 'ClusterIP and NodePort are not load balancers',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: a }
        spec: { ports: [{ port: 80 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: b }
        spec: { type: NodePort, ports: [{ port: 80 }] }
      `,
    },
    {
      name: 'Helm: templated type, templated annotations, annotations from a with block',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: a
        spec:
          type: {{ .Values.service.type }}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: b
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-internal: {{ .Values.internal | quote }}
        spec:
          type: LoadBalancer
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: c
          annotations:
            {{- with .Values.service.annotations }}
            {{- toYaml . | nindent 4 }}
            {{- end }}
        spec:
          type: LoadBalancer
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: d
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges:
            {{- toYaml .Values.sourceRanges | nindent 4 }}
      `,
    },
    {
      name: 'Kustomize patch: the base may restrict it, so the missing restriction is not a finding',
      partial: true,
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api }
        spec:
          type: LoadBalancer
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: public-api
          annotations:
            ignore.kubeward.io/service-loadbalancer-unrestricted: "public API behind Cloud Armor"
        spec:
          type: LoadBalancer
      `,
    },
    {
      name: 'suppressed by comment',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: public-api }
        spec:
          # kubeward-disable-next-line service-loadbalancer-unrestricted -- public on purpose
          type: LoadBalancer
      `,
    },
  ],
  invalid: [
    {
      name: 'block style: source ranges preferred; provider variants; ClusterIP removes LB-only fields',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
        spec:
          type: LoadBalancer  # public
          externalTrafficPolicy: Local
          selector:
            app: api
          ports:
            - port: 443
              targetPort: 8443
              nodePort: 30443
      `,
      errors: [
        { line: 6, column: 9, endColumn: 21, messageId: 'unrestricted', message: 'Service "api" is a public LoadBalancer with no loadBalancerSourceRanges' },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
        spec:
          type: LoadBalancer  # public
          externalTrafficPolicy: Local
          selector:
            app: api
          ports:
            - port: 443
              targetPort: 8443
              nodePort: 30443
          loadBalancerSourceRanges:
            - <your-cidr>
      `,
      fixes: [
        {
          title: 'Make it an internal AWS load balancer',
          output: yaml`
            apiVersion: v1
            kind: Service
            metadata:
              name: api
              annotations:
                service.beta.kubernetes.io/aws-load-balancer-scheme: "internal"
            spec:
              type: LoadBalancer  # public
              externalTrafficPolicy: Local
              selector:
                app: api
              ports:
                - port: 443
                  targetPort: 8443
                  nodePort: 30443
          `,
        },
        {
          title: 'Make it an internal GKE load balancer',
          output: yaml`
            apiVersion: v1
            kind: Service
            metadata:
              name: api
              annotations:
                networking.gke.io/load-balancer-type: "Internal"
            spec:
              type: LoadBalancer  # public
              externalTrafficPolicy: Local
              selector:
                app: api
              ports:
                - port: 443
                  targetPort: 8443
                  nodePort: 30443
          `,
        },
        {
          title: 'Make it an internal Azure load balancer',
          output: yaml`
            apiVersion: v1
            kind: Service
            metadata:
              name: api
              annotations:
                service.beta.kubernetes.io/azure-load-balancer-internal: "true"
            spec:
              type: LoadBalancer  # public
              externalTrafficPolicy: Local
              selector:
                app: api
              ports:
                - port: 443
                  targetPort: 8443
                  nodePort: 30443
          `,
        },
        {
          title: 'Change the type to ClusterIP',
          output: yaml`
            apiVersion: v1
            kind: Service
            metadata:
              name: api
            spec:
              type: ClusterIP  # public
              selector:
                app: api
              ports:
                - port: 443
                  targetPort: 8443
          `,
        },
      ],
    },
    {
      name: 'the provider of existing annotations is the only internal variant offered; external scheme is replaced',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
        spec:
          type: LoadBalancer
      `,
      errors: [{ line: 8, column: 9, endColumn: 21 }],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges:
            - <your-cidr>
      `,
      fixes: [
        {
          title: 'Make it an internal AWS load balancer',
          output: yaml`
            apiVersion: v1
            kind: Service
            metadata:
              name: api
              annotations:
                service.beta.kubernetes.io/aws-load-balancer-scheme: internal
            spec:
              type: LoadBalancer
          `,
        },
      ],
    },
    {
      name: 'flow style, empty source ranges replaced',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api, annotations: { azure.workload.identity/use: "true" } }
        spec: { type: LoadBalancer, loadBalancerSourceRanges: [], ports: [{ port: 80 }] }
      `,
      errors: [{ line: 4, column: 15, endColumn: 27 }],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api, annotations: { azure.workload.identity/use: "true" } }
        spec: { type: LoadBalancer, loadBalancerSourceRanges: [<your-cidr>], ports: [{ port: 80 }] }
      `,
      fixes: [
        {
          title: 'Make it an internal AWS load balancer',
          output: yaml`
            apiVersion: v1
            kind: Service
            metadata: { name: api, annotations: { azure.workload.identity/use: "true", service.beta.kubernetes.io/aws-load-balancer-scheme: "internal" } }
            spec: { type: LoadBalancer, loadBalancerSourceRanges: [], ports: [{ port: 80 }] }
          `,
        },
      ],
    },
    {
      name: '4-space indentation, flush sequences, CRLF',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: api\r\nspec:\r\n    type: LoadBalancer\r\n    ports:\r\n    - port: 80\r\n',
      errors: [{ line: 6, column: 11, endColumn: 23 }],
      output:
        'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: api\r\nspec:\r\n    type: LoadBalancer\r\n    ports:\r\n    - port: 80\r\n    loadBalancerSourceRanges:\r\n    - <your-cidr>\r\n',
      fixes: [
        {
          title: 'Make it an internal GKE load balancer',
          output:
            'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n    name: api\r\n    annotations:\r\n        networking.gke.io/load-balancer-type: "Internal"\r\nspec:\r\n    type: LoadBalancer\r\n    ports:\r\n    - port: 80\r\n',
        },
      ],
    },
    {
      name: 'List kind',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata: { name: api }
            spec:
              type: LoadBalancer
      `,
      errors: [{ line: 8, column: 13, endColumn: 25 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata: { name: api }
            spec:
              type: LoadBalancer
              loadBalancerSourceRanges:
                - <your-cidr>
      `,
    },
  ],
});
