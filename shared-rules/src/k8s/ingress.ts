/** Ingress knowledge shared by the Ingress rules and "Secure this Ingress". */
import { annotation, annotationsOf, type K8sObject } from './objects';
import type { YNode } from '../yaml/nav';
import { matchGlob } from '../text/glob';

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';
export const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Annotations by which cloud controllers terminate TLS without `spec.tls`. */
export const CLOUD_TLS_ANNOTATIONS = [
  'alb.ingress.kubernetes.io/certificate-arn',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'networking.gke.io/managed-certificates',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
] as const;

/** Annotations by which cert-manager's ingress-shim issues the certificates of `spec.tls`. */
export const CERT_MANAGER_ANNOTATIONS: readonly string[] = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];

/** What Ingress knowledge needs of the configuration (ResolvedConfig has it): the classes that name ingress-nginx. */
export interface IngressClassConfig {
  readonly ingress: { readonly nginxClasses: readonly string[] };
}

export interface IngressClass {
  /** undefined when none is set, or it is templated. */
  name: string | undefined;
  node: YNode | undefined;
  source: 'spec' | 'annotation' | undefined;
}

export function ingressClassOf(object: K8sObject): IngressClass {
  const spec = object.root.get('spec')?.get('ingressClassName');
  if (spec && !spec.isNull) return { name: spec.str, node: spec, source: 'spec' };
  const ann = annotation(object, CLASS_ANNOTATION);
  if (ann && !ann.isNull) return { name: ann.str, node: ann, source: 'annotation' };
  return { name: undefined, node: undefined, source: undefined };
}

/** True when any annotation key starts with `prefix`. */
export function hasAnnotationPrefix(object: K8sObject, prefix: string): boolean {
  return (
    annotationsOf(object)
      ?.keys()
      .some((k) => k.startsWith(prefix)) ?? false
  );
}

export interface RuleHost {
  /** undefined for a rule without `host` (catch-all) or a templated host. */
  host: string | undefined;
  node: YNode | undefined;
  rule: YNode;
  templated: boolean;
}

export function ruleHostsOf(object: K8sObject): RuleHost[] {
  const rules = object.root.get('spec')?.get('rules');
  if (!rules?.isSeq) return [];
  return rules.items().map((rule) => {
    const node = rule.get('host');
    return { host: node?.str, node, rule, templated: Boolean(node?.templated) };
  });
}

/** Distinct literal hosts of the rules, in order. */
export function distinctHosts(object: K8sObject): string[] {
  return [...new Set(ruleHostsOf(object).flatMap((r) => (r.host ? [r.host] : [])))];
}

export interface TlsEntry {
  node: YNode;
  hosts: YNode | undefined;
  hostNames: string[];
  secretName: YNode | undefined;
}

export function tlsEntriesOf(object: K8sObject): TlsEntry[] {
  const tls = object.root.get('spec')?.get('tls');
  if (!tls?.isSeq) return [];
  return tls.items().map((node) => {
    const hosts = node.get('hosts');
    return { node, hosts, hostNames: hosts?.isSeq ? hosts.strings() : [], secretName: node.get('secretName') };
  });
}

/** TLS host patterns cover a host exactly, or by a wildcard of exactly one label (not the apex). */
export function hostCovered(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase();
  for (const raw of patterns) {
    const p = raw.toLowerCase();
    if (p === h) return true;
    if (p.startsWith('*.')) {
      const suffix = p.slice(1); // ".example.com"
      if (h.endsWith(suffix)) {
        const label = h.slice(0, -suffix.length);
        if (label.length > 0 && !label.includes('.')) return true;
      }
    }
  }
  return false;
}

/** True when TLS is terminated by a cloud controller annotation or Traefik's router.tls. */
export function tlsTerminatedByAnnotation(object: K8sObject): boolean {
  for (const key of CLOUD_TLS_ANNOTATIONS) {
    const node = annotation(object, key);
    if (node && !node.isNull) return true;
  }
  const traefik = annotation(object, 'traefik.ingress.kubernetes.io/router.tls');
  return traefik?.str === 'true';
}

/** Name for a generated resource from a `{name}` pattern. */
export function nameFromPattern(pattern: string, object: K8sObject, fallback = 'ingress'): string {
  return pattern.replace(/\{name\}/g, object.name ?? fallback);
}

