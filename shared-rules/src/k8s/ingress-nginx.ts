/**
 * ingress-nginx knowledge (kubernetes/ingress-nginx, retired in March 2026):
 * which Ingresses it serves, its annotation risk levels, dangerous snippet
 * content, its controller image and the advisories that affect each version,
 * its ConfigMap and its admission Service.
 *
 * Every regular expression here runs on user text; each is linear (no
 * nested or overlapping quantifiers) and tested with 100k-character inputs.
 */
import type { IngressClassConfig } from './ingress';
import { CLASS_ANNOTATION, hasAnnotationPrefix, ingressClassOf, NGINX_PREFIX } from './ingress';
import { annotation, annotationsOf, type K8sObject } from './objects';
import type { YNode } from '../yaml/nav';

export { NGINX_PREFIX };
export const CONTROLLER_NAME = 'k8s.io/ingress-nginx';

/** Annotation `nginx.ingress.kubernetes.io/<name>` of an object (present, maybe templated). */
export function ngx(object: K8sObject, name: string): YNode | undefined {
  const node = annotation(object, NGINX_PREFIX + name);
  return node && !node.isNull ? node : undefined;
}

/** Classes of other controllers: their Ingresses are not ingress-nginx's even with its annotations. */
export const OTHER_CONTROLLER_CLASSES: ReadonlySet<string> = new Set([
  'alb',
  'gce',
  'gce-internal',
  'azure/application-gateway',
  'azure-application-gateway',
  'traefik',
  'haproxy',
  'kong',
  'istio',
  'contour',
  'cilium',
  'nginx-plus',
  'webapprouting.kubernetes.azure.com',
]);

/** The F5 NGINX Ingress Controller (a different project) uses `nginx.org/` and `nginx.com/` annotations. */
export function usesF5Annotations(object: K8sObject): boolean {
  return hasAnnotationPrefix(object, 'nginx.org/') || hasAnnotationPrefix(object, 'nginx.com/');
}

/**
 * An Ingress served by ingress-nginx: its class is a configured nginx class,
 * or an unknown custom class (or a templated or missing one) while it uses
 * `nginx.ingress.kubernetes.io/` annotations. F5's controller, which also
 * answers to class `nginx` but reads `nginx.org/` annotations, is excluded.
 */
export function servedByIngressNginx(object: K8sObject, config: IngressClassConfig): boolean {
  if (object.kind !== 'Ingress') return false;
  const hasNgx = hasAnnotationPrefix(object, NGINX_PREFIX);
  if (!hasNgx && usesF5Annotations(object)) return false;
  const cls = ingressClassOf(object);
  if (cls.name !== undefined) {
    if (config.ingress.nginxClasses.includes(cls.name)) return true;
    if (OTHER_CONTROLLER_CLASSES.has(cls.name)) return false;
  }
  return hasNgx;
}

/** An explicit nginx class (spec.ingressClassName or the class annotation), for the retirement advisory. */
export function explicitNginxClass(object: K8sObject, config: IngressClassConfig): YNode | undefined {
  const cls = ingressClassOf(object);
  if (cls.name === undefined || !config.ingress.nginxClasses.includes(cls.name)) return undefined;
  if (!hasAnnotationPrefix(object, NGINX_PREFIX) && usesF5Annotations(object)) return undefined;
  return cls.node;
}

export { CLASS_ANNOTATION };

// ---------------------------------------------------------------- annotation risk (annotations-risk.md)

/** Critical risk: rejected unless `annotations-risk-level: Critical`. */
export const CRITICAL_RISK_ANNOTATIONS = ['configuration-snippet', 'server-snippet', 'auth-snippet', 'stream-snippet', 'modsecurity-snippet'] as const;

/** High risk: rejected when `annotations-risk-level` is below High (the default is High). */
export const HIGH_RISK_ANNOTATIONS = [
  'server-alias',
  'auth-tls-error-page',
  'auth-tls-match-cn',
  'auth-signin',
  'auth-url',
  'mirror-host',
  'mirror-target',
  'modsecurity-transaction-id',
  'proxy-ssl-name',
  'upstream-hash-by',
] as const;

/** A snippet annotation: any `nginx.ingress.kubernetes.io/` key containing "snippet" (as Checkov matches). */
export function isSnippetKey(key: string): boolean {
  return key.startsWith(NGINX_PREFIX) && key.includes('snippet', NGINX_PREFIX.length);
}

