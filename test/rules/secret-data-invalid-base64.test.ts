import rule from '../../shared-rules/src/rules/secret-data-invalid-base64';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Secret
      metadata: { name: db }
      data:
        username: YXBw
        password: aHVudGVyMiE=
        empty: ""
        unset:
    `,
    {
      name: 'base64 over several lines of a literal block is valid (line breaks are ignored)',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: tls }
        data:
          tls.crt: |
            LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
            Cg==
      `,
    },
    {
      name: 'placeholders and Helm-templated values are unknown, not invalid',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: db }
        data:
          password: <base64-password>
          token: {{ .Values.token | b64enc }}
          other: {{ .Values.other }}
      `,
    },
    {
      name: 'stringData takes plain text',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: db }
        stringData:
          password: hunter2!
      `,
    },
    {
      name: 'not a Secret',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data:
          password: not base64!
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: db }
        data:
          # kubeward-disable-next-line secret-data-invalid-base64 -- rendered by envsubst first
          password: hunter2!
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          annotations:
            ignore.kubeward.io/secret-data-invalid-base64: "rendered by envsubst"
        data:
          password: hunter2!
      `,
    },
  ],
  invalid: [
    {
      name: 'last entry, block style: encode in place, or move under a new stringData key',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        type: Opaque
        data:
          username: YXBw  # app
          password: hunter2!
      `,
      errors: [{ line: 8, column: 13, endColumn: 21, messageId: 'invalid', message: 'Secret "db" data "password" is not valid base64' }],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        type: Opaque
        data:
          username: YXBw  # app
          password: aHVudGVyMiE=
      `,
      applicability: 'unsafe',
    },
    {
      name: 'an entry in the middle moves to a new stringData at the end; UTF-8 is encoded as UTF-8',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        data:
          password: pässwort
          username: YXBw
        type: Opaque
      `,
      errors: [{ line: 6, column: 13, endColumn: 21 }],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        data:
          password: cMOkc3N3b3J0
          username: YXBw
        type: Opaque
      `,
    },
    {
      name: 'the only entry: data becomes stringData; a number is quoted',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: pin
        data:
          pin: 1234
      `,
      errors: [{ line: 6, column: 8, endColumn: 12 }],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: pin
        data:
          pin: MTIzNA==
      `,
    },
    {
      name: 'flow style, into an existing stringData',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: {name: db}
        stringData: {user: app}
        data: {password: "s3cret pw", token: dG9rZW4=}
      `,
      errors: [{ line: 5, column: 18, endColumn: 29 }],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata: {name: db}
        stringData: {user: app}
        data: {password: "czNjcmV0IHB3", token: dG9rZW4=}
      `,
    },
    {
      name: 'CRLF and 4-space indentation',
      code: crlf(yaml`
        apiVersion: v1
        kind: Secret
        metadata:
            name: db
        data:
            a: YQ==
            password: hunter2!
            z: eg==
      `),
      errors: [{ line: 7, column: 15, endColumn: 23 }],
      output: crlf(yaml`
        apiVersion: v1
        kind: Secret
        metadata:
            name: db
        data:
            a: YQ==
            password: aHVudGVyMiE=
            z: eg==
      `),
    },
    {
      name: 'a pasted certificate in a literal block is flagged at its key',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: ca
        data:
          ca.crt: |
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIU
            -----END CERTIFICATE-----
      `,
      errors: [{ line: 6, column: 3, endColumn: 9 }],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: ca
        data:
          ca.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJzekNDQVZtZ0F3SUJBZ0lVCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K
      `,
    },
    {
      name: 'base64 folded over lines as a plain scalar: join the lines',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: long
        data:
          key: aHVudGVy
            MiE=
      `,
      errors: [{ line: 6, column: 8, endLine: 6, endColumn: 16, messageId: 'folded' }],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: long
        data:
          key: aHVudGVyMiE=
      `,
    },
    {
      name: 'a Secret inside a List',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Secret
            metadata:
              name: db
            data:
              password: hunter2!
      `,
      errors: [{ line: 9, column: 17, endColumn: 25 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Secret
            metadata:
              name: db
            data:
              password: aHVudGVyMiE=
      `,
    },
  ],
});
