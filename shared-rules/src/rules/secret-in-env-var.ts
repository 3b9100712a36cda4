import { defineRule } from '../engine/rule';
import { containersOf, WORKLOAD_KINDS } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'secret-in-env-var',
    title: 'Secret exposed through environment variables',
    severity: 'info',
    category: 'secrets',
    kinds: WORKLOAD_KINDS,
    optIn: true,
    messages: {
      secretKeyRef: 'Container "{{container}}" reads Secret "{{secret}}" into the environment variable {{name}}',
      secretRef: 'Container "{{container}}" loads every key of Secret "{{secret}}" into its environment',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        "CIS Kubernetes Benchmark 5.4.1 prefers Secrets as files over Secrets as environment variables. A process's environment is inherited by every child it starts, printed by many frameworks' debug pages and crash reporters, visible in `/proc/<pid>/environ` to anything sharing the PID namespace, and fixed for the life of the container; a mounted Secret is a file with its own permissions that the kubelet updates in place. The rule is off by default: many applications can only read configuration from the environment.",
      remediation:
        'Mount the Secret with `volumes[].secret` and `volumeMounts`, and have the application read the file (many libraries accept a `*_FILE` variable pointing at it). Turn the rule on with `rules: { secret-in-env-var: info }` in `.kubeward.yaml`.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: registry.example.com/api:1.4.2
      env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: api-secrets
              key: db-password
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: registry.example.com/api:1.4.2
      env:
        - name: DB_PASSWORD_FILE
          value: /var/run/secrets/api/db-password
      volumeMounts:
        - name: secrets
          mountPath: /var/run/secrets/api
          readOnly: true
  volumes:
    - name: secrets
      secret:
        secretName: api-secrets
`,
    },
    references: {
      peers: {
        checkov: 'CKV_K8S_35',
        kubesec: 'SecretsAsEnvironmentVariables',
        'kube-linter': 'read-secret-from-env-var',
        kics: '3d658f8b',
        kubescape: 'C-0207',
      },
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      ],
    },
  },
  check(ctx) {
    for (const container of containersOf(ctx.object)) {
      for (const item of container.node.get('env')?.items() ?? []) {
        const ref = item.getIn(['valueFrom', 'secretKeyRef']);
        if (!ref || ref.isNull) continue;
        ctx.report({
          node: ref,
          at: 'key',
          messageId: 'secretKeyRef',
          data: { container: container.name, name: item.get('name')?.str ?? '?', secret: ref.get('name')?.str ?? '?' },
        });
      }
      for (const item of container.node.get('envFrom')?.items() ?? []) {
        const ref = item.get('secretRef');
        if (!ref || ref.isNull) continue;
        ctx.report({ node: ref, at: 'key', messageId: 'secretRef', data: { container: container.name, secret: ref.get('name')?.str ?? '?' } });
      }
    }
  },
});
