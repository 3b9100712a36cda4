import { defineRule, type SummarizeContext } from '../engine/rule';
import { objectsToDecide, type ObjectSummary } from '../engine/workspace';
import { isGatewayApi, listenersOf } from '../k8s/gateway';
import { tlsEntriesOf } from '../k8s/ingress';
import type { K8sObject } from '../k8s/objects';
import { missingTlsKeys, secretTypeOf, TLS_SECRET_TYPE } from '../k8s/secrets';
import { fileRange, mayShareNamespace } from '../engine/workspace-docs';
import { relRange, type RelRange } from '../k8s/objects';

const ID = 'tls-secret-malformed';

interface TlsRef {
  secret: string;
  /** Explicit namespace (Gateway certificateRefs); else the referring object's. */
  namespace: string | undefined;
  at: RelRange;
}

/** A Secret's type and missing TLS keys (undefined: cannot be seen), or the TLS Secrets an Ingress or Gateway names. */
type Data = { type: 'secret'; secretType: string | undefined; missing: string[] | undefined } | { type: 'refs'; refs: TlsRef[] };

const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

function summarize(object: K8sObject, source: SummarizeContext): Data | undefined {
  const uncertain = (n: Parameters<SummarizeContext['isUncertain']>[0]) => source.isUncertain(n);
  if (object.kind === 'Secret') return { type: 'secret', secretType: secretTypeOf(object), missing: missingTlsKeys(object, uncertain) };
  const refs: TlsRef[] = [];
  if (object.kind === 'Ingress') {
    for (const entry of tlsEntriesOf(object)) {
      const name = entry.secretName;
      if (!name || name.isNull || name.templated || !name.str) continue;
      refs.push({ secret: name.str, namespace: undefined, at: relRange(object, name) });
    }
  } else if (object.kind === 'Gateway' && isGatewayApi(object)) {
    for (const listener of listenersOf(object)) {
      for (const ref of listener.tls?.get('certificateRefs')?.items() ?? []) {
        const name = ref.get('name');
        const group = ref.get('group')?.str ?? '';
        const kind = ref.get('kind')?.str ?? 'Secret';
        const namespace = ref.get('namespace');
        if (!ref.isMap || !name?.str || name.templated || group !== '' || kind !== 'Secret' || namespace?.templated) continue;
        refs.push({ secret: name.str, namespace: namespace && !namespace.isNull ? namespace.str : undefined, at: relRange(object, name) });
      }
    }
  } else return undefined;
  return refs.length > 0 ? { type: 'refs', refs } : undefined;
}

export default defineRule({
  meta: {
    id: ID,
    title: 'TLS Secret lacks its certificate or key',
    severity: 'warning',
    category: 'secrets',
    kinds: ['Secret', 'Ingress', 'Gateway'],
    messages: {
      missing: 'Secret "{{name}}" has type kubernetes.io/tls but no {{keys}}',
      notCertificate: '{{kind}} "{{name}}" serves TLS with Secret "{{secret}}", which has no {{keys}}',
      wrongType: '{{kind}} "{{name}}" serves TLS with Secret "{{secret}}" of type {{secretType}}',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'A Secret of type `kubernetes.io/tls` must carry both `tls.crt` and `tls.key`; the API server refuses one that lacks either. When the Secret never exists, ingress controllers fall back to a self-signed default certificate, so browsers show a warning and clients that skip verification talk to whoever answers. The same happens when an Ingress (`spec.tls[].secretName`) or a Gateway listener (`tls.certificateRefs`) names a Secret that holds no certificate, such as an Opaque Secret of application settings; and a Secret of another type that does hold the keys is refused by Gateway API implementations, which accept only `kubernetes.io/tls` certificates.',
      remediation:
        'Provide both keys, under `data` (base64) or `stringData`, in a Secret of type `kubernetes.io/tls`, and point the Ingress or Gateway at it. Prefer letting cert-manager create the Secret from a `Certificate`, or an External Secret, over committing TLS material.',
      invalid: `apiVersion: v1
kind: Secret
metadata:
  name: web-tls
type: kubernetes.io/tls
data:
  tls.crt: <base64-certificate>
`,
      valid: `apiVersion: v1
kind: Secret
metadata:
  name: web-tls
type: kubernetes.io/tls
data:
  tls.crt: <base64-certificate>
  tls.key: <base64-private-key>
`,
      notes: `A Secret of type \`kubernetes.io/tls\` is checked on its own. The Secrets that an Ingress or a Gateway names for TLS are checked across files (any manifest of the workspace or scanned folder), at the reference: reported when the Secret is in the workspace and is of another type (a warning for a Gateway, information for an Ingress, since ingress-nginx and others also read an Opaque Secret that has the keys), or lacks the keys.

The cross-file check needs context, and stays silent rather than guess when it is missing:
- when the Secret is in another file while not every manifest is known (a scan of single files or standard input, an editor without a workspace folder or still reading it): then only the Secrets of the Ingress's or Gateway's own file count;
- when no Secret of that name is in the workspace (cert-manager, an External Secret or \`kubectl create secret tls\` makes it) or one of them is a Kustomize patch;
- when the Secret's type or data, or the reference, is Helm-templated, or a Secret's name is.`,
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets',
        'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
        'https://gateway-api.sigs.k8s.io/reference/spec/#gateway.networking.k8s.io/v1.GatewayTLSConfig',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (object.kind !== 'Secret' || secretTypeOf(object) !== TLS_SECRET_TYPE) return;
    const missing = missingTlsKeys(object, (n) => ctx.isUncertain(n));
    if (!missing || missing.length === 0) return;
    const data = object.root.get('data');
    const stringData = object.root.get('stringData');
    const parent = data?.isMap ? data : stringData?.isMap ? stringData : object.root;
    ctx.reportMissing({ parent, messageId: 'missing', data: { name: object.name ?? 'this Secret', keys: missing.join(' and ') } });
  },
  summarize,
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    if (summary.partial || data?.type !== 'refs') return;
    const secrets = objectsToDecide(index, summary, 'Secret');
    for (const ref of data.refs) {
      const namespace = ref.namespace ?? summary.namespace;
      const candidates = secrets.filter((s) => mayShareNamespace(s, { namespace, file: summary.file }));
      if (candidates.some((s) => s.name === undefined)) continue;
      const found = candidates.filter((s) => s.name === ref.secret);
      if (found.length === 0 || found.some((s) => s.partial)) continue;
      const verdicts = found.map((s) => dataOf(s) as Extract<Data, { type: 'secret' }> | undefined);
      // Unknown, a TLS Secret (its own finding, if any), or fine: only report when every candidate is wrong.
      if (verdicts.some((v) => !v || v.secretType === undefined || v.missing === undefined || v.secretType === TLS_SECRET_TYPE)) continue;
      const first = verdicts[0]!;
      const where = { kind: summary.kind, name: summary.name ?? summary.kind, secret: ref.secret, secretType: first.secretType! };
      const range = fileRange(summary, ref.at);
      if (verdicts.every((v) => v!.missing!.length > 0)) {
        ctx.report({ range, messageId: 'notCertificate', data: { ...where, keys: first.missing!.join(' and ') } });
      } else {
        ctx.report({ range, messageId: 'wrongType', data: where, severity: summary.kind === 'Gateway' ? 'warning' : 'info' });
      }
    }
  },
});
