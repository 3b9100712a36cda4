import rule from '../../shared-rules/src/rules/env-literal-credential';
import { WORKLOAD_KINDS } from '../../shared-rules/src/k8s/objects';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester, type InvalidCase } from '../rule-tester';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

/** A workload of each kind with one container whose env is `env` (indented for the pod spec's `containers:` items). */
function workload(kind: string, env: string): { code: string; line: number; column: number } {
  const headers: Record<string, string[]> = {
    Pod: ['spec:'],
    Deployment: ['spec:', '  template:', '    spec:'],
    StatefulSet: ['spec:', '  template:', '    spec:'],
    DaemonSet: ['spec:', '  template:', '    spec:'],
    ReplicaSet: ['spec:', '  template:', '    spec:'],
    ReplicationController: ['spec:', '  template:', '    spec:'],
    Job: ['spec:', '  template:', '    spec:'],
    CronJob: ['spec:', '  jobTemplate:', '    spec:', '      template:', '        spec:'],
    PodTemplate: ['template:', '  spec:'],
  };
  const head = headers[kind]!;
  const pad = ' '.repeat(head[head.length - 1]!.search(/\S/) + 2);
  const lines = [
    `apiVersion: ${kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : ['Pod', 'PodTemplate', 'ReplicationController'].includes(kind) ? 'v1' : 'apps/v1'}`,
    `kind: ${kind}`,
    'metadata:',
    '  name: api',
    ...head,
    `${pad}containers:`,
    `${pad}  - name: app`,
    `${pad}    image: app:1.0`,
    `${pad}    env:`,
    ...env.split('\n').map((l) => `${pad}      ${l}`),
  ];
  const valueLine = lines.findIndex((l) => l.includes('value: '));
  return { code: lines.join('\n') + '\n', line: valueLine + 1, column: (lines[valueLine] ?? '').indexOf('value: ') + 8 };
}

