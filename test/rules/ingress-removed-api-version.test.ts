import rule from '../../shared-rules/src/rules/ingress-removed-api-version';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'networking.k8s.io/v1',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          defaultBackend:
            service: { name: shop, port: { number: 80 } }
      `,
    },
    {
      name: 'templated apiVersion (charts pick it by capability)',
      code: yaml`
        apiVersion: {{ include "chart.ingress.apiVersion" . }}
        kind: Ingress
        metadata: { name: shop }
      `,
    },
    {
      name: 'another kind in extensions/v1beta1 is another rule',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: NetworkPolicy
        metadata: { name: np }
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        # kubeward-disable-next-line ingress-removed-api-version -- cluster pinned to 1.18
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: { name: shop }
      `,
    },
  ],
  invalid: [
    {
      name: 'extensions/v1beta1, every field mapped in place; comments, quoting and a resource backend kept',
      code: yaml`
        # The shop front
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: shop
        spec:
          backend: # everything else
            serviceName: default-http
            servicePort: 80
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: / # root
                    backend:
                      serviceName: "shop" # the storefront
                      servicePort: http
                  - path: /api
                    pathType: Prefix
                    backend:
                      # API gateway
                      serviceName: api
                      servicePort: 8080
                  - path: /static
                    backend:
                      resource:
                        apiGroup: k8s.example.com
                        kind: StorageBucket
                        name: static-assets
      `,
      errors: [
        {
          line: 2,
          column: 13,
          endColumn: 31,
          messageId: 'removed',
          severity: 'error',
          message: 'Ingress "shop" uses extensions/v1beta1, which Kubernetes stopped serving in 1.22',
        },
      ],
      output: yaml`
        # The shop front
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          defaultBackend: # everything else
            service:
              name: default-http
              port:
                number: 80
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: / # root
                    pathType: ImplementationSpecific
                    backend:
                      service:
                        name: "shop" # the storefront
                        port:
                          name: http
                  - path: /api
                    pathType: Prefix
                    backend:
                      # API gateway
                      service:
                        name: api
                        port:
                          number: 8080
                  - path: /static
                    pathType: ImplementationSpecific
                    backend:
                      resource:
                        apiGroup: k8s.example.com
                        kind: StorageBucket
                        name: static-assets
      `,
      applicability: 'safe',
    },
    {
      name: 'networking.k8s.io/v1beta1, 4-space indent, flush sequences, servicePort first, CRLF',
      code: yaml`
        apiVersion: networking.k8s.io/v1beta1
        kind: Ingress
        metadata:
            name: shop
        spec:
            rules:
            - host: shop.example.com
              http:
                  paths:
                  - backend:
                        servicePort: 443
                        serviceName: shop
                    path: /
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 1, column: 13, endColumn: 38 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: shop
        spec:
            rules:
            - host: shop.example.com
              http:
                  paths:
                  - backend:
                        service:
                            port:
                                number: 443
                            name: shop
                    path: /
                    pathType: ImplementationSpecific
      `.replace(/\n/g, '\r\n'),
    },
    {
      name: 'flow backends and flow path items',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: shop}
        spec:
          backend: {serviceName: default-http, servicePort: 80}
          rules:
            - host: shop.example.com
              http:
                paths:
                  - {path: /, backend: {serviceName: shop, servicePort: http}}
                  - path: /api
                    backend: {servicePort: 8080, serviceName: api}
      `,
      errors: [{ line: 1, column: 13, endColumn: 31 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec:
          defaultBackend: {service: {name: default-http, port: {number: 80}}}
          rules:
            - host: shop.example.com
              http:
                paths:
                  - {path: /, backend: {service: {name: shop, port: {name: http}}}, pathType: ImplementationSpecific}
                  - path: /api
                    pathType: ImplementationSpecific
                    backend: {service: {name: api, port: {number: 8080}}}
      `,
    },
    {
      name: 'a quoted numeric servicePort becomes port.number, with a note, and the fix is unsafe',
      code: yaml`
        apiVersion: networking.k8s.io/v1beta1
        kind: Ingress
        metadata:
          name: shop
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      serviceName: shop
                      servicePort: "80"
      `,
      errors: [{ line: 1, column: 13, endColumn: 38 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: shop
                        port:
                          number: 80
      `,
      applicability: 'unsafe',
      fixes: [
        {
          title: 'Convert to networking.k8s.io/v1 (servicePort "80" becomes port.number 80)',
          output: yaml`
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
            spec:
              rules:
                - http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: shop
                            port:
                              number: 80
          `,
        },
      ],
    },
    {
      name: 'target 1.18: a warning (before 1.22), and no networking.k8s.io/v1 yet, so the fix is unsafe',
      config: { kubernetesVersion: '1.18' },
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: shop
        spec:
          backend:
            serviceName: shop
            servicePort: 80
      `,
      errors: [{ line: 1, column: 13, endColumn: 31, severity: 'warning' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          defaultBackend:
            service:
              name: shop
              port:
                number: 80
      `,
      applicability: 'unsafe',
    },
    {
      name: 'Helm: templated name kept, pathType added; a templated port gives no fix',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: {{ include "chart.fullname" . }}
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    backend:
                      serviceName: {{ include "chart.fullname" . }}
                      servicePort: 80
        ---
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: other
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    backend:
                      serviceName: other
                      servicePort: {{ .Values.service.port }}
      `,
      errors: [
        { line: 1, column: 13, endColumn: 31, message: 'Ingress "this Ingress" uses' },
        { line: 14, column: 13, endColumn: 31 },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {{ include "chart.fullname" . }}
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    pathType: ImplementationSpecific
                    backend:
                      service:
                        name: {{ include "chart.fullname" . }}
                        port:
                          number: 80
        ---
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: other
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    backend:
                      serviceName: other
                      servicePort: {{ .Values.service.port }}
      `,
    },
    {
      name: 'target 1.21: a warning, and a safe fix',
      config: { kubernetesVersion: '1.21' },
      code: yaml`
        apiVersion: networking.k8s.io/v1beta1
        kind: Ingress
        metadata: { name: shop }
        spec: { backend: { serviceName: shop, servicePort: 80 } }
      `,
      errors: [{ line: 1, column: 13, endColumn: 38, severity: 'warning' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec: { defaultBackend: { service: {name: shop, port: {number: 80}} } }
      `,
      applicability: 'safe',
    },
    {
      name: 'Kustomize patch: still reported (a present value), the fix is unsafe',
      partial: true,
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
      `,
      errors: [{ line: 1, column: 13, endColumn: 31 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
      `,
      applicability: 'unsafe',
    },
    {
      name: 'serviceName and servicePort apart: no fix rather than a guess',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: { name: shop }
        spec:
          backend:
            serviceName: shop
            resource: { kind: X, name: y }
            servicePort: 80
      `,
      errors: [{ line: 1, column: 13, endColumn: 31 }],
      output: null,
    },
    {
      name: 'List kind; a path without path key; empty pathType',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: extensions/v1beta1
            kind: Ingress
            metadata:
              name: shop
            spec:
              rules:
                - http:
                    paths:
                      - backend:
                          serviceName: shop
                          servicePort: 80
                      - path: /x
                        pathType:
                        backend:
                          serviceName: x
                          servicePort: 80
      `,
      errors: [{ line: 4, column: 17, endColumn: 35 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
            spec:
              rules:
                - http:
                    paths:
                      - backend:
                          service:
                            name: shop
                            port:
                              number: 80
                        pathType: ImplementationSpecific
                      - path: /x
                        pathType: ImplementationSpecific
                        backend:
                          service:
                            name: x
                            port:
                              number: 80
      `,
    },
  ],
});
