import { defineRule, type RuleContext } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { containersOf } from '../k8s/objects';
import type { YNode } from '../yaml/nav';
import { findPrivateKey, isPlaceholderValue, isPublicCertificate, isStubSecretType, secretEntries, secretTypeOf } from '../k8s/secrets';

export const SECRET_PLACEHOLDER = '<set-outside-git>';

type Messages = 'secretValue' | 'publicCertificate' | 'privateKey';

/** Every scalar of an object, without recursion (nesting can be deep). */
function* scalarsOf(root: YNode): Generator<YNode> {
  const stack: YNode[] = [root];
  let visited = 0;
  while (stack.length > 0 && visited++ < 200_000) {
    const node = stack.pop()!;
    if (node.isScalar) yield node;
    else if (node.isMap) {
      for (const [, child] of node.entries()) if (child && !child.indirect) stack.push(child);
    } else if (node.isSeq) stack.push(...node.items().filter((n) => !n.indirect));
  }
}

/** Private keys in objects that are not Secrets (ConfigMaps and env values have their own rules). */
function checkPrivateKeys(ctx: RuleContext<Messages>): void {
  const { object } = ctx;
  if (object.kind === 'ConfigMap' || !ctx.sourceOf(object.root).includes('PRIVATE KEY')) return;
  const envValues = new Set<number>();
  for (const container of containersOf(object)) {
    for (const env of container.node.get('env')?.items() ?? []) {
      const value = env.get('value');
      if (value) envValues.add(value.range[0]);
    }
  }
  for (const node of scalarsOf(object.root)) {
    const text = node.str;
    if (text === undefined || envValues.has(node.range[0])) continue;
    const match = findPrivateKey(text);
    if (!match) continue;
    const source = ctx.sourceOf(node);
    const at = source.indexOf(match.text);
    const where = node.key ?? (node.index !== undefined ? `item ${node.index}` : 'a value');
    const data = { kind: object.kind, name: object.name ?? `this ${object.kind}`, where };
    if (at >= 0) ctx.report({ range: [node.range[0] + at, node.range[0] + at + match.text.length], messageId: 'privateKey', data });
    else ctx.report({ node, messageId: 'privateKey', data });
  }
}

export default defineRule<Messages>({
  meta: {
    id: 'secret-plaintext-in-manifest',
    title: 'Secret value committed in a manifest',
    severity: 'error',
    category: 'secrets',
    kinds: '*',
    messages: {
      secretValue: 'Secret "{{name}}" key "{{key}}" holds a real value in this manifest',
      publicCertificate: 'Secret "{{name}}" key "{{key}}" holds a certificate committed by hand',
      privateKey: '{{kind}} "{{name}}" has a private key in {{where}}',
    },
    fix: { availability: 'sometimes', applicability: 'display-only', title: 'Replace the value with a placeholder' },
    since: '0.1.0',
    docs: {
      rationale:
        "A Secret's `data` is only base64-encoded: `echo aHVudGVyMiE= | base64 -d` prints the password. A Secret committed with real values is readable by everyone who can clone the repository, forever (removing it later leaves it in the history), and by every CI job and tool that reads the manifests. `stringData` is the same without even the encoding. A PEM private key anywhere else (a ConfigMap, an annotation, a CRD field) is worse: the cluster treats it as ordinary configuration.",
      remediation:
        'Keep secret values out of the repository: commit a `SealedSecret` (Bitnami sealed-secrets) or an `ExternalSecret` (External Secrets Operator), or encrypt the file with SOPS, and let the cluster create the Secret. Rotate any value that has already been committed. Service-account token stubs (`type: kubernetes.io/service-account-token`), empty values and obvious placeholders (`changeme`, `<password>`, `${PASSWORD}`, `REPLACE_ME`) are not flagged.',
      invalid: `apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
  password: aHVudGVyMiE=
`,
      valid: `apiVersion: v1
kind: Secret
metadata:
  name: db
type: Opaque
data:
  password: <set-outside-git>
`,
      notes: 'A TLS Secret whose values are only public certificates is reported as a hint. Hover a `data` value in the editor to see what it decodes to.',
    },
    references: {
      peers: { checkov: 'CKV_SECRET_6', kubescape: ['C-0208', 'C-0234'], polaris: 'sensitiveContainerEnvVar' },
      urls: [
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
        'https://kubernetes.io/docs/concepts/configuration/secret/#information-security-for-secrets',
        'https://github.com/bitnami-labs/sealed-secrets',
        'https://external-secrets.io/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (object.kind !== 'Secret') {
      checkPrivateKeys(ctx);
      return;
    }
    const type = secretTypeOf(object);
    if (isStubSecretType(type)) return;
    const entries = secretEntries(object).filter((e) => e.raw.trim() !== '');
    const certificates = entries.filter((e) => !e.binary && isPublicCertificate(e.plain));
    // Certificates are public: only a Secret of certificates and nothing else (a CA bundle) gets a hint.
    const publicOnly = certificates.length > 0 && certificates.length === entries.length;
    const flagged = publicOnly ? certificates : entries.filter((e) => !certificates.includes(e) && !isPlaceholderValue(e.raw) && !isPlaceholderValue(e.plain));
    const name = object.name ?? 'this Secret';
    for (const entry of flagged) {
      ctx.report({
        node: entry.node,
        at: entry.node.quoteStyle === 'block' ? 'key' : 'value',
        messageId: publicOnly ? 'publicCertificate' : 'secretValue',
        data: { name, key: entry.key },
        severity: publicOnly ? 'hint' : undefined,
        fix: publicOnly ? undefined : (edit) => edit.setScalar(entry.node, placeholder(SECRET_PLACEHOLDER)),
      });
    }
  },
});