// ---------------------------------------------------------------- controllers

export const ALB_PREFIX = 'alb.ingress.kubernetes.io/';
/** Class names of the GKE Ingress controller, which only reads the class annotation. */
export const GCE_CLASSES: readonly string[] = ['gce', 'gce-internal'];

/** Annotation `nginx.ingress.kubernetes.io/<name>`. */
export function nginxAnnotation(object: K8sObject, name: string): YNode | undefined {
  return annotation(object, NGINX_PREFIX + name);
}

/**
 * The one answer to "does this Ingress have TLS": `spec.tls` is a non-empty
 * list, or templated (so possibly set). TLS that a cloud controller terminates
 * by annotation is `tlsTerminatedByAnnotation`.
 */
export function hasTls(object: K8sObject): boolean {
  const tls = object.root.get('spec')?.get('tls');
  return Boolean(tls && (tls.templated || (tls.isSeq && tls.items().length > 0)));
}

/** An IngressClass name must be a DNS-1123 subdomain (lower case, digits, `-`, `.`). */
export function isValidClassName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name);
}

// ---------------------------------------------------------------- API versions

/** Ingress API versions no longer served since Kubernetes 1.22. */
export const REMOVED_INGRESS_API_VERSIONS: readonly string[] = ['extensions/v1beta1', 'networking.k8s.io/v1beta1'];
export const INGRESS_API_VERSION = 'networking.k8s.io/v1';

export interface IngressBackendRef {
  /** The `backend` map (or `spec.backend`). */
  node: YNode;
  /** The `spec.rules[].http.paths[]` item holding it; undefined for `spec.backend`. */
  path: YNode | undefined;
}

/** `spec.backend`/`spec.defaultBackend` and every `spec.rules[].http.paths[].backend`. */
export function backendsOf(object: K8sObject): IngressBackendRef[] {
  const spec = object.root.get('spec');
  if (!spec?.isMap) return [];
  const out: IngressBackendRef[] = [];
  for (const key of ['backend', 'defaultBackend']) {
    const b = spec.get(key);
    if (b?.isMap) out.push({ node: b, path: undefined });
  }
  for (const path of httpPathsOf(object)) {
    const b = path.get('backend');
    if (b?.isMap) out.push({ node: b, path });
  }
  return out;
}

/** Every `spec.rules[].http.paths[]` item that is a mapping. */
export function httpPathsOf(object: K8sObject): YNode[] {
  const rules = object.root.get('spec')?.get('rules');
  if (!rules?.isSeq) return [];
  return rules.items().flatMap((rule) => {
    const paths = rule.get('http')?.get('paths');
    return paths?.isSeq ? paths.items().filter((p) => p.isMap) : [];
  });
}

// ---------------------------------------------------------------- access

/** True when a host is public on purpose: it matches one of the `ingress.publicHosts` globs. */
export function isPublicHost(host: string, globs: readonly string[]): boolean {
  const h = host.toLowerCase();
  return globs.some((g) => matchGlob(g.toLowerCase(), h));
}

/** A CIDR that admits every address: any `/0` prefix (`0.0.0.0/0`, `::/0`). */
export function isOpenCidr(cidr: string): boolean {
  return /^[0-9a-fA-F.:]+\/0+$/.test(cidr.trim());
}

/** Annotations that restrict clients by source address, and which controller reads them. */
export const SOURCE_RANGE_ANNOTATIONS: readonly string[] = [
  `${NGINX_PREFIX}whitelist-source-range`,
  `${NGINX_PREFIX}allowlist-source-range`,
  `${ALB_PREFIX}inbound-cidrs`,
];

// ---------------------------------------------------------------- ingress-nginx annotations

/** `nginx.ingress.kubernetes.io/*-snippet`: raw nginx configuration (CVE-2021-25742). */
export function isSnippetAnnotation(key: string): boolean {
  return key.startsWith(NGINX_PREFIX) && key.endsWith('-snippet') && key.length > NGINX_PREFIX.length + '-snippet'.length;
}

/** What a well-formed value of an injection-prone annotation looks like. */
export type AnnotationValueKind = 'url' | 'host' | 'hosts' | 'cn' | 'configmap' | 'variable';

