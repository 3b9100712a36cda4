import rule from '../../shared-rules/src/rules/ingress-source-range-open';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'specific ranges',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            nginx.ingress.kubernetes.io/whitelist-source-range: "10.0.0.0/8, 203.0.113.0/24, 2001:db8::/32"
            alb.ingress.kubernetes.io/inbound-cidrs: 198.51.100.0/24
      `,
    },
    {
      name: 'a /0 elsewhere is not an allowlist',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            example.com/note: "0.0.0.0/0"
            nginx.ingress.kubernetes.io/whitelist-source-range: "10.0.0.0/10"
      `,
    },
    {
      name: 'templated allowlist',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            nginx.ingress.kubernetes.io/whitelist-source-range: {{ join "," .Values.cidrs | quote }}
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            # kubeward-disable-next-line ingress-source-range-open -- public on purpose, reviewed
            nginx.ingress.kubernetes.io/whitelist-source-range: 0.0.0.0/0
      `,
    },
  ],
  invalid: [
    {
      name: 'the only range is open: replaced by the placeholder, quotes kept',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            nginx.ingress.kubernetes.io/whitelist-source-range: "0.0.0.0/0" # TODO restrict
      `,
      errors: [
        {
          line: 6,
          column: 57,
          endColumn: 68,
          messageId: 'open',
          message: 'Ingress "admin" allows 0.0.0.0/0 in nginx.ingress.kubernetes.io/whitelist-source-range, which admits every address',
        },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            nginx.ingress.kubernetes.io/whitelist-source-range: "<your-cidr>/32" # TODO restrict
      `,
      applicability: 'display-only',
    },
    {
      name: 'open ranges among others: the first becomes the placeholder, the rest are dropped',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            nginx.ingress.kubernetes.io/allowlist-source-range: 10.0.0.0/8, 0.0.0.0/0, ::/0
      `,
      errors: [{ line: 6, column: 57, endColumn: 84 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            nginx.ingress.kubernetes.io/allowlist-source-range: "10.0.0.0/8,<your-cidr>/32"
      `,
    },
    {
      name: 'ALB inbound-cidrs, IPv6 and any /0 prefix; plain style kept',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            alb.ingress.kubernetes.io/inbound-cidrs: ::/0
            nginx.ingress.kubernetes.io/whitelist-source-range: '192.168.0.1/0'
        spec:
          ingressClassName: alb
      `,
      errors: [
        { line: 6, column: 46, endColumn: 50, message: 'alb.ingress.kubernetes.io/inbound-cidrs' },
        {
          line: 7,
          column: 57,
          endColumn: 72,
          message: 'Ingress "admin" allows 192.168.0.1/0 in nginx.ingress.kubernetes.io/whitelist-source-range, which admits every address',
        },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            alb.ingress.kubernetes.io/inbound-cidrs: <your-cidr>/32
            nginx.ingress.kubernetes.io/whitelist-source-range: '<your-cidr>/32'
        spec:
          ingressClassName: alb
      `,
    },
    {
      name: 'flow annotations, CRLF, List kind',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: admin
            annotations: {nginx.ingress.kubernetes.io/whitelist-source-range: "0.0.0.0/0,10.1.0.0/16"}
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 8, column: 71, endColumn: 94 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: admin
            annotations: {nginx.ingress.kubernetes.io/whitelist-source-range: "<your-cidr>/32,10.1.0.0/16"}
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
