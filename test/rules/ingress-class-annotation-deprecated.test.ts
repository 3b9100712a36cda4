import rule from '../../shared-rules/src/rules/ingress-class-annotation-deprecated';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'spec.ingressClassName',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          ingressClassName: nginx
      `,
    },
    {
      name: 'GKE reads only the annotation',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            kubernetes.io/ingress.class: gce
      `,
    },
    {
      name: 'the annotation on another kind',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: shop
          annotations:
            kubernetes.io/ingress.class: nginx
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            # kubeward-disable-next-line ingress-class-annotation-deprecated -- AGIC 1.4 needs it
            kubernetes.io/ingress.class: azure/application-gateway
      `,
    },
  ],
  invalid: [
    {
      name: 'the only annotation: moved to spec.ingressClassName (first in spec), annotations key removed',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            kubernetes.io/ingress.class: nginx
        spec:
          rules:
            - host: shop.example.com
      `,
      errors: [
        {
          line: 6,
          column: 5,
          endColumn: 32,
          messageId: 'deprecated',
          severity: 'info',
          message: 'Ingress "shop" selects its controller with the deprecated kubernetes.io/ingress.class',
        },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          ingressClassName: nginx
          rules:
            - host: shop.example.com
      `,
      applicability: 'unsafe',
    },
    {
      name: 'other annotations stay; quoted value',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            kubernetes.io/ingress.class: "nginx-internal"
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
        spec:
          rules: []
      `,
      errors: [{ line: 6, column: 5, endColumn: 32 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
        spec:
          ingressClassName: nginx-internal
          rules: []
      `,
    },
    {
      name: 'the only annotation with a comment: the map stays, empty, and valid',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            # set by the platform team
            kubernetes.io/ingress.class: nginx
        spec:
          defaultBackend:
            service: { name: shop, port: { number: 80 } }
      `,
      errors: [{ line: 7, column: 5, endColumn: 32 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            # set by the platform team
        spec:
          ingressClassName: nginx
          defaultBackend:
            service: { name: shop, port: { number: 80 } }
      `,
    },
    {
      name: 'no spec and the annotation on the last line: the two edits would touch one line, so no fix',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            kubernetes.io/ingress.class: nginx
      `,
      errors: [{ line: 6, column: 5, endColumn: 32 }],
      output: null,
    },
    {
      name: 'both set and equal: only the annotation goes',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations: {kubernetes.io/ingress.class: nginx}
        spec: {ingressClassName: nginx}
      `,
      errors: [{ line: 5, column: 17, endColumn: 44, severity: 'info' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations: {}
        spec: {ingressClassName: nginx}
      `,
    },
    {
      name: 'both set and different: warning, no fix (a person must choose)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            kubernetes.io/ingress.class: nginx-public
        spec:
          ingressClassName: nginx-internal
      `,
      errors: [
        {
          line: 6,
          column: 5,
          endColumn: 32,
          messageId: 'conflict',
          severity: 'warning',
          message: 'Ingress "shop" has ingress.class "nginx-public" but spec.ingressClassName "nginx-internal"',
        },
      ],
      output: null,
    },
    {
      name: 'v1beta1: reported, no fix until the API version is converted',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            kubernetes.io/ingress.class: nginx
      `,
      errors: [{ line: 6, column: 5, endColumn: 32 }],
      output: null,
    },
    {
      name: 'not a valid IngressClass name, or templated: no fix',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: agic
          annotations:
            kubernetes.io/ingress.class: azure/application-gateway
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: chart
          annotations:
            kubernetes.io/ingress.class: {{ .Values.ingress.class }}
      `,
      errors: [
        { line: 6, column: 5, endColumn: 32, message: 'Ingress "agic" selects its controller with the deprecated kubernetes.io/ingress.class' },
        { line: 13, column: 5, endColumn: 32, message: 'selects its controller with the deprecated kubernetes.io/ingress.class' },
      ],
      output: null,
    },
    {
      name: '4-space indent, CRLF, flow spec, List kind',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
            -   apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                    name: shop
                    annotations:
                        kubernetes.io/ingress.class: nginx
                        example.com/owner: web
                spec: {rules: [{host: shop.example.com}]}
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 9, column: 17, endColumn: 44 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
            -   apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                    name: shop
                    annotations:
                        example.com/owner: web
                spec: {rules: [{host: shop.example.com}], ingressClassName: nginx}
      `.replace(/\n/g, '\r\n'),
    },
  ],
});
