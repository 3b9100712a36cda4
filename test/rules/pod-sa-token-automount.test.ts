import rule from '../../shared-rules/src/rules/pod-sa-token-automount';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const restricted = { profile: 'restricted' as const };

const missing = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
`);
const account = (name: string, line = 'automountServiceAccountToken: false', namespace?: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}${line}\n`;
const deployment = (podSpec: string, namespace = 'shop') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: ${namespace}
  spec:
    template:
      spec:
        ${podSpec}
        containers:
          - name: web
            image: nginx:1.27
`;
const specKeys = missing.at(1, 1).map((p) => ({ line: p.line - 1, column: p.column - 2, endColumn: p.column + 2 }));

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      config: restricted,
      workspace: {},
      code: suppressedOnPodTemplate(rule.meta.id, missing.spec),
    },
    {
      name: 'restricted: disabled on the pod',
      config: restricted,
      workspace: {},
      code: everyKind(yaml`
        automountServiceAccountToken: false
        containers:
          - name: app
            image: app:1.0
      `).code,
    },
    { name: 'baseline profile: the rule does not run', code: missing.code, workspace: {} },
    {
      name: 'restricted: templated value is unknown',
      config: restricted,
      workspace: {},
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              automountServiceAccountToken: {{ .Values.automount }}
              containers:
                - name: web
                  image: nginx:1.27
      `,
    },
    {
      name: 'restricted: a Helm action line in the pod spec may set it',
      config: restricted,
      workspace: {},
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              {{- include "web.podDefaults" . | nindent 6 }}
              containers:
                - name: web
                  image: nginx:1.27
      `,
    },
    { name: 'restricted: a Kustomize patch may leave the field to the base', config: restricted, workspace: {}, partial: true, code: missing.code },
    {
      name: 'workspace: the ServiceAccount in another file disables automounting',
      config: restricted,
      code: deployment('serviceAccountName: web'),
      workspace: { 'sa.yaml': account('web', 'automountServiceAccountToken: false', 'shop') },
    },
    {
      name: 'workspace: the default ServiceAccount disables it, for pods that name no account or an empty one; an unset namespace may be theirs',
      config: restricted,
      code: `${missing.code}---\n${account('default')}---\n${deployment('serviceAccountName: ""')}`,
      workspace: {},
    },
    {
      name: 'workspace: the deprecated serviceAccount field names the account',
      config: restricted,
      code: `${deployment('serviceAccount: web')}---\n${account('web', 'automountServiceAccountToken: no', 'shop')}`,
      workspace: {},
    },
    {
      name: 'workspace: a templated value on the ServiceAccount may disable it',
      config: restricted,
      code: deployment('serviceAccountName: web'),
      workspace: { 'sa.yaml': account('web', 'automountServiceAccountToken: {{ .Values.serviceAccount.automount }}') },
    },
    {
      name: "workspace: the pod's account name is templated and some ServiceAccount disables it (the helm create scaffold)",
      config: restricted,
      code: deployment('serviceAccountName: {{ include "web.serviceAccountName" . }}'),
      workspace: { 'sa.yaml': account('{{ include "web.serviceAccountName" . }}', 'automountServiceAccountToken: false') },
    },
    {
      name: 'restricted: suppressed on the line above',
      config: restricted,
      workspace: {},
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: operator }
        # kubeward-disable-next-line pod-sa-token-automount -- the operator watches the API
        spec:
          containers:
            - name: operator
              image: operator:1.0
      `,
    },
  ],
  invalid: [
    {
      name: 'restricted: missing, every workload kind',
      config: restricted,
      workspace: {},
      code: missing.code,
      errors: specKeys.map((p) => ({ ...p, messageId: 'missing', severity: 'info' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
        automountServiceAccountToken: false
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'restricted: explicit true',
      config: restricted,
      workspace: {},
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          serviceAccountName: web
          automountServiceAccountToken: true
          containers:
            - name: web
              image: nginx:1.27
      `,
      errors: [{ line: 6, column: 33, endColumn: 37, messageId: 'enabled', message: 'Pod "web" sets automountServiceAccountToken: true' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          serviceAccountName: web
          automountServiceAccountToken: false
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: "workspace: true on the pod wins over the ServiceAccount's false",
      config: restricted,
      code: deployment('automountServiceAccountToken: true'),
      workspace: { 'sa.yaml': account('default') },
      errors: [{ line: 9, column: 37, endColumn: 41, messageId: 'enabled' }],
      output: deployment('automountServiceAccountToken: false'),
    },
    {
      name: 'workspace: the ServiceAccount does not disable it (unset, true, or the string "false")',
      config: restricted,
      code: deployment('serviceAccountName: web'),
      workspace: {
        'a.yaml': account('web', 'secrets: []', 'shop'),
        'b.yaml': account('web', 'automountServiceAccountToken: true'),
        'c.yaml': account('web', 'automountServiceAccountToken: "false"'),
      },
      errors: [
        {
          line: 8,
          column: 5,
          endColumn: 9,
          messageId: 'missing',
          message: 'Deployment "web" does not set automountServiceAccountToken: false, and neither does its ServiceAccount "web"',
        },
      ],
      output: deployment('serviceAccountName: web').replace(
        '          image: nginx:1.27\n',
        '          image: nginx:1.27\n      automountServiceAccountToken: false\n',
      ),
    },
    {
      name: 'workspace: the ServiceAccount that disables it is in another namespace; no ServiceAccount of that name',
      config: restricted,
      code: `${deployment('serviceAccountName: web')}---\n${deployment('serviceAccountName: api').replace('name: web\n  namespace', 'name: api\n  namespace')}`,
      workspace: { 'sa.yaml': account('web', 'automountServiceAccountToken: false', 'other') },
      errors: [
        { line: 8, column: 5, endColumn: 9, message: 'its ServiceAccount "web" is not in the workspace to disable it' },
        {
          line: 21,
          column: 5,
          endColumn: 9,
          message: 'Deployment "api" does not set automountServiceAccountToken: false, and its ServiceAccount "api" is not in the workspace',
        },
      ],
      output:
        `${deployment('serviceAccountName: web')}---\n${deployment('serviceAccountName: api').replace('name: web\n  namespace', 'name: api\n  namespace')}`.replace(
          /          image: nginx:1.27\n/g,
          '          image: nginx:1.27\n      automountServiceAccountToken: false\n',
        ),
    },
    {
      name: 'workspace: a templated account name, and no ServiceAccount that may disable it; CRLF',
      config: restricted,
      code: deployment('serviceAccountName: {{ .Values.sa }}').replace(/\n/g, '\r\n'),
      workspace: { 'sa.yaml': account('web', 'automountServiceAccountToken: true') },
      errors: [{ line: 8, column: 5, endColumn: 9, message: 'and no ServiceAccount it may run as (its name is templated) disables it' }],
      output: deployment('serviceAccountName: {{ .Values.sa }}')
        .replace('          image: nginx:1.27\n', '          image: nginx:1.27\n      automountServiceAccountToken: false\n')
        .replace(/\n/g, '\r\n'),
    },
    {
      name: 'restricted: 4-space and flow style',
      config: restricted,
      workspace: {},
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
            name: web
        spec:
            template:
                spec: { containers: [{ name: web, image: "nginx:1.27" }] }
      `,
      errors: [{ line: 7, column: 9, endColumn: 13, messageId: 'missing' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
            name: web
        spec:
            template:
                spec: { containers: [{ name: web, image: "nginx:1.27" }], automountServiceAccountToken: false }
      `,
    },
  ],
});
