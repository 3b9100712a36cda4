import rule from '../../shared-rules/src/rules/ingress-public-no-auth';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const BASIC = 'Add basic authentication (auth-type: basic)';
const EXTERNAL = 'Add external authentication (auth-url)';
// Without ingress.authUrl, the external-auth variant writes a placeholder URL that
// ingress-nginx-annotation-injection flags until the user fills it in.

ruleTester(rule, {
  valid: [
    ...[
      'nginx.ingress.kubernetes.io/auth-type: basic',
      'nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth"',
      'nginx.ingress.kubernetes.io/auth-tls-verify-client: "on"',
      'nginx.ingress.kubernetes.io/auth-tls-verify-client: optional',
      'nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8',
      'nginx.ingress.kubernetes.io/allowlist-source-range: 10.0.0.0/8',
      'nginx.ingress.kubernetes.io/auth-url: {{ .Values.authUrl | quote }}',
    ].map((line) => ({
      name: `protected by ${line}`,
      code: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: admin\n  annotations:\n    ${line}\nspec:\n  ingressClassName: nginx\n`,
    })),
    {
      name: 'hosts public by design (globs)',
      config: { ingress: { publicHosts: ['www.example.com', '*.docs.example.com'] } },
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: site }
        spec:
          ingressClassName: nginx
          rules:
            - host: www.example.com
            - host: v1.docs.example.com
      `,
    },
    {
      name: 'not an nginx or ALB Ingress',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: site }
        spec:
          ingressClassName: traefik
      `,
    },
    {
      name: 'ALB: internal by default, or protected',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: internal }
        spec:
          ingressClassName: alb
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: sso
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/auth-type: cognito
        spec:
          ingressClassName: alb
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: office
          annotations:
            kubernetes.io/ingress.class: alb
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/inbound-cidrs: 203.0.113.0/24
      `,
    },
    {
      name: 'Helm: annotations from values may hold auth',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            {{- toYaml .Values.ingress.annotations | nindent 4 }}
            nginx.ingress.kubernetes.io/proxy-body-size: 8m
        spec:
          ingressClassName: nginx
      `,
    },
    {
      name: 'Kustomize patch',
      partial: true,
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
        spec:
          ingressClassName: nginx
      `,
    },
    {
      name: 'turned off in .kubeward.yaml',
      config: { rules: { 'ingress-public-no-auth': 'off' } },
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: site }
        spec:
          ingressClassName: nginx
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: site
          annotations:
            ignore.kubeward.io/ingress-public-no-auth: "public web site"
        spec:
          ingressClassName: nginx
      `,
    },
  ],
  invalid: [
    {
      name: 'no annotations: basic auth preferred without an auth URL; reported on metadata',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: grafana
        spec:
          ingressClassName: nginx
          rules:
            - host: grafana.example.com
      `,
      errors: [{ line: 3, column: 1, endColumn: 9, messageId: 'nginx', severity: 'info', message: 'Ingress "grafana" lets anyone reach its backend' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: grafana
          annotations:
            nginx.ingress.kubernetes.io/auth-type: basic
            nginx.ingress.kubernetes.io/auth-secret: grafana-basic-auth
            nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"
        spec:
          ingressClassName: nginx
          rules:
            - host: grafana.example.com
      `,
      applicability: 'unsafe',
      fixes: [
        {
          title: EXTERNAL,
          output: yaml`
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: grafana
              annotations:
                nginx.ingress.kubernetes.io/auth-url: https://<oauth2-proxy>/oauth2/auth
            spec:
              ingressClassName: nginx
              rules:
                - host: grafana.example.com
          `,
        },
      ],
      allowNewFindings: ['ingress-nginx-annotation-injection'],
    },
    {
      name: 'configured auth URL and sign-in: external auth preferred; reported on annotations',
      config: {
        ingress: {
          authUrl: 'https://auth.example.com/oauth2/auth',
          authSignin: 'https://auth.example.com/oauth2/start?rd=$escaped_request_uri',
          basicAuthSecret: 'htpasswd',
        },
      },
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: grafana
          annotations:
            kubernetes.io/ingress.class: nginx # legacy
        spec:
          rules:
            - host: grafana.example.com
      `,
      errors: [{ line: 5, column: 3, endColumn: 14 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: grafana
          annotations:
            kubernetes.io/ingress.class: nginx # legacy
            nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth
            nginx.ingress.kubernetes.io/auth-signin: https://auth.example.com/oauth2/start?rd=$escaped_request_uri
        spec:
          rules:
            - host: grafana.example.com
      `,
      fixes: [
        {
          title: BASIC,
          output: yaml`
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: grafana
              annotations:
                kubernetes.io/ingress.class: nginx # legacy
                nginx.ingress.kubernetes.io/auth-type: basic
                nginx.ingress.kubernetes.io/auth-secret: htpasswd
                nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"
            spec:
              rules:
                - host: grafana.example.com
          `,
        },
      ],
    },
    {
      name: 'mTLS switched off, some hosts not public; flow annotations',
      config: { ingress: { publicHosts: ['www.example.com'], authUrl: 'https://auth.example.com/oauth2/auth' } },
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: site
          annotations: {nginx.ingress.kubernetes.io/auth-tls-verify-client: "off"}
        spec:
          ingressClassName: nginx
          rules:
            - host: www.example.com
            - host: admin.example.com
      `,
      errors: [{ line: 5, column: 3, endColumn: 14 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: site
          annotations: {nginx.ingress.kubernetes.io/auth-tls-verify-client: "off", nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth}
        spec:
          ingressClassName: nginx
          rules:
            - host: www.example.com
            - host: admin.example.com
      `,
    },
    {
      name: 'empty annotations key; 4-space indent; CRLF',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: admin
            annotations:
        spec:
            ingressClassName: nginx
      `.replace(/\n/g, '\r\n'),
      errors: [{ line: 5, column: 5, endColumn: 16 }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
            name: admin
            annotations:
                nginx.ingress.kubernetes.io/auth-type: basic
                nginx.ingress.kubernetes.io/auth-secret: admin-basic-auth
                nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"
        spec:
            ingressClassName: nginx
      `.replace(/\n/g, '\r\n'),
      allowNewFindings: ['ingress-nginx-annotation-injection'],
    },
    {
      name: 'internet-facing ALB without auth or CIDRs: inbound-cidrs placeholder',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/auth-type: none
        spec:
          ingressClassName: alb
      `,
      errors: [{ line: 5, column: 3, endColumn: 14, messageId: 'alb' }],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            alb.ingress.kubernetes.io/auth-type: none
            alb.ingress.kubernetes.io/inbound-cidrs: <your-cidr>/32
        spec:
          ingressClassName: alb
      `,
      applicability: 'display-only',
    },
    {
      name: 'v1beta1 without metadata.annotations, nginx by class annotation in a List',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: legacy, annotations: {kubernetes.io/ingress.class: nginx}}
      `,
      errors: [{ line: 6, column: 30, endColumn: 41 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: legacy, annotations: {kubernetes.io/ingress.class: nginx, nginx.ingress.kubernetes.io/auth-type: basic, nginx.ingress.kubernetes.io/auth-secret: legacy-basic-auth, nginx.ingress.kubernetes.io/auth-realm: "Authentication Required"}}
      `,
      allowNewFindings: ['ingress-nginx-annotation-injection'],
    },
  ],
});