/** Patterns that make a snippet dangerous (CVE-2021-25742 and its follow-ups). Linear-time. */
export const DANGEROUS_SNIPPET_PATTERNS: ReadonlyArray<{ re: RegExp; label: string }> = [
  // Checkov's BAD_INJECTION_PATTERN: Lua directives and kubernetes.io paths.
  { re: /\blua_|_lua\b|_lua_/, label: 'a Lua directive' },
  { re: /\bkubernetes\.io\b/, label: 'a kubernetes.io path' },
  // CKV_K8S_154: `alias` serves arbitrary files of the controller's filesystem.
  { re: /\balias\b/, label: 'the alias directive (serves any file of the controller)' },
  { re: /\bload_module\b/, label: 'load_module (loads code into nginx)' },
  { re: /\bssl_engine\b/, label: 'ssl_engine (loads a crypto engine library)' },
  { re: /\/var\/run\/secrets|serviceaccount\/token/, label: "the controller's ServiceAccount token path" },
];

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /\w/.test(c);
}

/** The first dangerous pattern in a snippet (widened to the whole directive word), with its position in `text`. */
export function dangerousSnippetMatch(text: string): { index: number; length: number; labels: string[] } | undefined {
  let first: { index: number; length: number } | undefined;
  const labels: string[] = [];
  for (const { re, label } of DANGEROUS_SNIPPET_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    labels.push(label);
    if (!first || m.index < first.index) first = { index: m.index, length: m[0].length };
  }
  if (!first) return undefined;
  // `content_by_lua_block`, not just `_lua_`.
  let start = first.index;
  let end = first.index + first.length;
  if (isWordChar(text[start])) while (isWordChar(text[start - 1])) start--;
  if (isWordChar(text[end - 1])) while (isWordChar(text[end])) end++;
  return { index: start, length: end - start, labels };
}

// ---------------------------------------------------------------- controller image and versions

