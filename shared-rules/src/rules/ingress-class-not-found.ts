import { defineRule, fixesAtObject, type SummarizeContext, type WorkspaceFix } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import type { K8sObject } from '../k8s/objects';
import { fileRange } from '../engine/workspace-docs';
import { relRange, type RelRange } from '../k8s/objects';

const ID = 'ingress-class-not-found';

/** Stands for the class name in a fix prepared before the names are known (a valid plain scalar). */
const NAME_SLOT = 'kubeward-ingress-class-slot';

type Data = { type: 'ingress'; className: string; at: RelRange; rename: WorkspaceFix[] } | { type: 'class' };
const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

function summarize(object: K8sObject, source: SummarizeContext): Data | undefined {
  if (object.kind === 'IngressClass') return { type: 'class' };
  if (object.kind !== 'Ingress') return undefined;
  const node = object.root.get('spec')?.get('ingressClassName');
  if (!node || node.isNull || node.templated || !node.str) return undefined;
  // The value as the EditBuilder writes it (quoted as the file has it), with a slot for the name.
  const rename = source.fixes([(edit) => edit.setScalar(node, NAME_SLOT)]);
  return { type: 'ingress', className: node.str, at: relRange(object, node), rename };
}

/** Levenshtein distance, to offer the classes a typo most likely meant first. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

export default defineRule({
  meta: {
    id: ID,
    title: 'Ingress names an IngressClass that does not exist',
    severity: 'warning',
    category: 'ingress-access',
    kinds: ['Ingress'],
    // Context-dependent, like the other cross-document reference checks: IngressClasses often live in another repository.
    optIn: true,
    messages: {
      notFound: 'Ingress "{{name}}" names IngressClass "{{class}}", which the workspace does not have',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Use an IngressClass of the workspace' },
    since: '0.1.0',
    docs: {
      rationale:
        '`spec.ingressClassName` names the IngressClass object whose controller serves the Ingress. When no IngressClass has that name — a typo, a class renamed when the controller was upgraded, a chart value left at its default — no controller picks the Ingress up: its hosts are down, and the day someone installs a controller with a class of that name (another team, another product), that controller serves it with its own defaults, ignoring the annotations written for the intended one (authentication, source ranges, TLS redirects). This rule looks across files: it compares the name with the IngressClasses of the workspace.',
      remediation:
        'Set `spec.ingressClassName` to the IngressClass of the controller that should serve the Ingress (`kubectl get ingressclass` lists those of a cluster), or add the missing IngressClass with the manifests of its controller.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: ngnix
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
`,
      notes: `Opt-in (\`ingress-class-not-found: on\` in \`.kubeward.yaml\`). IngressClasses usually come with the controller, often from another repository, so the rule needs context and stays silent rather than guess when it is missing:
- while the workspace index is incomplete (the editor has not read every manifest yet);
- when the workspace has no IngressClass at all (the controller is installed elsewhere);
- when an IngressClass of the workspace has a Helm-templated name, or the Ingress's class is templated, or the Ingress is a Kustomize patch.

The deprecated \`kubernetes.io/ingress.class\` annotation does not name an IngressClass object and is not checked here (\`ingress-class-annotation-deprecated\` reports it; once its fix moves the value to \`spec.ingressClassName\`, this rule checks the name). The fixes offer the workspace's classes, closest spelling first.`,
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class',
        'https://kubernetes.github.io/ingress-nginx/user-guide/k8s-122-migration/',
      ],
    },
  },
  summarize,
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    if (!index.complete || summary.partial || data?.type !== 'ingress') return;
    const classes = index.byKind('IngressClass');
    if (classes.length === 0 || classes.some((c) => c.name === undefined)) return;
    const names = [...new Set(classes.map((c) => c.name!))];
    if (names.includes(data.className)) return;
    const ranked = names.sort((a, b) => distance(data.className, a) - distance(data.className, b) || a.localeCompare(b));
    const rename = fixesAtObject(summary.start, data.rename)[0];
    const fixes: WorkspaceFix[] = rename
      ? ranked.slice(0, 3).map((name, i) => ({
          title: `Use IngressClass "${name}"`,
          applicability: 'unsafe' as const,
          preferred: i === 0,
          edits: rename.edits.map((e) => ({ ...e, text: e.text.split(NAME_SLOT).join(name) })),
        }))
      : [];
    ctx.report({
      range: fileRange(summary, data.at),
      messageId: 'notFound',
      data: { name: summary.name ?? 'this Ingress', class: data.className, classes: ranked.map((n) => `"${n}"`).join(', ') },
      fix: fixes,
    });
  },
});
