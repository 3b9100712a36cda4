import { targetsAtLeast } from '../engine/config';
import { defineRule } from '../engine/rule';
import { NoFix, type EditBuilder } from '../fix/edit-builder';
import { backendsOf, httpPathsOf, INGRESS_API_VERSION, REMOVED_INGRESS_API_VERSIONS, v1ServicePort } from '../k8s/ingress';
import type { K8sObject } from '../k8s/objects';
import type { YNode } from '../yaml/nav';

const PATH_TYPE = 'ImplementationSpecific';

interface PairNode {
  items: unknown[];
}

/** Offset where a map value starts, checked to be on its key's line. */
function valueStartOnKeyLine(edit: EditBuilder, node: YNode): number {
  const keyStart = node.keyRange[0];
  const start = node.range[0];
  if (start <= keyStart || edit.source.text.slice(keyStart, start).includes('\n')) throw new NoFix('value not on the key line');
  return start;
}

/**
 * `serviceName: X` + `servicePort: P` → `service: {name: X, port: {number|name: P}}`,
 * edited in place: only the key text before each value changes (and the value of a
 * quoted number), so values, their quoting and trailing comments stay.
 */
function convertBackend(edit: EditBuilder, backend: YNode): void {
  const name = backend.get('serviceName');
  const port = backend.get('servicePort');
  if (!name && !port) return; // a `resource` backend, or already v1
  if (!name || !port || name.isNull || port.isNull) throw new NoFix('incomplete service backend');
  if (name.indirect || port.indirect) throw new NoFix('backend comes from an alias or merge key');
  const mapped = v1ServicePort(port);
  if (!mapped) throw new NoFix('servicePort is templated or not a scalar');
  const portValue = mapped.quotedNumber ? mapped.value : edit.sourceOf(port);
  const nameValue = edit.sourceOf(name);

  if (backend.isFlow) {
    const [s, e] = backend.range;
    if (edit.source.text.slice(s, e).includes('#')) throw new NoFix('comments inside a flow backend');
    if (name.templated) throw new NoFix('templated name in a flow backend');
    edit.replace(name.keyRange[0], name.range[1], `service: {name: ${nameValue}, port: {${mapped.field}: ${portValue}}}`);
    edit.removePair(backend, 'servicePort');
    return;
  }

  const items = (backend.node as unknown as PairNode).items;
  const nameIndex = items.indexOf(name.pair);
  const portIndex = items.indexOf(port.pair);
  if (Math.abs(nameIndex - portIndex) !== 1) throw new NoFix('serviceName and servicePort are not next to each other');
  const { eol, indentUnit } = edit.source.style;
  const column = edit.columnOf(name.keyRange[0]);
  if (edit.columnOf(port.keyRange[0]) !== column) throw new NoFix('keys not aligned');
  const pad = (level: number) => ' '.repeat(column + level * indentUnit);
  const nameKey = 'name: ';
  const portKey = `port:${eol}${pad(2)}${mapped.field}: `;
  const [first, second] = nameIndex < portIndex ? [name, port] : [port, name];
  const keyFor = (node: YNode) => (node === name ? nameKey : portKey);
  // The first pair opens `service:`; the second moves one level in, under it.
  edit.replace(first.keyRange[0], valueStartOnKeyLine(edit, first), `service:${eol}${pad(1)}${keyFor(first)}`);
  const secondLine = edit.lineStartOf(second.keyRange[0]);
  edit.replace(secondLine, valueStartOnKeyLine(edit, second), `${pad(1)}${keyFor(second)}`);
  if (mapped.quotedNumber) edit.replace(port.range[0], port.range[1], mapped.value);
}

/** `pathType: ImplementationSpecific` (the v1beta1 behaviour), right after `path:` when it has a line of its own. */
function addPathType(edit: EditBuilder, item: YNode): void {
  const existing = item.get('pathType');
  if (existing && !existing.isNull) return;
  if (existing) {
    edit.setScalar(existing, PATH_TYPE);
    return;
  }
  const path = item.get('path');
  if (!item.isFlow && path && !path.isNull && !path.indirect && path.isScalar && !edit.source.text.slice(path.keyRange[0], path.range[1]).includes('\n')) {
    const column = edit.columnOf(path.keyRange[0]);
    edit.insert(edit.lineEndOf(path.range[1]), `${edit.source.style.eol}${' '.repeat(column)}pathType: ${PATH_TYPE}`);
    return;
  }
  edit.insertPair(item, 'pathType', PATH_TYPE);
}

