import { defineRule } from '../engine/rule';
import type { Severity } from '../engine/types';
import { quoted } from '../fix/emit';
import { isControllerConfigMap } from '../k8s/ingress-nginx';

/** Keys whose value switches off a protection, the insecure value, the default to restore, and why. */
const SETTINGS: ReadonlyArray<{
  key: string;
  insecure: (v: string) => boolean;
  fixed?: string;
  severity: Severity;
  messageId: 'snippets' | 'riskLevel' | 'pathType' | 'blocklist';
}> = [
  { key: 'allow-snippet-annotations', insecure: (v) => v === 'true', fixed: 'false', severity: 'error', messageId: 'snippets' },
  { key: 'annotations-risk-level', insecure: (v) => v === 'Critical', fixed: 'High', severity: 'error', messageId: 'riskLevel' },
  { key: 'strict-validate-path-type', insecure: (v) => v === 'false', fixed: 'true', severity: 'warning', messageId: 'pathType' },
  { key: 'annotation-value-word-blocklist', insecure: (v) => v.trim() === '', severity: 'info', messageId: 'blocklist' },
];

export default defineRule({
  meta: {
    id: 'ingress-nginx-configmap-insecure',
    title: 'ingress-nginx ConfigMap switches off injection defences',
    severity: 'error',
    category: 'ingress-nginx',
    kinds: ['ConfigMap'],
    messages: {
      snippets: 'ConfigMap "{{name}}" sets allow-snippet-annotations to "true"',
      riskLevel: 'ConfigMap "{{name}}" sets annotations-risk-level to "Critical"',
      pathType: 'ConfigMap "{{name}}" sets strict-validate-path-type to "false"',
      blocklist: 'ConfigMap "{{name}}" sets an empty annotation-value-word-blocklist',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Restore the secure default' },
    since: '0.1.0',
    docs: {
      rationale:
        'The controller ConfigMap holds the defences ingress-nginx added after its injection CVEs: snippet annotations are refused (`allow-snippet-annotations: "false"`, now the default), Critical-risk annotations are refused (`annotations-risk-level: High`), Exact/Prefix paths are validated (`strict-validate-path-type: "true"`), and annotation values can be screened against a word blocklist. Turning them off lets anyone who may edit an Ingress run configuration inside the controller, whose ServiceAccount reads every Secret of the cluster. Since the project\'s retirement in March 2026, these settings are the only protection against any new injection found.',
      remediation:
        'Restore the defaults (`allow-snippet-annotations: "false"`, `annotations-risk-level: High`, `strict-validate-path-type: "true"`), and set a word blocklist if Ingresses are written by people who are not cluster administrators.',
      notes:
        "The ConfigMap is recognised by name (`ingress-nginx-controller`, `nginx-configuration`, `*-ingress-nginx-controller`) or by its `app.kubernetes.io/name: ingress-nginx` label. An empty word blocklist is the controller's default and is reported at information level, without a fix.",
      invalid: `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  allow-snippet-annotations: "true"
`,
      valid: `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  allow-snippet-annotations: "false"
`,
    },
    references: {
      peers: { kubescape: 'C-0059' },
      urls: [
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/',
        'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (!isControllerConfigMap(object)) return;
    const data = object.root.get('data');
    if (!data?.isMap) return;
    for (const setting of SETTINGS) {
      const node = data.get(setting.key);
      // An empty value (`key: ""` or `key:`) is a string for a ConfigMap.
      const value = node?.isNull && !node.templated ? '' : node?.str;
      if (!node || value === undefined || !setting.insecure(value)) continue;
      const fixed = setting.fixed;
      ctx.report({
        node,
        messageId: setting.messageId,
        severity: setting.severity,
        data: { name: object.name ?? 'ingress-nginx-controller' },
        fix: fixed ? { title: `Set ${setting.key} to "${fixed}"`, apply: (edit) => edit.setScalar(node, quoted(fixed)) } : undefined,
      });
    }
  },
});
