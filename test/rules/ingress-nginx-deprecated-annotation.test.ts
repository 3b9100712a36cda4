import rule from '../../shared-rules/src/rules/ingress-nginx-deprecated-annotation';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'current annotations',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
            nginx.ingress.kubernetes.io/proxy-ssl-secret: shop/backend-ca
            nginx.ingress.kubernetes.io/proxy-ssl-verify: "on"
      `,
    },
    {
      name: 'another prefix',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            ingress.kubernetes.io/secure-backends: "true"
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
            # kubeward-disable-next-line ingress-nginx-deprecated-annotation -- old controller in the lab
            nginx.ingress.kubernetes.io/secure-backends: "true"
      `,
    },
  ],
  invalid: [
    {
      name: 'secure-backends "true" → backend-protocol "HTTPS", renamed in place',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/secure-backends: "true" # backend serves 443
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
      `,
      errors: [
        {
          line: 6,
          column: 5,
          endColumn: 48,
          messageId: 'removed',
          message: 'Ingress "shop" uses nginx.ingress.kubernetes.io/secure-backends, which ingress-nginx 0.21.0 ignores',
        },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/backend-protocol: "HTTPS" # backend serves 443
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
      `,
      applicability: 'unsafe',
    },
    {
      name: 'grpc-backend "true" → GRPC; single quotes kept',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: grpc
          annotations:
            nginx.ingress.kubernetes.io/grpc-backend: 'true'
      `,
      errors: [{ line: 6, column: 5, endColumn: 45 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: grpc
          annotations:
            nginx.ingress.kubernetes.io/backend-protocol: 'GRPC'
      `,
    },
    {
      name: 'both → GRPCS; one combined fix shared by both findings',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: grpc
          annotations:
            nginx.ingress.kubernetes.io/secure-backends: "true"
            kubernetes.io/ingress.class: nginx
            nginx.ingress.kubernetes.io/grpc-backend: "true"
      `,
      errors: [
        { line: 6, column: 5, endColumn: 48 },
        { line: 8, column: 5, endColumn: 45 },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: grpc
          annotations:
            kubernetes.io/ingress.class: nginx
            nginx.ingress.kubernetes.io/backend-protocol: "GRPCS"
      `,
    },
    {
      name: '"false", or already superseded: removed, a safe fix',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/secure-backends: "false"
            nginx.ingress.kubernetes.io/proxy-ssl-secret: shop/ca
            nginx.ingress.kubernetes.io/secure-verify-ca-secret: ca
      `,
      errors: [
        { line: 6, column: 5, endColumn: 48 },
        {
          line: 8,
          column: 5,
          endColumn: 56,
          message: 'Ingress "shop" uses nginx.ingress.kubernetes.io/secure-verify-ca-secret, which ingress-nginx 0.27.0 ignores',
        },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/proxy-ssl-secret: shop/ca
      `,
      applicability: 'safe',
    },
    {
      name: 'backend-protocol already set: secure-backends "true" is just removed',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
            nginx.ingress.kubernetes.io/secure-backends: "true"
      `,
      errors: [{ line: 7, column: 5, endColumn: 48 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
      `,
      applicability: 'safe',
    },
    {
      name: 'secure-verify-ca-secret → proxy-ssl-secret <namespace>/X + proxy-ssl-verify "on"',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          namespace: shop
          annotations:
            nginx.ingress.kubernetes.io/secure-verify-ca-secret: backend-ca
            nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
      `,
      errors: [{ line: 7, column: 5, endColumn: 56 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          namespace: shop
          annotations:
            nginx.ingress.kubernetes.io/proxy-ssl-secret: shop/backend-ca
            nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
            nginx.ingress.kubernetes.io/proxy-ssl-verify: "on"
      `,
      applicability: 'unsafe',
    },
    {
      name: 'no namespace: a placeholder namespace; flow annotations; CRLF',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations: {nginx.ingress.kubernetes.io/secure-verify-ca-secret: "backend-ca"}
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 5, column: 17, endColumn: 68 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations: {nginx.ingress.kubernetes.io/proxy-ssl-secret: "<namespace>/backend-ca", nginx.ingress.kubernetes.io/proxy-ssl-verify: "on"}
      `.replace(/\n/g, '\r\n'),
      applicability: 'display-only',
    },
    {
      name: '4-space indent: the inserted proxy-ssl-verify follows it',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: shop
            namespace: shop
            annotations:
                nginx.ingress.kubernetes.io/secure-verify-ca-secret: shop/backend-ca # rotated yearly
      `,
      errors: [{ line: 7, column: 9, endColumn: 60 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: shop
            namespace: shop
            annotations:
                nginx.ingress.kubernetes.io/proxy-ssl-secret: shop/backend-ca # rotated yearly
                nginx.ingress.kubernetes.io/proxy-ssl-verify: "on"
      `,
    },
    {
      name: 'templated value: reported, no fix',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            nginx.ingress.kubernetes.io/secure-backends: {{ .Values.tls | quote }}
      `,
      errors: [{ line: 6, column: 5, endColumn: 48 }],
      output: null,
    },
    {
      name: 'v1beta1, List kind, 4-space indent',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
            -   apiVersion: extensions/v1beta1
                kind: Ingress
                metadata:
                    name: shop
                    annotations:
                        nginx.ingress.kubernetes.io/secure-backends: "true"
      `,
      errors: [{ line: 9, column: 17, endColumn: 60 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
            -   apiVersion: extensions/v1beta1
                kind: Ingress
                metadata:
                    name: shop
                    annotations:
                        nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"
      `,
    },
  ],
});
