/**
 * tls-secret-malformed across files: the Secret an Ingress (spec.tls[].secretName)
 * or a Gateway listener (tls.certificateRefs) names must hold a certificate,
 * in a Secret of type kubernetes.io/tls.
 */
import rule from '../../shared-rules/src/rules/tls-secret-malformed';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const secret = (type: string | undefined, keys: readonly string[], name = 'web-tls', namespace = 'shop') =>
  [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    ...(type ? [`type: ${type}`] : []),
    'data:',
    ...(keys.length ? keys.map((k) => `  ${k}: ${k === 'tls.crt' ? 'LS0tLS1CRUdJTg==' : 'c2VjcmV0'}`) : ['  username: YWRtaW4=']),
    '',
  ].join('\n');

const ingress = (secretName = 'web-tls') => yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    namespace: shop
  spec:
    ingressClassName: nginx
    tls:
      - hosts: [web.example.com]
        secretName: ${secretName}
    rules:
      - host: web.example.com
        http:
          paths:
            - path: /
              pathType: Prefix
              backend: { service: { name: web, port: { number: 80 } } }
`;

const gateway = yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata:
    name: edge
    namespace: infra
  spec:
    gatewayClassName: envoy
    listeners:
      - name: https
        protocol: HTTPS
        port: 443
        hostname: web.example.com
        tls:
          mode: Terminate
          certificateRefs: [{ kind: Secret, name: web-tls, namespace: shop }]
`;

const TLS = ['tls.crt', 'tls.key'];

workspaceTester(rule, {
  valid: [
    { name: 'a TLS Secret with both keys', files: { 'i.yaml': ingress(), 's.yaml': secret('kubernetes.io/tls', TLS) } },
    { name: 'the Secret is not in the workspace (cert-manager makes it)', files: { 'i.yaml': ingress(), 's.yaml': secret(undefined, ['username'], 'other') } },
    {
      name: 'the index is incomplete and the Secret is in another file: silent',
      complete: false,
      files: { 'i.yaml': ingress(), 's.yaml': secret(undefined, []) },
    },
    { name: 'a Secret in another namespace', files: { 'i.yaml': ingress(), 's.yaml': secret('Opaque', [], 'web-tls', 'other') } },
    {
      name: 'a Secret whose name is templated may be the one',
      files: { 'i.yaml': ingress(), 's.yaml': secret('Opaque', []), 't.yaml': secret('Opaque', [], '"{{ .Release.Name }}-tls"') },
    },
    { name: "the Secret's type is templated", files: { 'i.yaml': ingress(), 's.yaml': secret('{{ .Values.secretType }}', []) } },
    {
      name: "the Secret's data is templated",
      files: {
        'i.yaml': ingress(),
        's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: Opaque\ndata:\n{{- toYaml .Values.tls | nindent 2 }}\n',
      },
    },
    { name: 'the Secret is a Kustomize patch', partial: ['s.yaml'], files: { 'i.yaml': ingress(), 's.yaml': secret('Opaque', []) } },
    { name: 'the Ingress is a Kustomize patch', partial: ['i.yaml'], files: { 'i.yaml': ingress(), 's.yaml': secret('Opaque', []) } },
    { name: 'the secretName is templated', files: { 'i.yaml': ingress('"{{ .Values.tlsSecret }}"'), 's.yaml': secret('Opaque', []) } },
    {
      name: "a certificateRef to another kind (cert-manager's, or a ConfigMap)",
      files: {
        'g.yaml': gateway.replace(
          '{ kind: Secret, name: web-tls, namespace: shop }',
          '{ group: example.com, kind: Certificate, name: web-tls, namespace: shop }',
        ),
        's.yaml': secret('Opaque', []),
      },
    },
    {
      name: 'suppressed on the Ingress',
      files: {
        'i.yaml': ingress().replace(
          '  namespace: shop\n',
          '  namespace: shop\n  annotations: { ignore.kubeward.io/tls-secret-malformed: "the controller reads Opaque Secrets" }\n',
        ),
        's.yaml': secret('Opaque', TLS),
      },
    },
  ],
  invalid: [
    {
      name: "the index is incomplete (one file scanned, standard input, an editor without a folder): the Secret in the Ingress's own file decides",
      complete: false,
      files: { 'one.yaml': `${ingress()}---\n${secret(undefined, [])}` },
      errors: [{ file: 'one.yaml', line: 10, column: 19, endColumn: 26, messageId: 'notCertificate', severity: 'warning' }],
    },
    {
      name: "an Opaque Secret of settings, no certificate: at the Ingress's secretName",
      files: { 'i.yaml': ingress(), 's.yaml': secret(undefined, []) },
      errors: [
        {
          file: 'i.yaml',
          line: 10,
          column: 19,
          endColumn: 26,
          messageId: 'notCertificate',
          severity: 'warning',
          message: 'Ingress "web" serves TLS with Secret "web-tls", which has no tls.crt and tls.key',
        },
      ],
    },
    {
      name: 'an Opaque Secret with the keys: information for an Ingress',
      files: { 'i.yaml': ingress(), 's.yaml': secret('Opaque', TLS) },
      errors: [
        {
          file: 'i.yaml',
          line: 10,
          column: 19,
          endColumn: 26,
          messageId: 'wrongType',
          severity: 'info',
          message: 'Ingress "web" serves TLS with Secret "web-tls" of type Opaque',
        },
      ],
    },
    {
      name: "a Gateway listener's certificateRefs (flow style, explicit namespace): a warning",
      files: { 'g.yaml': gateway, 's.yaml': secret('Opaque', TLS) },
      errors: [
        {
          file: 'g.yaml',
          line: 15,
          column: 49,
          endColumn: 56,
          messageId: 'wrongType',
          severity: 'warning',
          message: 'Gateway "edge" serves TLS with Secret "web-tls" of type Opaque',
        },
      ],
    },
    {
      name: 'a TLS Secret without its key is reported once, on the Secret',
      files: { 'i.yaml': ingress(), 's.yaml': secret('kubernetes.io/tls', ['tls.crt']) },
      errors: [{ file: 's.yaml', line: 7, column: 1, endColumn: 5, messageId: 'missing' }],
    },
    {
      name: 'another type of Secret, several Ingresses, CRLF',
      files: {
        'i.yaml': `${ingress()}---\n${ingress().replace('name: web\n', 'name: api\n')}`.replace(/\n/g, '\r\n'),
        's.yaml': secret('kubernetes.io/dockerconfigjson', ['.dockerconfigjson']).replace(/\n/g, '\r\n'),
      },
      errors: [
        { file: 'i.yaml', line: 10, column: 19, endColumn: 26, message: 'Ingress "web" serves TLS with Secret "web-tls", which has no tls.crt and tls.key' },
        { file: 'i.yaml', line: 28, column: 19, endColumn: 26, message: 'Ingress "api"' },
      ],
    },
  ],
});
