import { defineRule, type FixSpec } from '../engine/rule';
import { collectPlaceholders, emitBlockLines, placeholder, type EmitValue } from '../fix/emit';
import type { EditBuilder } from '../fix/edit-builder';
import { containersOf, WORKLOAD_KINDS, type K8sObject } from '../k8s/objects';
import type { YNode } from '../yaml/nav';
import { couldBeCredential, findSensitiveValue, isWeakCredential, sensitiveNameReason } from '../k8s/secrets';
import { SECRET_PLACEHOLDER } from './secret-plaintext-in-manifest';

const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** `<workload>-secrets`, or a placeholder when the workload has no literal name. */
export function workloadSecretName(object: K8sObject): EmitValue {
  const name = object.name;
  return name && /^[a-z0-9]([-a-z0-9.]{0,242}[a-z0-9])?$/.test(name) ? `${name}-secrets` : placeholder('<secret-name>');
}

/** Replaces `value: …` with `valueFrom.secretKeyRef`; the literal is not copied anywhere. */
function useSecretKeyRef(edit: EditBuilder, value: YNode, secretName: EmitValue, key: EmitValue): void {
  edit.renameKey(value, 'valueFrom');
  edit.replaceValue(value, { secretKeyRef: { name: secretName, key } });
}

function secretStub(edit: EditBuilder, object: K8sObject, secretName: EmitValue, key: string): void {
  const stub: EmitValue = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: object.namespace ? { name: secretName, namespace: object.namespace } : { name: secretName },
    type: 'Opaque',
    stringData: { [key]: placeholder(SECRET_PLACEHOLDER) },
  };
  collectPlaceholders(stub, edit.placeholders);
  edit.appendDocument(emitBlockLines(stub, 0, edit.source.style));
}

export default defineRule({
  meta: {
    id: 'env-literal-credential',
    title: 'Credential written literally in a container environment variable',
    severity: 'error',
    category: 'secrets',
    kinds: WORKLOAD_KINDS,
    messages: {
      weak: 'Container "{{container}}" sets {{name}} to the well-known default password "{{value}}".',
      credentialName: 'Container "{{container}}" sets {{name}}, a {{reason}}, to a literal value',
      credentialValue: 'Container "{{container}}" sets {{name}} to {{what}} written in the manifest',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Read the value from a Secret (secretKeyRef)' },
    since: '0.1.0',
    docs: {
      rationale:
        "An environment variable's `value` is part of the pod spec. Whoever can read the manifest in git, or `get` the Deployment, ReplicaSet or Pod in the cluster, sees it in clear text; it is also copied into audit logs, `kubectl describe` output and every tool that lists workloads. A credential there is shared with all of them. Names are matched with the lists of Polaris (`sensitiveContainerEnvVar`) and Kubescape (`sensitiveKeyNames`) as whole words, and values with well-known formats (private keys, JWTs, AWS, GitHub, Google, Slack, Stripe keys, URLs with a password).",
      remediation:
        'Put the value in a Secret that is created outside git (SealedSecret, External Secrets Operator, SOPS) and reference it with `valueFrom.secretKeyRef`. The quick fix rewrites the variable to read `<workload>-secrets`, keyed by the variable name; the literal value is not copied anywhere, so it leaves the repository (rotate it: it is still in the history). A second variant also appends a Secret stub with a placeholder value. Values that are `$(VAR)` references, empty, flags, paths, plain URLs or placeholders (`<password>`, `${PASSWORD}`, `REPLACE_ME`, `xxx`) are not flagged; well-known defaults (`password`, `admin`, `changeme`) are, as weak credentials: whoever knows the image knows them.',
      invalid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.4.2
          env:
            - name: DB_PASSWORD
              value: s3cr3t-Passw0rd
`,
      valid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.4.2
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: api-secrets
                  key: DB_PASSWORD
`,
      notes:
        'Unlike Kubescape, a name is sensitive only through whole words: `KEY` counts in `API_KEY` but not in `KEYCLOAK_URL` or `CACHE_KEY`, and names that describe a credential rather than hold it (`SECRET_NAME`, `TOKEN_FILE`, `PASSWORD_MIN_LENGTH`) are skipped. Placeholder values such as `xxxxx` are not flagged.',
    },
    references: {
      peers: { polaris: 'sensitiveContainerEnvVar', 'kube-linter': 'env-var-secret', kubescape: ['C-0012', 'C-0259'] },
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#using-a-secret',
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const secretName = workloadSecretName(object);
    for (const container of containersOf(object)) {
      const env = container.node.get('env');
      if (!env?.isSeq) continue;
      for (const item of env.items()) {
        if (!item.isMap || item.has('valueFrom')) continue;
        const name = item.get('name')?.str;
        const value = item.get('value');
        if (!name || !value?.isScalar || value.isNull) continue;
        const text = value.str;
        if (text === undefined) continue; // templated: unknown
        const match = findSensitiveValue(text);
        const reason = match ? undefined : sensitiveNameReason(name);
        if (!match && !(reason && couldBeCredential(text))) continue;
        const key = SECRET_KEY.test(name) ? name : placeholder('<key>');
        const fixes: FixSpec[] = [
          { apply: (edit) => useSecretKeyRef(edit, value, secretName, key) },
          {
            title: 'Read the value from a Secret and add a Secret stub',
            apply: (edit) => {
              useSecretKeyRef(edit, value, secretName, key);
              secretStub(edit, object, secretName, typeof key === 'string' ? key : '<key>');
            },
          },
        ];
        ctx.report({
          node: value,
          at: value.quoteStyle === 'block' ? 'key' : 'value',
          messageId: match ? 'credentialValue' : isWeakCredential(text) ? 'weak' : 'credentialName',
          data: { container: container.name, name, reason: reason ?? '', what: match?.pattern.what ?? '', value: text.trim() },
          fix: fixes,
        });
      }
    }
  },
});
