import rule from '../../shared-rules/src/rules/configmap-contains-secret';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

ruleTester(rule, {
  valid: [
    {
      name: 'trivy#8198: a Python file named password_validation.py is code, not a credential',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: django }
        data:
          password_validation.py: |
            from django.contrib.auth import password_validation
            def validate(password, user=None):
                password_validation.validate_password(password, user)
          password_policy.json: '{"minLength": 12}'
      `,
    },
    {
      name: 'config that refers to secrets without holding them; flags, paths, URLs, placeholders',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: app }
        data:
          application.properties: |
            spring.datasource.url=jdbc:postgresql://db:5432/app
            spring.datasource.password=\${DB_PASSWORD}
          DB_PASSWORD_FILE: /var/run/secrets/db/password
          TOKEN_URL: https://auth.example.com/token
          PASSWORD_LOGIN_ENABLED: "true"
          API_KEY: <set-in-secret>
          SECRET_NAME: app-secrets
          AWS_SECRET_ACCESS_KEY: xxxxx
          message: This is a test
          db_user: postgres
      `,
    },
    {
      name: 'Helm-templated values are unknown',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: app }
        data:
          DB_PASSWORD: {{ .Values.db.password | quote }}
          config.yaml: |
            {{- toYaml .Values.config | nindent 4 }}
      `,
    },
    {
      name: 'binary data',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: bin }
        binaryData:
          logo.png: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: app }
        data:
          # kubeward-disable-next-line configmap-contains-secret -- public demo credentials
          DEMO_PASSWORD: demo-demo
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app
          annotations:
            ignore.kubeward.io/configmap-contains-secret: "public demo credentials"
        data:
          DEMO_PASSWORD: demo-demo
      `,
    },
  ],
  invalid: [
    {
      name: 'a key name that says password, with a real value (Polaris failure.key_password)',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: test-config
        data:
          db_username: postgres
          db_password: abc123
      `,
      errors: [
        { line: 7, column: 16, endColumn: 22, messageId: 'sensitiveKey', message: 'ConfigMap "test-config" key "db_password" is a password with a real value' },
      ],
    },
    {
      name: 'credentials inside a config file are pinpointed',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app
        data:
          config.yaml: |
            upstream:
              url: https://api.example.com
              authorization: Bearer ${JWT}
          ssh_access: |
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjE
            -----END OPENSSH PRIVATE KEY-----
      `,
      errors: [
        { line: 9, column: 29, endColumn: 29 + JWT.length, messageId: 'sensitiveValue', message: 'key "config.yaml" contains a JSON Web Token' },
        { line: 11, column: 5, endColumn: 40, message: 'key "ssh_access" contains a private key' },
      ],
    },
    {
      name: 'binaryData is decoded; flow style; CRLF',
      code: crlf(yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: conn}
        binaryData: {dsn: cG9zdGdyZXM6Ly9hcHA6aHVudGVyMkBkYjo1NDMyL2FwcA==, DB_PASSWORD: aHVudGVyMiE=}
      `),
      errors: [
        { line: 4, column: 19, endColumn: 67, message: 'key "dsn" contains a URL with a password' },
        { line: 4, column: 82, endColumn: 94, message: 'key "DB_PASSWORD" is a password' },
      ],
    },
    {
      name: 'in a List, an AWS key id under an innocent name',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: { name: c }
            data:
              aws: "AKIAIOSFODNN7EXAMPLE"
      `,
      errors: [{ line: 8, column: 13, endColumn: 33, message: 'an AWS access key ID' }],
    },
  ],
});
