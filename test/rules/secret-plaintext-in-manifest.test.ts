import rule from '../../shared-rules/src/rules/secret-plaintext-in-manifest';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

ruleTester(rule, {
  valid: [
    {
      name: 'service-account token stub',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: build-robot
          annotations:
            kubernetes.io/service-account.name: build-robot
        type: kubernetes.io/service-account-token
        data:
          token: aHVudGVyMiE=
      `,
    },
    {
      name: 'placeholders, plain and base64-encoded, and empty values',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: db }
        data:
          a: PHBhc3N3b3JkPg==
          b: <base64-password>
          c: ""
          d:
        stringData:
          e: CHANGE_THIS_VALUE
          f: "<your password>"
          g: ${'${DB_PASSWORD}'}
          h: REPLACE_ME
          i: xxxxxx
      `,
    },
    {
      name: 'Helm-templated values are unknown',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: {{ .Release.Name }}-db }
        data:
          password: {{ .Values.password | b64enc | quote }}
        stringData:
          token: {{ .Values.token }}
      `,
    },
    {
      name: 'a ConfigMap and an env value have their own rules',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data:
          key.pem: |
            -----BEGIN PRIVATE KEY-----
            MIIEvQIBADANBg
            -----END PRIVATE KEY-----
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              env:
                - name: KEY
                  value: "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----"
      `,
    },
    {
      name: 'a public key is not a private key',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: keys }
        binaryData: {}
        ---
        apiVersion: example.com/v1
        kind: Verifier
        metadata: { name: v }
        spec:
          publicKey: "-----BEGIN PUBLIC KEY-----"
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: demo }
        stringData:
          # kubeward-disable-next-line secret-plaintext-in-manifest -- local kind cluster only
          password: demo-password
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: demo
          annotations:
            ignore.kubeward.io/secret-plaintext-in-manifest: "test fixture"
        data:
          password: aHVudGVyMiE=
      `,
    },
  ],
  invalid: [
    {
      name: 'well-known defaults (changeme, admin, password) are weak credentials, not placeholders',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: db }
        data:
          admin-password: Y2hhbmdlbWU=
        stringData:
          user-password: admin
          root-password: password
      `,
      errors: [
        { line: 5, column: 19, endColumn: 31, messageId: 'secretValue' },
        { line: 7, column: 18, endColumn: 23, messageId: 'secretValue' },
        { line: 8, column: 18, endColumn: 26, messageId: 'secretValue' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: db }
        data:
          admin-password: <set-outside-git>
        stringData:
          user-password: <set-outside-git>
          root-password: <set-outside-git>
      `,
      applicability: 'display-only',
    },
    {
      name: 'data and stringData values, each flagged exactly; a block value at its key',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        type: Opaque
        data:
          password: "aHVudGVyMiE="  # hunter2!
        stringData:
          config.yaml: |
            user: app
            password: hunter2!
      `,
      errors: [
        { line: 7, column: 13, endColumn: 27, messageId: 'secretValue', message: 'Secret "db" key "password" holds a real value in this manifest' },
        { line: 9, column: 3, endColumn: 14, messageId: 'secretValue', message: 'Secret "db" key "config.yaml"' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        type: Opaque
        data:
          password: "<set-outside-git>"  # hunter2!
        stringData:
          config.yaml: <set-outside-git>
      `,
      applicability: 'display-only',
    },
    {
      name: 'flow style, CRLF, a value that is not valid base64 is still a plaintext value',
      code: crlf(yaml`
        apiVersion: v1
        kind: Secret
        metadata: {name: api}
        data: {token: not-base64!, empty: ""}
      `),
      errors: [{ line: 4, column: 15, endColumn: 26 }],
      output: crlf(yaml`
        apiVersion: v1
        kind: Secret
        metadata: {name: api}
        data: {token: <set-outside-git>, empty: ""}
      `),
    },
    {
      name: 'a TLS Secret: the private key is flagged, its public certificate is not',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: web-tls
        type: kubernetes.io/tls
        stringData:
          tls.crt: |
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIU
            -----END CERTIFICATE-----
          tls.key: |
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIBLt
            -----END EC PRIVATE KEY-----
      `,
      errors: [{ line: 11, column: 3, endColumn: 10, severity: 'error' }],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: web-tls
        type: kubernetes.io/tls
        stringData:
          tls.crt: |
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIU
            -----END CERTIFICATE-----
          tls.key: <set-outside-git>
      `,
    },
    {
      name: 'only public certificates: a hint, no fix',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: ca-bundle
        data:
          ca.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJzekNDQVZtZ0F3SUJBZ0lVCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K
      `,
      errors: [{ line: 6, column: 11, endColumn: 111, messageId: 'publicCertificate', severity: 'hint' }],
      output: null,
    },
    {
      name: 'a Secret in a List',
      code: yaml`
        apiVersion: v1
        kind: SecretList
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: a
          stringData:
            token: t0ken-value
      `,
      errors: [{ line: 9, column: 12, endColumn: 23 }],
      output: yaml`
        apiVersion: v1
        kind: SecretList
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: a
          stringData:
            token: <set-outside-git>
      `,
    },
    {
      name: 'a private key in an annotation and in a custom resource: the key header is flagged',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            debug/key: "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----"
        spec:
          template:
            spec:
              containers: [{name: web, image: web:1}]
        ---
        apiVersion: example.com/v1
        kind: SigningConfig
        metadata:
          name: signer
        spec:
          keys:
            - |
              -----BEGIN OPENSSH PRIVATE KEY-----
              b3BlbnNzaC1rZXktdjE
              -----END OPENSSH PRIVATE KEY-----
      `,
      errors: [
        { line: 6, column: 17, endColumn: 48, messageId: 'privateKey', message: 'Deployment "web" has a private key in debug/key' },
        { line: 19, column: 7, endColumn: 42, messageId: 'privateKey', message: 'SigningConfig "signer" has a private key in item 0' },
      ],
    },
  ],
});
