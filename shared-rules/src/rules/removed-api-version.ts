import { defineRule, type RuleContext } from '../engine/rule';
import { NoFix, type EditBuilder } from '../fix/edit-builder';
import { apiStatus, atLeast, formatVersion, removedApi, type RemovedApi } from '../k8s/api-versions';
import { podMetadataOf } from '../k8s/objects';
import { readLabels } from '../k8s/selectors';

/** Kinds with a rule of their own (their conversions are more than an apiVersion swap). */
const OWN_RULES: ReadonlySet<string> = new Set(['Ingress', 'PodSecurityPolicy', 'IngressClass']);

type Messages = 'removed' | 'deprecated';

/** Swaps the apiVersion; for apps/v1 also makes the now-required selector explicit. */
export function migrateApiVersion(edit: EditBuilder, ctx: RuleContext<Messages>, api: RemovedApi): void {
  const { object } = ctx;
  edit.setScalar(object.root.get('apiVersion')!, api.replacement);
  if (api.replacement !== 'apps/v1' || ctx.partial) return;
  const spec = object.root.get('spec');
  if (!spec?.isMap) throw new NoFix('no spec');
  const selector = spec.get('selector');
  if (!selector || selector.isNull) {
    if (selector && ctx.isUncertain(selector)) throw new NoFix('templated selector');
    // The old versions defaulted the selector to the pod template labels: make that explicit.
    const labels = readLabels(podMetadataOf(object)?.get('labels'), (n) => ctx.isUncertain(n));
    if (!labels || Object.keys(labels).length === 0) throw new NoFix('no pod template labels to select');
    edit.setIn(spec, ['selector', 'matchLabels'], labels, { overwrite: true });
  }
  for (const gone of ['rollbackTo', 'templateGeneration']) if (spec.get(gone)) edit.removePair(spec, gone);
}

export default defineRule<Messages>({
  meta: {
    id: 'removed-api-version',
    title: 'Object uses an API version Kubernetes no longer serves',
    severity: 'error',
    category: 'api-version',
    kinds: '*',
    deprecation: true,
    messages: {
      removed: '{{kind}} "{{name}}" uses {{apiVersion}}, which Kubernetes stopped serving in {{removedIn}}',
      deprecated: '{{kind}} "{{name}}" uses {{apiVersion}}, removed in {{removedIn}}',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Change the apiVersion' },
    since: '0.1.0',
    docs: {
      rationale:
        'Kubernetes removes beta API versions a few releases after their replacement is stable. A manifest that still uses one cannot be applied to a cluster at or above the removal release: the deployment pipeline fails, or — worse — the part of a release that carries a NetworkPolicy, an RBAC rule or a PodDisruptionBudget is silently skipped while the rest goes out. The target version comes from `kubernetesVersion` in `.kubeward.yaml` (default 1.33): a version already removed there is an error, one that is only deprecated is a warning. Ingress, IngressClass and PodSecurityPolicy have rules of their own.',
      remediation:
        'Change `apiVersion` to the replacement. Where the guide lists no other change (RBAC, CronJob, PriorityClass, StorageClass…) that is all, and the fix is safe. Workloads moving to `apps/v1` need an explicit `spec.selector` (the fix copies the pod template labels, as the old default did). Where fields changed (webhooks, CustomResourceDefinitions, HPA `v2beta1`), the message says which, and the fix is left to you.',
      invalid: `apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
      valid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
    },
    references: {
      peers: { trivy: 'KSV-0107', kics: '94b76ea5', 'kube-linter': 'no-extensions-v1beta' },
      urls: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/', 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/'],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    if (!object.apiVersion || OWN_RULES.has(object.kind)) return;
    const api = removedApi(object.apiVersion, object.kind);
    if (!api) return;
    const status = apiStatus(api, config.kubernetesMinor);
    if (!status) return;
    const node = object.root.get('apiVersion')!;
    // Only when the target serves the replacement.
    const fixable = api.fix !== 'none' && atLeast(config.kubernetesMinor, api.availableIn);
    ctx.report({
      node,
      messageId: status,
      severity: status === 'removed' ? 'error' : 'warning',
      data: {
        kind: object.kind,
        name: object.name ?? object.kind,
        apiVersion: object.apiVersion,
        removedIn: formatVersion(api.removedIn),
        deprecatedIn: formatVersion(api.deprecatedIn),
        target: config.kubernetesVersion,
        replacement: api.replacement,
        changes: api.notes ? `; ${api.notes}` : '',
      },
      fix: fixable
        ? {
            title: `Change the apiVersion to ${api.replacement}`,
            applicability: api.fix === 'safe' ? 'safe' : 'unsafe',
            apply: (edit) => migrateApiVersion(edit, ctx, api),
          }
        : undefined,
    });
  },
});
