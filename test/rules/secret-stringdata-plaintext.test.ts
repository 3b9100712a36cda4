import rule from '../../shared-rules/src/rules/secret-stringdata-plaintext';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Secret
      metadata: { name: smtp }
      stringData:
        username: <username>
        password: ${'${SMTP_PASSWORD}'}
        empty: ""
    `,
    {
      name: 'data only',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: smtp }
        data:
          password: aHVudGVyMiE=
      `,
    },
    {
      name: 'Helm-templated values',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: smtp }
        stringData:
          password: {{ .Values.smtp.password | quote }}
          {{- with .Values.extra }}
          {{- toYaml . | nindent 2 }}
          {{- end }}
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: smtp }
        # kubeward-disable-next-line secret-stringdata-plaintext -- kind cluster fixture
        stringData:
          password: local-only
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: smtp
          annotations: { ignore.kubeward.io/secret-stringdata-plaintext: "fixture" }
        stringData:
          password: local-only
      `,
    },
  ],
  invalid: [
    {
      name: 'block style: the stringData key is flagged; the fix replaces every real value',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: smtp
        stringData:
          username: mailer   # the login
          password: 'correct horse'
          host: <host>
      `,
      errors: [{ line: 5, column: 1, endColumn: 11, message: 'Secret "smtp" has real values under stringData' }],
      output: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: smtp
        stringData:
          username: <set-outside-git>   # the login
          password: '<set-outside-git>'
          host: <host>
      `,
      applicability: 'display-only',
      allowNewFindings: [],
    },
    {
      name: 'flow style and CRLF',
      code: crlf(yaml`
        apiVersion: v1
        kind: Secret
        metadata: {name: smtp}
        stringData: {password: "p@ss word"}
      `),
      errors: [{ line: 4, column: 1, endColumn: 11 }],
      output: crlf(yaml`
        apiVersion: v1
        kind: Secret
        metadata: {name: smtp}
        stringData: {password: "<set-outside-git>"}
      `),
    },
    {
      name: 'in a List',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Secret
            metadata: { name: a }
            stringData:
              token: abc123
      `,
      errors: [{ line: 7, column: 5, endColumn: 15 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Secret
            metadata: { name: a }
            stringData:
              token: <set-outside-git>
      `,
    },
  ],
});