const everyKind: InvalidCase[] = WORKLOAD_KINDS.map((kind) => {
  const { code, line, column } = workload(kind, '- name: API_TOKEN\n  value: tok-123456');
  const fixed = workload(kind, '- name: API_TOKEN\n  valueFrom:\n    secretKeyRef:\n      name: api-secrets\n      key: API_TOKEN').code;
  return { name: `${kind}`, code, errors: [{ line, column, endColumn: column + 10, messageId: 'credentialName' }], output: fixed };
});

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: api }
      spec:
        containers:
          - name: app
            env:
              - name: DB_PASSWORD
                valueFrom:
                  secretKeyRef: { name: db, key: password }
              - name: DB_PASSWORD_FILE
                value: /var/run/secrets/db/password
              - name: SECRET_NAME
                value: db-credentials
              - name: TOKEN_URL
                value: https://auth.example.com/oauth/token
              - name: PASSWORD_AUTH
                value: "false"
              - name: API_KEY
                value: ""
              - name: API_TOKEN
                value: $(TOKEN_FROM_SECRET)
              - name: ADMIN_PASSWORD
                value: REPLACE_ME
              - name: JWT_SECRET
                value: <jwt-secret>
              - name: CACHE_KEY
                value: user-sessions
              - name: LOG_LEVEL
                value: debug
    `,
    {
      name: 'Helm-templated values are unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: {{ include "app.fullname" . }} }
        spec:
          template:
            spec:
              containers:
                - name: app
                  env:
                    - name: DB_PASSWORD
                      value: {{ .Values.db.password | quote }}
                    - name: API_TOKEN
                      value: "{{ .Values.token }}"
      `,
    },
    {
      name: 'not a workload',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data:
          env: "DB_PASSWORD=hunter2"
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: api }
        spec:
          containers:
            - name: app
              env:
                - name: DB_PASSWORD
                  # kubeward-disable-next-line env-literal-credential -- throwaway CI database
                  value: ci-only-password
      `,
    },
    {
      name: 'suppressed by annotation on the pod template',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/env-literal-credential: "throwaway CI database"
            spec:
              containers:
                - name: app
                  env:
                    - name: DB_PASSWORD
                      value: ci-only-password
      `,
    },
  ],
  invalid: [
    ...everyKind,
    {
      name: 'well-known defaults are weak credentials, not placeholders',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: db }
        spec:
          containers:
            - name: db
              env:
                - { name: ADMIN_PASSWORD, value: changeme }
                - { name: DB_PASSWORD, value: password }
                - { name: DB_USER, value: admin }
                - { name: ROOT_PASSWORD, value: admin }
      `,
      errors: [
        { line: 8, column: 42, endColumn: 50, messageId: 'weak', message: 'Container "db" sets ADMIN_PASSWORD to the well-known default password "changeme".' },
        { line: 9, column: 39, endColumn: 47, messageId: 'weak', message: 'sets DB_PASSWORD to the well-known default password "password".' },
        { line: 11, column: 41, endColumn: 46, messageId: 'weak', message: 'sets ROOT_PASSWORD to the well-known default password "admin".' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: db }
        spec:
          containers:
            - name: db
              env:
                - { name: ADMIN_PASSWORD, valueFrom: {secretKeyRef: {name: db-secrets, key: ADMIN_PASSWORD}} }
                - { name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db-secrets, key: DB_PASSWORD}} }
                - { name: DB_USER, value: admin }
                - { name: ROOT_PASSWORD, valueFrom: {secretKeyRef: {name: db-secrets, key: ROOT_PASSWORD}} }
      `,
    },
    {
      name: 'block style: the literal leaves the file; second variant adds a Secret stub',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          template:
            spec:
              containers:
                - name: api
                  env:
                    - name: DB_PASSWORD
                      value: "s3cr3t-Passw0rd"  # from the wiki
                    - name: PORT
                      value: "8080"
      `,
      errors: [
        { line: 13, column: 22, endColumn: 39, messageId: 'credentialName', message: 'Container "api" sets DB_PASSWORD, a password, to a literal value' },
      ],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
        spec:
          template:
            spec:
              containers:
                - name: api
                  env:
                    - name: DB_PASSWORD
                      valueFrom:  # from the wiki
                        secretKeyRef:
                          name: api-secrets
                          key: DB_PASSWORD
                    - name: PORT
                      value: "8080"
      `,
      applicability: 'unsafe',
      fixes: [
        {
          title: 'Read the value from a Secret and add a Secret stub',
          output: yaml`
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
              namespace: shop
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      env:
                        - name: DB_PASSWORD
                          valueFrom:  # from the wiki
                            secretKeyRef:
                              name: api-secrets
                              key: DB_PASSWORD
                        - name: PORT
                          value: "8080"
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: api-secrets
              namespace: shop
            type: Opaque
            stringData:
              DB_PASSWORD: <set-outside-git>
          `,
        },
      ],
    },
    {
      name: 'a value that is a credential whatever the name; init and ephemeral containers; flow style',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: worker}
        spec:
          initContainers:
            - name: fetch
              env: [{name: GIT_REMOTE, value: "https://bot:ghp_${'a1B2'.repeat(9)}@github.com/org/repo"}]
          containers:
            - {name: main, image: w:1}
          ephemeralContainers:
            - name: debug
              env:
                - {name: CONN, value: "postgres://app:hunter2@db:5432/app"}
      `,
      errors: [
        { line: 7, column: 39, endColumn: 113, messageId: 'credentialValue', message: 'sets GIT_REMOTE to a GitHub token' },
        { line: 13, column: 31, endColumn: 67, messageId: 'credentialValue', message: 'sets CONN to a URL with a password' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: worker}
        spec:
          initContainers:
            - name: fetch
              env: [{name: GIT_REMOTE, valueFrom: {secretKeyRef: {name: worker-secrets, key: GIT_REMOTE}}}]
          containers:
            - {name: main, image: w:1}
          ephemeralContainers:
            - name: debug
              env:
                - {name: CONN, valueFrom: {secretKeyRef: {name: worker-secrets, key: CONN}}}
      `,
    },
    {
      name: 'CRLF, 4-space indentation, flush sequences, a block value flagged at its key',
      code: crlf(yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: signer
        spec:
            containers:
            -   name: app
                env:
                -   name: SIGNING_KEY
                    value: |
                        -----BEGIN EC PRIVATE KEY-----
                        MHcCAQEEIBLt
                        -----END EC PRIVATE KEY-----
                -   name: MODE
                    value: sign
      `),
      errors: [{ line: 10, column: 13, endColumn: 18, messageId: 'credentialValue', message: 'a private key' }],
      output: crlf(yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: signer
        spec:
            containers:
            -   name: app
                env:
                -   name: SIGNING_KEY
                    valueFrom:
                        secretKeyRef:
                            name: signer-secrets
                            key: SIGNING_KEY
                -   name: MODE
                    value: sign
      `),
      fixes: [
        {
          title: 'Read the value from a Secret and add a Secret stub',
          output: crlf(yaml`
            apiVersion: v1
            kind: Pod
            metadata:
                name: signer
            spec:
                containers:
                -   name: app
                    env:
                    -   name: SIGNING_KEY
                        valueFrom:
                            secretKeyRef:
                                name: signer-secrets
                                key: SIGNING_KEY
                    -   name: MODE
                        value: sign
            ---
            apiVersion: v1
            kind: Secret
            metadata:
                name: signer-secrets
            type: Opaque
            stringData:
                SIGNING_KEY: <set-outside-git>
          `),
        },
      ],
    },
    {
      name: 'a workload in a List; a templated name gives a placeholder Secret name',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata:
              name: {{ .Release.Name }}
            spec:
              containers:
                - name: app
                  env:
                    - name: STRIPE_KEY
                      value: sk_live_4eC39HqLyjWDarjtT1zdp7dc
      `,
      errors: [{ line: 13, column: 22, endColumn: 54, messageId: 'credentialValue', message: 'a Stripe live key' }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata:
              name: {{ .Release.Name }}
            spec:
              containers:
                - name: app
                  env:
                    - name: STRIPE_KEY
                      valueFrom:
                        secretKeyRef:
                          name: <secret-name>
                          key: STRIPE_KEY
      `,
    },
  ],
});
