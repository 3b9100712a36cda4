import rule from '../../shared-rules/src/rules/tls-secret-malformed';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Secret
      metadata: { name: web-tls }
      type: kubernetes.io/tls
      data:
        tls.crt: <base64-certificate>
      stringData:
        tls.key: <private-key>
    `,
    {
      name: 'another type',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: other }
        type: Opaque
        data:
          tls.crt: <base64-certificate>
      `,
    },
    {
      name: 'Helm: the keys come from a template',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: web-tls }
        type: kubernetes.io/tls
        data:
          {{- toYaml .Values.tls | nindent 2 }}
      `,
    },
    {
      name: 'Helm: templated type',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: web-tls }
        type: {{ .Values.type }}
        data: {}
      `,
    },
    {
      name: 'a Kustomize patch may omit the keys',
      partial: true,
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: web-tls }
        type: kubernetes.io/tls
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: web-tls }
        type: kubernetes.io/tls
        # kubeward-disable-next-line tls-secret-malformed -- filled by a mutating webhook
        data:
          tls.crt: <base64-certificate>
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: web-tls
          annotations: { ignore.kubeward.io/tls-secret-malformed: "key injected by the CSI driver" }
        type: kubernetes.io/tls
        data:
          tls.crt: <base64-certificate>
      `,
    },
  ],
  invalid: [
    {
      name: 'missing key: flagged at data',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: web-tls
        type: kubernetes.io/tls
        data:
          tls.crt: <base64-certificate>
      `,
      errors: [{ line: 6, column: 1, endColumn: 5, message: 'Secret "web-tls" has type kubernetes.io/tls but no tls.key' }],
    },
    {
      name: 'no data at all: flagged at kind; flow style',
      code: yaml`
        {apiVersion: v1, kind: Secret, metadata: {name: empty-tls}, type: kubernetes.io/tls}
      `,
      errors: [{ line: 1, column: 24, endColumn: 30, message: 'no tls.crt and tls.key' }],
    },
    {
      name: 'CRLF',
      code: crlf(yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: web-tls
        type: kubernetes.io/tls
        data:
          tls.key: <base64-key>
      `),
      errors: [{ line: 6, column: 1, endColumn: 5, message: 'no tls.crt' }],
    },
    {
      name: 'stringData only, in a List',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Secret
            metadata: { name: a }
            type: kubernetes.io/tls
            stringData:
              tls.key: <key>
      `,
      errors: [{ line: 8, column: 5, endColumn: 15, message: 'no tls.crt' }],
    },
  ],
});