export function convertToV1(edit: EditBuilder, object: K8sObject): void {
  const apiVersion = object.root.get('apiVersion')!;
  edit.setScalar(apiVersion, INGRESS_API_VERSION);
  const spec = object.root.get('spec');
  const legacyDefault = spec?.get('backend');
  if (legacyDefault) {
    if (spec!.get('defaultBackend')) throw new NoFix('both backend and defaultBackend');
    edit.renameKey(legacyDefault, 'defaultBackend');
  }
  for (const { node } of backendsOf(object)) convertBackend(edit, node);
  for (const item of httpPathsOf(object)) addPathType(edit, item);
}

/** A quoted numeric servicePort ("80"), which the conversion turns into a number. */
function quotedNumberPorts(object: K8sObject): string[] {
  return backendsOf(object).flatMap(({ node }) => {
    const port = node.get('servicePort');
    const mapped = port ? v1ServicePort(port) : undefined;
    return mapped?.quotedNumber ? [port!.str!] : [];
  });
}

export default defineRule({
  meta: {
    id: 'ingress-removed-api-version',
    title: 'Ingress uses an API version removed in Kubernetes 1.22',
    severity: 'error',
    category: 'api-version',
    kinds: ['Ingress'],
    deprecation: true,
    messages: {
      removed: 'Ingress "{{name}}" uses {{apiVersion}}, which Kubernetes stopped serving in 1.22',
    },
    fix: { availability: 'sometimes', applicability: 'safe', title: 'Convert to networking.k8s.io/v1' },
    since: '0.1.0',
    docs: {
      rationale:
        'The `extensions/v1beta1` and `networking.k8s.io/v1beta1` Ingress APIs are no longer served since Kubernetes 1.22 (`networking.k8s.io/v1` is available since 1.19). A manifest still written against them fails to apply — or, in a pipeline that skips errors, silently leaves the old object in place — so TLS, authentication or allowlist changes made in the file never take effect. Linters that only match `extensions/*` miss the `networking.k8s.io/v1beta1` variant.',
      remediation:
        'Convert the Ingress: `apiVersion: networking.k8s.io/v1`; `spec.backend` → `spec.defaultBackend`; every `serviceName: X` / `servicePort: P` → `service: {name: X, port: {number: P}}` (or `port.name` for a named port); and `pathType` on every path — `ImplementationSpecific` keeps the v1beta1 matching, `Prefix` or `Exact` are stricter and portable. `resource` backends stay as they are.',
      invalid: `apiVersion: extensions/v1beta1
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
            backend:
              serviceName: shop
              servicePort: 80
`,
      valid: `apiVersion: networking.k8s.io/v1
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
            pathType: ImplementationSpecific
            backend:
              service:
                name: shop
                port:
                  number: 80
`,
      notes:
        'Severity is `error` when the target `kubernetesVersion` of `.kubeward.yaml` is 1.22 or later (the default is 1.33), `warning` before. The conversion is what the API server itself does when it stores a v1beta1 Ingress as v1, so it is a safe fix when the target is 1.19 or later. In a Kustomize patch it is unsafe, because the patch\'s apiVersion also selects the object it patches: convert the base and its patches together. A quoted numeric port makes it unsafe too: `servicePort: "80"` is a string to the API, and the fix writes `port.number: 80`, since no Service port can be named by digits alone. `pathType: Prefix` is never assumed. A layout the fix cannot edit in place (a templated port, `serviceName` and `servicePort` apart, comments inside a flow backend) gets no fix.',
    },
    references: {
      peers: { 'kube-linter': 'no-extensions-v1beta', kics: '94b76ea5', trivy: 'KSV-0107' },
      urls: [
        'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#ingress-v122',
        'https://kubernetes.github.io/ingress-nginx/user-guide/k8s-122-migration/',
      ],
    },
  },
  check(ctx) {
    const { object, config } = ctx;
    if (!object.apiVersion || !REMOVED_INGRESS_API_VERSIONS.includes(object.apiVersion)) return;
    const apiVersion = object.root.get('apiVersion')!;
    const quoted = quotedNumberPorts(object);
    // In a Kustomize patch the apiVersion also selects the object patched: convert base and patch together.
    const safe = targetsAtLeast(config, 1, 19) && quoted.length === 0 && !ctx.partial;
    const title = quoted.length > 0 ? `Convert to networking.k8s.io/v1 (servicePort "${quoted[0]}" becomes port.number ${Number(quoted[0])})` : undefined;
    ctx.report({
      node: apiVersion,
      messageId: 'removed',
      severity: targetsAtLeast(config, 1, 22) ? 'error' : 'warning',
      data: { name: object.name ?? 'this Ingress', apiVersion: object.apiVersion },
      fix: { title, applicability: safe ? 'safe' : 'unsafe', apply: (edit) => convertToV1(edit, object) },
    });
  },
});
