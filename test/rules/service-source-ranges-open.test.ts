import rule from '../../shared-rules/src/rules/service-source-ranges-open';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Service
      metadata: { name: api }
      spec:
        type: LoadBalancer
        loadBalancerSourceRanges: [10.0.0.0/8, "2001:db8::/32"]
    `,
    {
      name: 'not a load balancer: the field does nothing (and is rejected)',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api }
        spec:
          type: ClusterIP
          loadBalancerSourceRanges: [0.0.0.0/0]
      `,
    },
    {
      name: 'Helm: templated list and templated item',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges:
            - {{ .Values.cidr }}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: api2
          annotations:
            service.beta.kubernetes.io/load-balancer-source-ranges: {{ .Values.ranges | quote }}
        spec:
          type: LoadBalancer
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges:
            # kubeward-disable-next-line service-source-ranges-open -- public status page
            - 0.0.0.0/0
            # kubeward-disable-next-line service-source-ranges-open
            - ::/0
      `,
    },
  ],
  invalid: [
    {
      name: 'block list: the first open range becomes the placeholder, the second goes',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges:
            - 10.0.0.0/8
            - 0.0.0.0/0   # temporary
            - ::/0
      `,
      errors: [
        { line: 9, column: 7, endColumn: 16, messageId: 'open', message: 'Service "api" lists 0.0.0.0/0' },
        { line: 10, column: 7, endColumn: 11, message: 'lists ::/0' },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges:
            - 10.0.0.0/8
            - <your-cidr>   # temporary
      `,
    },
    {
      name: 'flow list, quoted, templated type may be a load balancer, Kustomize patch',
      partial: true,
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api }
        spec: { type: {{ .Values.type }}, loadBalancerSourceRanges: ["0.0.0.0/0"] }
      `,
      errors: [{ line: 4, column: 62, endColumn: 73 }],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: api }
        spec: { type: {{ .Values.type }}, loadBalancerSourceRanges: ["<your-cidr>"] }
      `,
    },
    {
      name: 'the annotation form keeps its other ranges',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8, 0.0.0.0/0"
        spec:
          type: LoadBalancer
      `,
      errors: [{ line: 6, column: 61, endColumn: 84 }],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8,<your-cidr>"
        spec:
          type: LoadBalancer
      `,
    },
    {
      name: 'CRLF, List kind',
      code: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Service\r\n  metadata: {name: a}\r\n  spec:\r\n    type: LoadBalancer\r\n    loadBalancerSourceRanges:\r\n    - 0.0.0.0/0\r\n',
      errors: [{ line: 10, column: 7, endColumn: 16 }],
      output:
        'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Service\r\n  metadata: {name: a}\r\n  spec:\r\n    type: LoadBalancer\r\n    loadBalancerSourceRanges:\r\n    - <your-cidr>\r\n',
    },
  ],
});