/** Annotations whose values ingress-nginx writes into nginx.conf (IngressNightmare and follow-ups). */
export const INJECTION_ANNOTATIONS: ReadonlyMap<string, AnnotationValueKind> = new Map([
  ['auth-url', 'url'],
  ['auth-signin', 'url'],
  ['auth-tls-match-cn', 'cn'],
  ['mirror-target', 'url'],
  ['mirror-host', 'host'],
  ['auth-proxy-set-headers', 'configmap'],
  ['permanent-redirect', 'url'],
  ['temporal-redirect', 'url'],
  ['server-alias', 'hosts'],
  ['proxy-ssl-name', 'host'],
  ['upstream-hash-by', 'variable'],
]);

/**
 * Characters that end an nginx directive, open or close a block, start a
 * comment, or break out of a quoted string. One character class: linear time
 * on any input.
 */
const INJECTION_CHARACTER = /[\n\r;{}#`"\\<>|^]/;
const INJECTION_CHARACTERS = new RegExp(INJECTION_CHARACTER.source, 'g');

export function hasInjectionCharacters(value: string): boolean {
  return INJECTION_CHARACTER.test(value);
}

/** The distinct offending characters of a value, in order of appearance. */
export function injectionCharactersIn(value: string): string[] {
  return [...new Set(value.match(INJECTION_CHARACTERS) ?? [])];
}

export function stripInjectionCharacters(value: string): string {
  return value.replace(INJECTION_CHARACTERS, '');
}

/**
 * Whether `value` is a well-formed value of its kind. Each check is a single
 * pass (anchored character classes, no nested quantifiers), so it cannot
 * backtrack catastrophically.
 */
export function isWellFormedAnnotationValue(kind: AnnotationValueKind, value: string): boolean {
  if (value.length === 0 || /\s/.test(value)) return kind === 'hosts' && isHostList(value);
  switch (kind) {
    case 'url':
      // scheme://authority[/path][?query]; nginx variables ($host) are allowed anywhere.
      return /^https?:\/\/[A-Za-z0-9.$_-]+(?::[0-9]+)?(?:[/?][^\s]*)?$/.test(value);
    case 'host':
      return /^[A-Za-z0-9$_][A-Za-z0-9.$_-]*(?::[0-9]+)?$/.test(value);
    case 'hosts':
      return isHostList(value);
    case 'cn':
      return /^CN=[^\s]+$/.test(value);
    case 'configmap':
      return /^(?:[a-z0-9][a-z0-9.-]*\/)?[a-z0-9][a-z0-9.-]*$/.test(value);
    case 'variable':
      return /^[$A-Za-z0-9_.:/-]+$/.test(value);
  }
}

function isHostList(value: string): boolean {
  const parts = value.split(',').map((p) => p.trim());
  return parts.length > 0 && parts.every((p) => /^(?:\*\.)?[A-Za-z0-9][A-Za-z0-9.-]*$/.test(p));
}

/** Annotations removed from ingress-nginx (silently ignored since; see the ingress-nginx-deprecated-annotation rule page). */
export const DEPRECATED_NGINX_ANNOTATIONS: ReadonlyMap<string, { removedIn: string; replacement: string }> = new Map([
  ['secure-backends', { removedIn: '0.21.0', replacement: 'backend-protocol: "HTTPS"' }],
  ['grpc-backend', { removedIn: '0.21.0', replacement: 'backend-protocol: "GRPC"' }],
  ['secure-verify-ca-secret', { removedIn: '0.27.0', replacement: 'proxy-ssl-secret and proxy-ssl-verify: "on"' }],
]);

/**
 * How a v1beta1 `servicePort` (IntOrString) maps to networking.k8s.io/v1:
 * an integer → `port.number`, a name → `port.name`. A quoted number ("80")
 * is a string to the API, but no Service port can be named by digits alone,
 * so it can only have meant the number. undefined when templated or empty.
 */
export function v1ServicePort(node: YNode): { field: 'number' | 'name'; value: string; quotedNumber: boolean } | undefined {
  const value = node.str;
  if (value === undefined || value === '') return undefined;
  if (node.scalarType === 'number') return { field: 'number', value, quotedNumber: false };
  if (node.scalarType !== 'string') return undefined;
  if (/^[0-9]+$/.test(value)) return { field: 'number', value: String(Number(value)), quotedNumber: true };
  return { field: 'name', value, quotedNumber: false };
}
