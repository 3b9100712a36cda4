import rule from '../../shared-rules/src/rules/secret-in-env-var';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const on = { rules: { 'secret-in-env-var': 'info' as const } };

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: api }
  spec:
    template:
      spec:
        containers:
          - name: api
            env:
              - name: TOKEN
                valueFrom:
                  secretKeyRef:
                    name: api-secrets
                    key: token
`;

ruleTester(rule, {
  valid: [
    { name: 'off unless turned on (opt-in)', code: deployment, config: {} },
    {
      name: 'files, ConfigMap refs and literal values',
      config: on,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: api }
        spec:
          containers:
            - name: api
              env:
                - name: LEVEL
                  valueFrom: { configMapKeyRef: { name: c, key: level } }
                - name: TOKEN_FILE
                  value: /var/run/secrets/api/token
              envFrom:
                - configMapRef: { name: c }
              volumeMounts: [{ name: s, mountPath: /var/run/secrets/api }]
          volumes: [{ name: s, secret: { secretName: api-secrets } }]
      `,
    },
    {
      name: 'Helm: a templated env list is unknown',
      config: on,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api }
        spec:
          template:
            spec:
              containers:
                - name: api
                  env:
                    {{- toYaml .Values.env | nindent 12 }}
                  envFrom: {{ toYaml .Values.envFrom }}
      `,
    },
    {
      name: 'suppressed on the line above',
      config: on,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: api }
        spec:
          containers:
            - name: api
              envFrom:
                # kubeward-disable-next-line secret-in-env-var -- vendor image reads env only
                - secretRef: { name: api-secrets }
      `,
    },
    {
      name: 'suppressed by annotation',
      config: on,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: api
          annotations: { ignore.kubeward.io/secret-in-env-var: "vendor image reads env only" }
        spec:
          containers:
            - name: api
              envFrom: [{ secretRef: { name: api-secrets } }]
      `,
    },
  ],
  invalid: [
    {
      name: 'secretKeyRef in a Deployment',
      config: on,
      code: deployment,
      errors: [
        {
          line: 12,
          column: 17,
          endColumn: 29,
          messageId: 'secretKeyRef',
          severity: 'info',
          message: 'Container "api" reads Secret "api-secrets" into the environment variable TOKEN',
        },
      ],
    },
    {
      name: 'envFrom secretRef, flow style, init container of a CronJob',
      config: on,
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: backup }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - {name: init, envFrom: [{secretRef: {name: s3-creds}}]}
                  containers:
                    - name: backup
                      env: [{name: PW, valueFrom: {secretKeyRef: {name: db, key: pw}}}]
      `,
      errors: [
        { line: 10, column: 39, endColumn: 48, messageId: 'secretRef', message: 'loads every key of Secret "s3-creds"' },
        { line: 13, column: 44, endColumn: 56, messageId: 'secretKeyRef' },
      ],
    },
    {
      name: 'CRLF, in a List',
      config: on,
      code: crlf(yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: { name: api }
            spec:
              containers:
                - name: api
                  envFrom:
                    - secretRef:
                        name: api-secrets
      `),
      errors: [{ line: 11, column: 15, endColumn: 24, messageId: 'secretRef' }],
    },
  ],
});