export interface ImageRef {
  /** Everything before the tag and digest (registry and repository). */
  name: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Splits `registry/repo:tag@sha256:…` without regular expressions. */
export function parseImage(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

/** Repositories of the ingress-nginx controller image (any registry or mirror keeps the path). */
const CONTROLLER_REPOS = [
  'ingress-nginx/controller',
  'ingress-nginx/controller-chroot',
  'kubernetes-ingress-controller/nginx-ingress-controller',
  'bitnami/nginx-ingress-controller',
];

export function isControllerImage(image: string): boolean {
  const { name } = parseImage(image);
  return CONTROLLER_REPOS.some((repo) => name === repo || name.endsWith(`/${repo}`));
}

/** The official repositories, whose tags are the upstream release tags (the others cannot be bumped to them). */
export function isOfficialControllerImage(image: string): boolean {
  const { name } = parseImage(image);
  return /(^|\/)ingress-nginx\/controller(-chroot)?$/.test(name);
}

export type Version = [major: number, minor: number, patch: number, prerelease: string];

/** `v1.12.0`, `1.12.0-beta.0`, `1.11.2-debian-12-r3` (Bitnami: the build suffix is not a prerelease). */
export function parseVersion(tag: string | undefined): Version | undefined {
  if (!tag) return undefined;
  const m = /^v?(\d{1,4})\.(\d{1,4})\.(\d{1,4})(?:-(alpha|beta|rc)[.\d]{0,12})?/.exec(tag);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ? tag.slice(tag.indexOf('-') + 1) : ''];
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  // A prerelease comes before its release.
  if (a[3] === b[3]) return 0;
  if (a[3] === '') return 1;
  if (b[3] === '') return -1;
  return a[3] < b[3] ? -1 : 1;
}

export function formatVersion(v: Version): string {
  return `${v[0]}.${v[1]}.${v[2]}${v[3] ? `-${v[3]}` : ''}`;
}

export interface Advisory {
  ids: readonly string[];
  what: string;
  url: string;
  /** First fixed release of each minor line that got a fix, ascending. */
  fixed: readonly string[];
  /**
   * Minor lines below this one were not assessed by the advisory (their status
   * is unknown to us); otherwise every line older than the fixed ones is affected.
   */
  assessedFrom?: readonly [number, number];
}

/**
 * Advisories that affect released controller versions, from the Kubernetes
 * security announcements (kubernetes/kubernetes issues). Every version before
 * the first fixed line is affected; lines after the last fixed one are not.
 */
export const ADVISORIES: readonly Advisory[] = [
  {
    ids: ['CVE-2025-1974', 'CVE-2025-1097', 'CVE-2025-1098', 'CVE-2025-24514', 'CVE-2025-24513'],
    what: 'IngressNightmare: unauthenticated remote code execution through the admission webhook, and configuration injection through annotations',
    url: 'https://github.com/kubernetes/kubernetes/issues/131009',
    fixed: ['1.11.5', '1.12.1'],
  },
  {
    ids: ['CVE-2025-15566'],
    what: 'configuration injection through auth-proxy-set-headers',
    url: 'https://github.com/kubernetes/kubernetes/issues/136789',
    fixed: ['1.12.5', '1.13.1'],
  },
  {
    ids: ['CVE-2026-24512', 'CVE-2026-1580'],
    what: 'configuration injection through rules.http.paths.path',
    url: 'https://github.com/kubernetes/kubernetes/issues/136678',
    fixed: ['1.13.7', '1.14.3'],
  },
  {
    ids: ['CVE-2026-3288'],
    what: 'configuration injection through rewrite-target',
    url: 'https://github.com/kubernetes/kubernetes/issues/137560',
    fixed: ['1.14.4', '1.15.0'],
    assessedFrom: [1, 14],
  },
  {
    ids: ['CVE-2026-4342'],
    what: 'comment-based configuration injection through a combination of annotations',
    url: 'https://github.com/kubernetes/kubernetes/issues/137893',
    fixed: ['1.13.9', '1.14.5', '1.15.1'],
  },
];

export function affects(advisory: Advisory, version: Version): boolean {
  const fixed = advisory.fixed.map((f) => parseVersion(f)!);
  if (advisory.assessedFrom) {
    const [maj, min] = advisory.assessedFrom;
    if (version[0] < maj || (version[0] === maj && version[1] < min)) return false;
  }
  const sameLine = fixed.find((f) => f[0] === version[0] && f[1] === version[1]);
  if (sameLine) return compareVersions(version, sameLine) < 0;
  const newest = fixed[fixed.length - 1]!;
  // A line newer than every fixed one was released with the fix; an older line never got one.
  return compareVersions(version, newest) < 0;
}

export function advisoriesFor(version: Version): Advisory[] {
  return ADVISORIES.filter((a) => affects(a, version));
}

/**
 * The first release that no advisory affects, preferring the same minor
 * line; undefined when there is none newer than `version`.
 */
export function minimumFixedVersion(version: Version): Version | undefined {
  const candidates = [...new Set(ADVISORIES.flatMap((a) => a.fixed))]
    .map((f) => parseVersion(f)!)
    .filter((c) => compareVersions(c, version) > 0 && advisoriesFor(c).length === 0)
    .sort(compareVersions);
  return candidates.find((c) => c[0] === version[0] && c[1] === version[1]) ?? candidates[0];
}

// ---------------------------------------------------------------- controller objects

function labelOf(object: K8sObject, key: string): string | undefined {
  return object.metadata?.get('labels')?.get(key)?.str;
}

/** The controller's ConfigMap (static manifests, the Helm chart, the legacy `nginx-configuration`). */
export function isControllerConfigMap(object: K8sObject): boolean {
  if (object.kind !== 'ConfigMap') return false;
  const name = object.name ?? '';
  if (/-(tcp|udp)$/.test(name)) return false;
  if (name === 'ingress-nginx-controller' || name === 'nginx-configuration' || name.endsWith('-ingress-nginx-controller')) return true;
  return labelOf(object, 'app.kubernetes.io/name') === 'ingress-nginx' && (labelOf(object, 'app.kubernetes.io/component') ?? 'controller') === 'controller';
}

/** A label selector (map) that picks the controller pods. */
export function selectsController(selector: YNode | undefined): boolean {
  if (!selector?.isMap) return false;
  const get = (k: string) => selector.get(k)?.str;
  const component = get('app.kubernetes.io/component');
  if (get('app.kubernetes.io/name') === 'ingress-nginx') return component === undefined || component === 'controller';
  const app = get('app');
  return app === 'ingress-nginx' || app === 'nginx-ingress';
}

/** Annotations map of an object, for edits (undefined when absent). */
export { annotationsOf };
