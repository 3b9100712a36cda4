/**
 * Ingress → Gateway API, as ingress-nginx (and NGINX Inc.'s controller, for
 * `nginx.org/*`) serves the Ingress. Pure: plain objects in (as YAML parses
 * them), plain objects and notes out; no editor, LSP or Node API.
 *
 * What it produces, and why (docs/migrate-ingress.md says it for users):
 * - One HTTPRoute per host (`<ingress>-<host>`, hosts as `hostnames`), as
 *   ingress2gateway names them. Prefix → PathPrefix and Exact → Exact have
 *   the same meaning in both APIs. ImplementationSpecific is a plain nginx
 *   prefix location (a string prefix: `/api` also matches `/apix`); it
 *   becomes PathPrefix (whole segments) and a note says what changes, unless
 *   the path ends with `/` (then both agree). With `use-regex` (or
 *   `rewrite-target`, which turns it on) ingress-nginx matches every path of
 *   the host as a case-insensitive regex anchored at the start only: it
 *   becomes `RegularExpression` `(?i)<path>.*`.
 * - `spec.defaultBackend` is a catch-all rule (no match) in each host's
 *   route, and a route without hostnames on a listener without hostname for
 *   the requests no rule host takes.
 * - A Gateway: an existing one of the workspace (by class or name; the
 *   caller asks the user when several fit), else a new one named after the
 *   Ingress class: one HTTPS listener per TLS host (`certificateRefs` from
 *   `tls[].secretName`; a ReferenceGrant when the Gateway lives in another
 *   namespace than the Secrets), and HTTP listeners. When a host has TLS its
 *   routes bind to the HTTPS listener and its HTTP listener's only route
 *   redirects to HTTPS (308, ingress-nginx's `ssl-redirect` default), even
 *   when the Ingress turned that redirect off (a note says so).
 * - GRPCRoute for gRPC backends, TLSRoute on a Passthrough listener for
 *   `ssl-passthrough`, BackendTLSPolicy for HTTPS backends.
 * - Every annotation is converted or listed in `notes` with what to do
 *   instead; nothing is dropped silently.
 */
import { hostnameCovers } from './gateway';
import { NGINX_PREFIX } from './ingress';

export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
const NGINX_ORG = 'nginx.org/';

type Obj = Record<string, unknown>;
/** The YAML value types the emitter writes. */
export type Out = string | number | boolean | null | Out[] | { [key: string]: Out | undefined };
export type OutObject = { [key: string]: Out | undefined };

const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** A Gateway of the workspace the routes may attach to. */
export interface GatewayCandidate {
  name: string;
  namespace?: string;
  gatewayClassName?: string;
  listeners: Array<{ name: string; protocol?: string; port?: number; hostname?: string; tlsMode?: string }>;
}

/** A Service of the workspace, to turn named ports into numbers. */
export interface ServiceInfo {
  name: string;
  namespace?: string;
  ports: Array<{ name?: string; port: number; appProtocol?: string }>;
}

/**
 * How the routing differs from ingress-nginx's, for the equivalence check:
 * `segment-prefix` (an ImplementationSpecific path now matches whole segments),
 * `https-redirect` (plain HTTP now redirects where it was served),
 * `case-sensitive` (a case-insensitive regex path became a PathPrefix, for a rewrite),
 * `not-routed` (part of the Ingress is not converted at all).
 */
export type RoutingChange = 'segment-prefix' | 'https-redirect' | 'case-sensitive' | 'not-routed';

export interface MigrationNote {
  /** The annotation (full key) or field the note is about. */
  subject: string;
  /** converted: done (possibly with a caveat); manual: not converted, do `remedy` yourself. */
  status: 'converted' | 'manual';
  /** One sentence: what happened. */
  message: string;
  /** What to do instead, for `manual` notes. */
  remedy?: string;
  change?: RoutingChange;
}

export interface MigrationOptions {
  /** The other Ingresses of the file or workspace (canaries of this one are folded into its routes). */
  ingresses?: readonly unknown[];
  /** Gateways of the workspace. */
  gateways?: readonly GatewayCandidate[];
  /** The Gateway the user chose (name, namespace) among several. */
  gateway?: { name: string; namespace?: string };
  /** Always create a new Gateway, even when one fits. */
  newGateway?: boolean;
  /** Namespace of a new Gateway (default: the Ingress's). */
  gatewayNamespace?: string;
  /** gatewayClassName of a new Gateway (default: the Ingress class). */
  gatewayClassName?: string;
  services?: readonly ServiceInfo[];
  /** Gateways (`namespace/name`) the caller can add listeners to (those of the same file). */
  editableGateways?: ReadonlySet<string>;
  /** Names already taken (kind/namespace/name) in the file or workspace. */
  taken?: ReadonlySet<string>;
}

export type MigrationResult =
  | {
      ok: true;
      /** New objects, in output order (Gateway first when created). */
      objects: OutObject[];
      notes: MigrationNote[];
      gateway: { name: string; namespace: string | undefined; created: boolean; addListeners: OutObject[] };
      /** Canary Ingresses folded into these routes (names), which can go with this one. */
      canaries: string[];
    }
  | { ok: false; error: string; candidates?: GatewayCandidate[] };

/** One backend, as the Ingress names it. */
interface Backend {
  service: string;
  port: number | string | undefined;
  resource?: boolean;
}

interface PathRule {
  host: string | undefined;
  path: string;
  pathType: string;
  backend: Backend;
}

export function ingressBackend(value: unknown): Backend | undefined {
  const b = obj(value);
  if (Object.keys(b).length === 0) return undefined;
  if (b.resource) return { service: str(obj(b.resource).name) ?? '', port: undefined, resource: true };
  if (b.serviceName !== undefined) {
    const p = b.servicePort;
    return { service: str(b.serviceName) ?? '', port: typeof p === 'number' ? p : /^\d+$/.test(str(p) ?? '') ? Number(p) : str(p) };
  }
  const svc = obj(b.service);
  const port = obj(svc.port);
  return { service: str(svc.name) ?? '', port: typeof port.number === 'number' ? port.number : str(port.name) };
}

/** The Ingress's HTTP paths (v1 and v1beta1), with hosts. */
export function ingressPaths(ingress: unknown): PathRule[] {
  const spec = obj(obj(ingress).spec);
  const out: PathRule[] = [];
  for (const rule of arr(spec.rules)) {
    const r = obj(rule);
    const host = str(r.host) || undefined;
    for (const p of arr(obj(r.http).paths)) {
      const path = obj(p);
      const backend = ingressBackend(path.backend);
      if (!backend) continue;
      out.push({ host, path: str(path.path) || '/', pathType: str(path.pathType) ?? 'ImplementationSpecific', backend });
    }
  }
  return out;
}

export function ingressDefaultBackend(ingress: unknown): Backend | undefined {
  const spec = obj(obj(ingress).spec);
  return ingressBackend(spec.defaultBackend ?? spec.backend);
}

export function ingressClassName(ingress: unknown): string | undefined {
  const o = obj(ingress);
  return str(obj(o.spec).ingressClassName) ?? str(obj(obj(o.metadata).annotations)['kubernetes.io/ingress.class']);
}

export function annotationsOfIngress(ingress: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(obj(obj(ingress).metadata).annotations))) out[k] = str(v) ?? '';
  return out;
}

/** A hostname as Kubernetes and the Gateway API accept it (optionally `*.`-prefixed). */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const truthy = (v: string | undefined) => v !== undefined && /^(true|yes|on|1)$/i.test(v.trim());
const falsy = (v: string | undefined) => v !== undefined && /^(false|no|off|0)$/i.test(v.trim());

/** `foo.example.com` → `foo-example-com`, `*.example.com` → `wildcard-example-com` (ingress2gateway's names). */
export function hostSlug(host: string | undefined): string {
  if (!host) return 'all-hosts';
  return host.replace(/^\*/, 'wildcard').replace(/\./g, '-').toLowerCase();
}

/** A DNS-1123 name from parts, at most 253 characters. */
function dnsName(...parts: string[]): string {
  const name = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+/, '')
    .slice(0, 253);
  return trimEnd(name, '-.');
}

/** `s` without the trailing characters in `chars` (a loop: a `[…]+$` regex is quadratic on long runs). */
function trimEnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** True when ingress-nginx matches the host's paths as regexes (`use-regex`, or `rewrite-target` which implies it). */
export function usesRegex(annotations: Record<string, string>): boolean {
  return truthy(annotations[`${NGINX_PREFIX}use-regex`]) || annotations[`${NGINX_PREFIX}rewrite-target`] !== undefined;
}

/** A Gateway API path match for an Ingress path, as ingress-nginx reads it. */
export function pathMatch(
  path: string,
  pathType: string,
  regex: boolean,
): { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string; change?: RoutingChange } {
  if (pathType === 'Exact') return { type: 'Exact', value: path };
  if (regex) return { type: 'RegularExpression', value: `(?i)${path}.*` };
  if (pathType === 'Prefix') return { type: 'PathPrefix', value: path.length > 1 ? trimEnd(path, '/') || '/' : path };
  // ImplementationSpecific: an nginx prefix location (a string prefix).
  if (path.endsWith('/')) return { type: 'PathPrefix', value: path.length > 1 ? trimEnd(path, '/') + '/' : '/' };
  return { type: 'PathPrefix', value: path, change: 'segment-prefix' };
}

// --------------------------------------------------------------------------- annotations

/** What ingress-nginx annotations the converter reads, and what it says about the rest. */
const NGINX_LISTED: Record<string, string> = {
  'auth-url': "Use your Gateway implementation's external-auth policy, or the experimental HTTPRoute ExternalAuth filter.",
  'auth-signin': "Use your Gateway implementation's external-auth policy (its sign-in redirect).",
  'auth-method': "Use your Gateway implementation's external-auth policy.",
  'auth-response-headers': "Use your Gateway implementation's external-auth policy (headers to copy).",
  'auth-request-redirect': "Use your Gateway implementation's external-auth policy.",
  'auth-cache-key': "Use your Gateway implementation's external-auth policy.",
  'auth-type': "Use your Gateway implementation's basic-auth or OIDC policy; the API has no authentication.",
  'auth-secret': "Use your Gateway implementation's basic-auth policy with this Secret.",
  'auth-secret-type': "Use your Gateway implementation's basic-auth policy.",
  'auth-realm': "Use your Gateway implementation's basic-auth policy.",
  'auth-tls-secret': 'Set frontend client-certificate validation on the Gateway (spec.tls.frontend) with this CA.',
  'auth-tls-verify-client': 'Set frontend client-certificate validation on the Gateway (spec.tls.frontend).',
  'auth-tls-verify-depth': "Use your Gateway implementation's client-certificate policy.",
  'auth-tls-pass-certificate-to-upstream': "Use your Gateway implementation's client-certificate policy.",
  'auth-tls-error-page': "Use your Gateway implementation's client-certificate policy.",
  'limit-rps':
    "Use your Gateway implementation's rate-limit policy; ingress-nginx counted per client IP and per replica, most policies count per client or globally: choose.",
  'limit-rpm':
    "Use your Gateway implementation's rate-limit policy; ingress-nginx counted per client IP and per replica, most policies count per client or globally: choose.",
  'limit-connections': "Use your Gateway implementation's connection-limit policy (per client IP in ingress-nginx).",
  'limit-burst-multiplier': "Use your Gateway implementation's rate-limit policy (burst).",
  'limit-whitelist': "Use your Gateway implementation's rate-limit policy (exempt ranges).",
  'limit-allowlist': "Use your Gateway implementation's rate-limit policy (exempt ranges).",
  'limit-rate': "Use your Gateway implementation's bandwidth policy.",
  'limit-rate-after': "Use your Gateway implementation's bandwidth policy.",
  'whitelist-source-range':
    "The API cannot match client addresses: restrict them with your Gateway implementation's authorization policy (client CIDRs) before switching traffic, or the backend becomes reachable from anywhere.",
  'allowlist-source-range':
    "The API cannot match client addresses: restrict them with your Gateway implementation's authorization policy (client CIDRs) before switching traffic, or the backend becomes reachable from anywhere.",
  'denylist-source-range': "The API cannot match client addresses: deny them with your Gateway implementation's authorization policy (client CIDRs).",
  'proxy-body-size': "The API has no body-size limit: set it in your Gateway implementation's traffic policy.",
  'client-body-buffer-size': "Set it in your Gateway implementation's traffic policy.",
  'proxy-connect-timeout': "The API has request and backendRequest timeouts only: set connect timeouts in your implementation's backend policy.",
  'proxy-read-timeout':
    "The API bounds whole requests, not reads: set rules[].timeouts.backendRequest to an upper bound, or use your implementation's backend policy.",
  'proxy-send-timeout':
    "The API bounds whole requests, not writes: set rules[].timeouts.backendRequest to an upper bound, or use your implementation's backend policy.",
  'proxy-next-upstream': "Use your Gateway implementation's retry policy (or the experimental rules[].retry).",
  'proxy-next-upstream-tries': "Use your Gateway implementation's retry policy (or the experimental rules[].retry).",
  'proxy-next-upstream-timeout': "Use your Gateway implementation's retry policy.",
  'proxy-buffering': "Use your Gateway implementation's traffic policy.",
  'proxy-buffer-size': "Use your Gateway implementation's traffic policy.",
  'proxy-request-buffering': "Use your Gateway implementation's traffic policy.",
  'proxy-http-version': "Use your Gateway implementation's backend policy (or Service appProtocol).",
  'proxy-redirect-from': "Rewrite Location headers in the backend, or with your implementation's policy.",
  'proxy-redirect-to': "Rewrite Location headers in the backend, or with your implementation's policy.",
  'proxy-cookie-domain': "Use your Gateway implementation's policy, or set the cookie domain in the backend.",
  'proxy-cookie-path': "Use your Gateway implementation's policy, or set the cookie path in the backend.",
  affinity: "Use session persistence (experimental rules[].sessionPersistence) or your implementation's load-balancing policy.",
  'affinity-mode': "Use session persistence or your implementation's load-balancing policy.",
  'session-cookie-name': 'Use session persistence (rules[].sessionPersistence.sessionName).',
  'session-cookie-path': "Use session persistence or your implementation's policy.",
  'session-cookie-max-age': 'Use session persistence (absoluteTimeout).',
  'session-cookie-expires': 'Use session persistence (absoluteTimeout).',
  'session-cookie-samesite': "Use your implementation's session policy.",
  'session-cookie-secure': "Use your implementation's session policy.",
  'load-balance': "Use your Gateway implementation's load-balancing policy.",
  'upstream-hash-by': "Use your Gateway implementation's load-balancing policy (consistent hash).",
  'service-upstream': 'Gateway implementations usually route to endpoints; check whether yours can target the Service IP.',
  'custom-http-errors': "Use your Gateway implementation's error-page policy.",
  'default-backend': "Route the errors with your implementation's policy; the API has no error backend.",
  'enable-modsecurity': "Use your Gateway implementation's WAF integration.",
  'enable-owasp-core-rules': "Use your Gateway implementation's WAF integration.",
  'modsecurity-transaction-id': "Use your Gateway implementation's WAF integration.",
  'mirror-target': 'Use the HTTPRoute RequestMirror filter with a backendRef to the mirror Service.',
  'mirror-uri': 'Use the HTTPRoute RequestMirror filter.',
  'mirror-request-body': 'Use the HTTPRoute RequestMirror filter.',
  'ssl-ciphers': "Set ciphers in your Gateway implementation's TLS policy (or listener tls.options).",
  'ssl-prefer-server-ciphers': "Set it in your Gateway implementation's TLS policy.",
  'enable-access-log': "Use your Gateway implementation's telemetry policy.",
  'enable-opentelemetry': "Use your Gateway implementation's telemetry policy.",
  'enable-opentracing': "Use your Gateway implementation's telemetry policy.",
  'server-alias': 'Add the aliases to the HTTPRoute hostnames (and a listener for them).',
  'preserve-trailing-slash': 'PathPrefix matches whole segments; check your redirects.',
  satisfy: "Use your Gateway implementation's auth policies.",
  'global-rate-limit': "Use your Gateway implementation's global rate-limit policy.",
  'global-rate-limit-window': "Use your Gateway implementation's global rate-limit policy.",
  'http2-push-preload': 'No replacement: HTTP/2 push is gone from browsers.',
  'ssl-passthrough': '',
};
for (const key of ['configuration-snippet', 'server-snippet', 'auth-snippet', 'stream-snippet', 'modsecurity-snippet']) {
  NGINX_LISTED[key] =
    "Snippets are raw nginx configuration and are never converted: express each directive with API filters or your implementation's policies.";
}

// --------------------------------------------------------------------------- converter

interface RouteRuleOut {
  matches?: Out[];
  filters?: Out[];
  backendRefs?: Out[];
  timeouts?: Out;
}

export function convertIngress(ingress: unknown, options: MigrationOptions = {}): MigrationResult {
  const ing = obj(ingress);
  const meta = obj(ing.metadata);
  const name = str(meta.name);
  const namespace = str(meta.namespace);
  if (str(ing.kind) !== 'Ingress' || !name) return { ok: false, error: 'This is not an Ingress with a name.' };
  const ann = annotationsOfIngress(ing);
  const a = (k: string) => ann[`${NGINX_PREFIX}${k}`];
  const o = (k: string) => ann[`${NGINX_ORG}${k}`];
  if (truthy(a('canary'))) return { ok: false, error: `Ingress "${name}" is a canary: migrate its main Ingress, which takes its canary rules along.` };

  const paths = ingressPaths(ing);
  const defaultBackend = ingressDefaultBackend(ing);
  if (paths.length === 0 && !defaultBackend) return { ok: false, error: `Ingress "${name}" routes nothing (no path with a backend, no default backend).` };
  for (const host of [...paths.map((p) => p.host), ...arr(obj(ing.spec).tls).flatMap((t) => arr(obj(t).hosts).map(str))]) {
    if (host !== undefined && !HOSTNAME.test(host)) return { ok: false, error: `Host "${host}" is not a valid hostname: fix the Ingress first.` };
  }

  const notes: MigrationNote[] = [];
  const used = new Set<string>();
  const note = (subject: string, n: Omit<MigrationNote, 'subject'>) => {
    notes.push({ subject, ...n });
    used.add(subject);
  };
  const done = (key: string, message: string, change?: RoutingChange) => note(key, { status: 'converted', message, ...(change ? { change } : {}) });
  const manual = (key: string, message: string, remedy: string, change?: RoutingChange) =>
    note(key, { status: 'manual', message, remedy, ...(change ? { change } : {}) });

  const regex = usesRegex(ann) || (o('path-regex') !== undefined && o('path-regex') !== 'exact');
  // No class: ingress-nginx's default class serves it.
  const className = ingressClassName(ing) ?? 'nginx';
  const tls = arr(obj(ing.spec).tls).map((t) => ({
    hosts: arr(obj(t).hosts)
      .map(str)
      .filter((h): h is string => Boolean(h)),
    secretName: str(obj(t).secretName),
  }));
  const tlsSecretFor = (host: string | undefined): string | undefined | null => {
    if (host === undefined) return null;
    for (const t of tls) if (t.hosts.some((h) => hostnameCovers(h, host))) return t.secretName;
    return null;
  };

  // ---- backends: ports, protocols
  const services = options.services ?? [];
  const portOf = (b: Backend): number | undefined => {
    if (typeof b.port === 'number') return b.port;
    const svc = services.find((s) => s.name === b.service && (s.namespace ?? namespace) === namespace);
    return svc?.ports.find((p) => p.name === b.port)?.port;
  };
  const backendRef = (b: Backend, weight?: number): OutObject => {
    const port = portOf(b);
    if (port === undefined && !b.resource) {
      manual(
        `backend ${b.service}:${b.port ?? ''}`,
        `Service "${b.service}" port "${b.port ?? ''}" is a name Kubeward could not resolve; the route uses port 0.`,
        'Replace port 0 with the Service port number.',
      );
    }
    return { name: b.service, port: port ?? 0, ...(weight !== undefined ? { weight } : {}) };
  };

  const backendProtocol = (a('backend-protocol') ?? '').toUpperCase();
  const grpcServices = new Set(
    (o('grpc-services') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const sslServices = new Set(
    (o('ssl-services') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const isGrpc = (b: Backend) => backendProtocol === 'GRPC' || backendProtocol === 'GRPCS' || grpcServices.has(b.service);
  const isTlsBackend = (b: Backend) => backendProtocol === 'HTTPS' || backendProtocol === 'GRPCS' || sslServices.has(b.service);

  // ---- canaries of this Ingress (same host and path)
  const canaries = (options.ingresses ?? [])
    .map(obj)
    .filter(
      (c) => c !== ing && str(c.kind) === 'Ingress' && str(obj(c.metadata).namespace) === namespace && truthy(annotationsOfIngress(c)[`${NGINX_PREFIX}canary`]),
    );
  const canaryNames: string[] = [];
  const canaryFor = (host: string | undefined, path: string): { ann: Record<string, string>; backend: Backend; name: string } | undefined => {
    for (const c of canaries) {
      const hit = ingressPaths(c).find((p) => p.host === host && p.path === path);
      if (hit) {
        const cname = str(obj(c.metadata).name) ?? '';
        if (!canaryNames.includes(cname)) canaryNames.push(cname);
        return { ann: annotationsOfIngress(c), backend: hit.backend, name: cname };
      }
    }
    return undefined;
  };

  // ---- filters common to every forwarding rule
  const requestHeaders: Array<{ name: string; value: string }> = [];
  const responseSet: Array<{ name: string; value: string }> = [];
  const responseRemove: string[] = [];
  let hostRewrite: string | undefined;
  if (a('upstream-vhost') !== undefined) {
    hostRewrite = a('upstream-vhost');
    done(`${NGINX_PREFIX}upstream-vhost`, 'Converted to a URLRewrite filter setting the hostname.');
  }
  if (a('x-forwarded-prefix') !== undefined) {
    requestHeaders.push({ name: 'X-Forwarded-Prefix', value: a('x-forwarded-prefix')! });
    done(`${NGINX_PREFIX}x-forwarded-prefix`, 'Converted to a RequestHeaderModifier filter setting X-Forwarded-Prefix.');
  }
  if (a('connection-proxy-header') !== undefined) {
    requestHeaders.push({ name: 'Connection', value: a('connection-proxy-header')! });
    done(`${NGINX_PREFIX}connection-proxy-header`, 'Converted to a RequestHeaderModifier filter setting Connection.');
  }
  if (o('proxy-set-headers') !== undefined) {
    for (const part of o('proxy-set-headers')!.split(',')) {
      const [h, ...v] = part.split(':');
      if (h?.trim() && v.join(':').trim()) requestHeaders.push({ name: h.trim(), value: v.join(':').trim() });
    }
    done(`${NGINX_ORG}proxy-set-headers`, 'Converted to a RequestHeaderModifier filter.');
  }
  if (o('proxy-hide-headers') !== undefined) {
    responseRemove.push(
      ...o('proxy-hide-headers')!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    done(`${NGINX_ORG}proxy-hide-headers`, 'Converted to a ResponseHeaderModifier filter removing the headers.');
  }
  if (truthy(o('hsts'))) {
    const maxAge = o('hsts-max-age') ?? '2592000';
    const sub = o('hsts-include-subdomains') === undefined || truthy(o('hsts-include-subdomains'));
    responseSet.push({ name: 'Strict-Transport-Security', value: `max-age=${maxAge}${sub ? '; includeSubDomains' : ''}` });
    for (const k of ['hsts', 'hsts-max-age', 'hsts-include-subdomains'])
      if (o(k) !== undefined) done(`${NGINX_ORG}${k}`, 'Converted to a ResponseHeaderModifier filter setting Strict-Transport-Security on HTTPS.');
    if (o('hsts-behind-proxy') !== undefined)
      manual(`${NGINX_ORG}hsts-behind-proxy`, 'Not converted.', "Set the header in the proxy in front, or with your implementation's policy.");
  }
  // CORS
  let cors: OutObject | undefined;
  if (truthy(a('enable-cors'))) {
    const list = (v: string | undefined, dflt: string) =>
      (v ?? dflt)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    cors = {
      allowOrigins: list(a('cors-allow-origin'), '*'),
      allowMethods: list(a('cors-allow-methods'), 'GET, PUT, POST, DELETE, PATCH, OPTIONS').map((m) => m.toUpperCase()),
      allowHeaders: list(
        a('cors-allow-headers'),
        'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
      ),
      ...(a('cors-expose-headers') ? { exposeHeaders: list(a('cors-expose-headers'), '') } : {}),
      allowCredentials: a('cors-allow-credentials') === undefined ? true : truthy(a('cors-allow-credentials')),
      maxAge: Number(a('cors-max-age') ?? 1728000),
    };
    if (cors.allowCredentials && (cors.allowOrigins as string[]).includes('*')) cors.allowCredentials = false;
    for (const k of [
      'enable-cors',
      'cors-allow-origin',
      'cors-allow-methods',
      'cors-allow-headers',
      'cors-expose-headers',
      'cors-allow-credentials',
      'cors-max-age',
    ]) {
      if (a(k) !== undefined) done(`${NGINX_PREFIX}${k}`, 'Converted to the CORS filter.');
    }
    if (
      cors.allowCredentials === false &&
      (a('cors-allow-credentials') === undefined || truthy(a('cors-allow-credentials'))) &&
      (cors.allowOrigins as string[]).includes('*')
    ) {
      manual(
        `${NGINX_PREFIX}cors-allow-credentials`,
        'Credentials are not allowed with the wildcard origin (browsers refuse it, and it would let any site read responses).',
        'List the origins that may send credentials.',
      );
    }
  }
  // Rewrites
  const rewriteTarget = a('rewrite-target');
  const nginxRewrites = new Map<string, string>();
  for (const part of (o('rewrites') ?? '').split(';')) {
    const m = /serviceName=(\S+)\s+rewrite=(\S+)/.exec(part.trim());
    if (m) nginxRewrites.set(m[1]!, m[2]!);
  }
  if (o('rewrites') !== undefined) done(`${NGINX_ORG}rewrites`, 'Converted to URLRewrite filters (ReplacePrefixMatch).');

  const rewriteFor = (p: PathRule, match: { type: string; value: string }): OutObject | undefined | null => {
    const nr = nginxRewrites.get(p.backend.service);
    if (nr !== undefined) return { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: nr } } };
    if (rewriteTarget === undefined) return undefined;
    if (!/\$\d/.test(rewriteTarget)) return { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: rewriteTarget } } };
    // The common form: `/foo(/|$)(.*)` → `/$2` strips the prefix.
    const m = /^(\/[^()[\]*+?.\\^$|{}]*?)\/?\(\/\|\$\)\(\.\*\)$/.exec(p.path);
    const t = /^(\/[^$]*?)\/?\$2$/.exec(rewriteTarget);
    if (m && t && match.type === 'RegularExpression')
      return { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: t[1] || '/' } }, __prefix: m[1] || '/' } as OutObject;
    return null;
  };

  // ---- redirects (whole Ingress)
  let redirect: OutObject | undefined;
  const permanent = a('permanent-redirect');
  const temporal = a('temporal-redirect');
  if (permanent !== undefined || temporal !== undefined) {
    const url = permanent ?? temporal!;
    const code = Number(permanent !== undefined ? (a('permanent-redirect-code') ?? 301) : (a('temporal-redirect-code') ?? 302));
    const m = /^(https?):\/\/([^/:?#]+)(?::(\d+))?(\/[^?#]*)?$/.exec(url);
    const key = `${NGINX_PREFIX}${permanent !== undefined ? 'permanent-redirect' : 'temporal-redirect'}`;
    if (m) {
      redirect = {
        type: 'RequestRedirect',
        requestRedirect: {
          scheme: m[1]!,
          hostname: m[2]!,
          ...(m[3] ? { port: Number(m[3]) } : {}),
          path: { type: 'ReplaceFullPath', replaceFullPath: m[4] ?? '/' },
          statusCode: [301, 302, 303, 307, 308].includes(code) ? code : 301,
        },
      };
      done(key, 'Converted to a RequestRedirect filter on every rule.');
      if (a('permanent-redirect-code') !== undefined) done(`${NGINX_PREFIX}permanent-redirect-code`, 'Converted (statusCode).');
      if (a('temporal-redirect-code') !== undefined) done(`${NGINX_PREFIX}temporal-redirect-code`, 'Converted (statusCode).');
    } else
      manual(
        key,
        `The redirect target "${url}" has a query, fragment or variable the API cannot write.`,
        "Write the redirect in your implementation's policy.",
        'not-routed',
      );
  }

  // ---- Gateway
  const gwResult = chooseGateway(name, namespace, className, options);
  if (!gwResult.ok) return gwResult;
  const gw = gwResult.gateway;
  const gwNamespace = gw.namespace ?? namespace;
  const parentBase = (): OutObject => ({ name: gw.name, ...(gwNamespace !== namespace && gwNamespace !== undefined ? { namespace: gwNamespace } : {}) });

  const passthrough = truthy(a('ssl-passthrough'));
  const sslRedirectOff = falsy(a('ssl-redirect')) || falsy(o('ssl-redirect'));
  const forceRedirect = truthy(a('force-ssl-redirect')) || truthy(o('redirect-to-https'));
  if (a('ssl-redirect') !== undefined) {
    if (sslRedirectOff)
      done(
        `${NGINX_PREFIX}ssl-redirect`,
        'Not carried over: HTTP requests to TLS hosts are redirected to HTTPS, as a migration to a secure default.',
        'https-redirect',
      );
    else done(`${NGINX_PREFIX}ssl-redirect`, 'Converted: the HTTP listener only redirects to HTTPS.');
  }
  if (o('ssl-redirect') !== undefined) {
    if (sslRedirectOff)
      done(
        `${NGINX_ORG}ssl-redirect`,
        'Not carried over: HTTP requests to TLS hosts are redirected to HTTPS, as a migration to a secure default.',
        'https-redirect',
      );
    else done(`${NGINX_ORG}ssl-redirect`, 'Converted: the HTTP listener only redirects to HTTPS.');
  }
  if (a('force-ssl-redirect') !== undefined) done(`${NGINX_PREFIX}force-ssl-redirect`, 'Converted: the HTTP listener only redirects to HTTPS.');
  if (o('redirect-to-https') !== undefined) done(`${NGINX_ORG}redirect-to-https`, 'Converted: the HTTP listener only redirects to HTTPS.');
  const redirectCode = 308;

  const hosts: Array<string | undefined> = [];
  for (const p of paths) if (!hosts.includes(p.host)) hosts.push(p.host);
  for (const t of tls) for (const h of t.hosts) if (!hosts.includes(h) && paths.length === 0 && defaultBackend) hosts.push(h);
  if (defaultBackend && !hosts.includes(undefined)) hosts.push(undefined);

  const listenPorts = (o('listen-ports') ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0 && n < 65536);
  const listenPortsSsl = (o('listen-ports-ssl') ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0 && n < 65536);
  if (o('listen-ports') !== undefined) done(`${NGINX_ORG}listen-ports`, 'Converted to HTTP listener ports.');
  if (o('listen-ports-ssl') !== undefined) done(`${NGINX_ORG}listen-ports-ssl`, 'Converted to HTTPS listener ports.');
  const httpPorts = listenPorts.length ? listenPorts : [80];
  const httpsPorts = listenPortsSsl.length ? listenPortsSsl : [443];
  const portSuffix = (port: number, dflt: number, all: number[]) => (all.length === 1 && port === dflt ? '' : `-${port}`);

  const listeners: OutObject[] = [];
  const secrets = new Set<string>();
  const existing = gwResult.existing;
  /** sectionNames of the listeners a route for `host` binds to: https (or all), and http for the redirect. */
  /** Listeners to add to the existing Gateway, when the caller can edit it (same file). */
  const addListeners: OutObject[] = [];
  const extend = Boolean(existing && options.editableGateways?.has(`${existing.namespace ?? namespace ?? ''}/${existing.name}`));
  const listenerName = (base: string): string => {
    const taken = (n: string) => Boolean(existing?.listeners.some((l) => l.name === n)) || addListeners.some((l) => l.name === n);
    let n = base;
    for (let i = 2; taken(n) && !listeners.some((l) => l.name === n); i++) n = `${base}-${i}`;
    return n;
  };
  const pushListener = (l: OutObject) => {
    const target = existing ? addListeners : listeners;
    if (!target.some((x) => x.name === l.name)) target.push(l);
  };
  /** sectionNames of the listeners a route for `host` binds to: https (or all), and http for the redirect. */
  const sectionsFor = (host: string | undefined): { https: string[]; http: string[]; missing: boolean; missingHttp: boolean } => {
    const secret = tlsSecretFor(host);
    const slug = hostSlug(host);
    let http: string[] = [];
    let https: string[] = [];
    if (existing) {
      const fit = (protocol: string) =>
        existing.listeners
          .filter((l) => (l.protocol ?? '').toUpperCase() === protocol && hostnameCovers(l.hostname, host) && (host !== undefined || l.hostname === undefined))
          .map((l) => l.name);
      https = secret !== null ? fit('HTTPS') : [];
      http = fit('HTTP');
      if (!extend) return { https, http, missing: secret !== null && https.length === 0, missingHttp: http.length === 0 };
    }
    if (http.length === 0) {
      for (const port of httpPorts) {
        const ln = listenerName(`${slug}-http${portSuffix(port, 80, httpPorts)}`);
        http.push(ln);
        pushListener({ name: ln, ...(host ? { hostname: host } : {}), port, protocol: 'HTTP', ...crossNsAllowed() });
      }
    }
    if (secret !== null && https.length === 0) {
      for (const port of httpsPorts) {
        const ln = listenerName(`${slug}-https${portSuffix(port, 443, httpsPorts)}`);
        https.push(ln);
        if (secret) secrets.add(secret);
        pushListener({
          name: ln,
          ...(host ? { hostname: host } : {}),
          port,
          protocol: 'HTTPS',
          tls: {
            mode: 'Terminate',
            certificateRefs: [{ kind: 'Secret', name: secret ?? `${slug}-tls`, ...(gwNamespace !== namespace && namespace ? { namespace } : {}) }],
          },
          ...crossNsAllowed(),
        });
      }
    }
    return { https, http, missing: false, missingHttp: false };
  };
  function crossNsAllowed(): OutObject {
    if (gwNamespace === namespace || !namespace) return {};
    return { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } } } };
  }
  for (const t of tls) {
    if (!t.secretName)
      manual(
        'spec.tls',
        `A tls entry for ${t.hosts.join(', ') || 'every host'} names no Secret (ingress-nginx served its default certificate).`,
        'Name the certificate Secret in the HTTPS listener.',
      );
  }

  const objects: OutObject[] = [];
  const routes: OutObject[] = [];
  const extra: OutObject[] = [];
  const routeNames = new Set<string>();
  const freeName = (kind: string, base: string) => {
    let n = dnsName(base);
    for (let i = 2; routeNames.has(`${kind}/${n}`) || options.taken?.has(`${kind}/${namespace ?? ''}/${n}`); i++) n = dnsName(base, String(i));
    routeNames.add(`${kind}/${n}`);
    return n;
  };
  const metaFor = (kind: string, base: string): OutObject => ({ name: freeName(kind, base), ...(namespace ? { namespace } : {}) });

  const segmentChanges: string[] = [];
  const grpcBackends = new Set<string>();
  const tlsBackends = new Map<string, Backend>();
  const redirectedHttp = new Set<string>();

  // ---- ssl-passthrough: TLSRoutes on a Passthrough listener
  if (passthrough) {
    done(
      `${NGINX_PREFIX}ssl-passthrough`,
      'Converted to a TLSRoute on a TLS Passthrough listener; paths are ignored, as ingress-nginx ignores them in passthrough.',
    );
    for (const host of hosts) {
      if (!host) {
        manual('spec.rules', 'A rule without host cannot use TLS passthrough (SNI picks the backend).', 'Give the rule a host.', 'not-routed');
        continue;
      }
      const p = paths.find((x) => x.host === host) ?? (defaultBackend ? { backend: defaultBackend } : undefined);
      if (!p) continue;
      const ln = `${hostSlug(host)}-tls-passthrough`;
      const fitting = existing?.listeners.find(
        (l) => (l.protocol ?? '').toUpperCase() === 'TLS' && l.tlsMode === 'Passthrough' && hostnameCovers(l.hostname, host),
      )?.name;
      if (!fitting && (!existing || extend))
        pushListener({ name: ln, hostname: host, port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' }, ...crossNsAllowed() });
      const section = fitting ?? (!existing || extend ? ln : undefined);
      if (existing && !section)
        manual(
          `Gateway ${gw.name}`,
          `Gateway "${gw.name}" has no TLS Passthrough listener for ${host}.`,
          `Add a listener with protocol TLS, tls.mode Passthrough and hostname ${host}.`,
        );
      routes.push({
        apiVersion: GATEWAY_API_VERSION,
        kind: 'TLSRoute',
        metadata: metaFor('TLSRoute', `${name}-${hostSlug(host)}`),
        spec: {
          parentRefs: [{ ...parentBase(), ...(section ? { sectionName: section } : {}) }],
          hostnames: [host],
          rules: [{ backendRefs: [backendRef(p.backend)] }],
        },
      });
    }
  } else {
    // ---- HTTP(S) and gRPC routes, one per host
    for (const host of hosts) {
      const hostPaths = paths.filter((p) => p.host === host);
      const sections = sectionsFor(host);
      if (sections.missingHttp)
        manual(
          `Gateway ${gw.name}`,
          `Gateway "${gw.name}" has no HTTP listener for ${host ?? 'every host'}.`,
          `Add an HTTP listener for ${host ?? 'every host'}${tlsSecretFor(host) !== null ? ' (its route only redirects to HTTPS)' : ''}.`,
        );
      if (sections.missing)
        manual(
          `Gateway ${gw.name}`,
          `Gateway "${gw.name}" has no HTTPS listener for ${host ?? 'every host'}.`,
          `Add an HTTPS listener for ${host ?? 'every host'} with the certificate Secret "${tlsSecretFor(host) ?? ''}".`,
        );
      const tlsHost = tlsSecretFor(host) !== null && sections.https.length > 0;
      const redirectHttp = tlsHost;
      const bind = tlsHost ? sections.https : sections.http;
      if (forceRedirect && !tlsHost && host !== undefined) {
        manual(
          'spec.tls',
          `${host} has no TLS entry but is forced to HTTPS: TLS ends in front of the controller, and the routes now serve plain HTTP.`,
          'Add an HTTPS listener with a certificate and migrate again, or redirect in the proxy in front.',
          'https-redirect',
        );
      }
      const httpRules: RouteRuleOut[] = [];
      const grpcRules: RouteRuleOut[] = [];
      const forwardFilters = (
        p: PathRule | undefined,
        match: { type: string; value: string } | undefined,
      ): { filters: Out[]; match?: { type: string; value: string } } => {
        const filters: Out[] = [];
        let m = match;
        if (redirect) return { filters: [redirect] };
        if (requestHeaders.length) filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: { set: requestHeaders.map((h) => ({ ...h })) } });
        if (responseSet.length || responseRemove.length) {
          filters.push({
            type: 'ResponseHeaderModifier',
            responseHeaderModifier: {
              ...(responseSet.length && tlsHost ? { set: responseSet.map((h) => ({ ...h })) } : {}),
              ...(responseRemove.length ? { remove: [...responseRemove] } : {}),
            },
          });
          const last = filters[filters.length - 1] as OutObject;
          if (Object.keys(last.responseHeaderModifier as OutObject).length === 0) filters.pop();
        }
        if (cors) filters.push({ type: 'CORS', cors: JSON.parse(JSON.stringify(cors)) as Out });
        if (p && m) {
          const rw = rewriteFor(p, m);
          if (rw === null)
            manual(
              `${NGINX_PREFIX}rewrite-target`,
              `The rewrite of ${p.path} to "${rewriteTarget}" uses regex captures the API cannot write.`,
              "Rewrite in the backend, or with your implementation's regex rewrite policy.",
            );
          else if (rw) {
            const prefix = (rw as Obj).__prefix as string | undefined;
            delete (rw as Obj).__prefix;
            if (prefix) {
              m = { type: 'PathPrefix', value: prefix };
              if (/[a-z]/i.test(prefix) && !used.has('rewrite case')) {
                note('rewrite case', {
                  status: 'converted',
                  message: `${prefix} is now matched case-sensitively: ReplacePrefixMatch needs a PathPrefix, and ingress-nginx matched the regex ignoring case.`,
                  remedy: 'Check no client sends it in another case.',
                  change: 'case-sensitive',
                });
              }
            }
            if (hostRewrite !== undefined) (rw.urlRewrite as OutObject).hostname = hostRewrite;
            filters.push(rw);
          }
        }
        if (hostRewrite !== undefined && !filters.some((f) => (f as OutObject).type === 'URLRewrite'))
          filters.push({ type: 'URLRewrite', urlRewrite: { hostname: hostRewrite } });
        return { filters, match: m };
      };
      const addRule = (p: PathRule | undefined, backend: Backend, match: { type: string; value: string } | undefined) => {
        if (backend.resource) {
          manual(
            'spec.rules',
            `The path ${p?.path ?? '(default)'} goes to a resource backend, which has no Gateway API form.`,
            "Route it to a Service, or use your implementation's backend kind.",
            'not-routed',
          );
          return;
        }
        if (isTlsBackend(backend)) tlsBackends.set(backend.service, backend);
        if (isGrpc(backend)) {
          grpcBackends.add(backend.service);
          const method = grpcMethod(match);
          if (method === null) {
            manual(
              'spec.rules',
              `The gRPC path ${match?.value ?? ''} is not a service or method name.`,
              'Write the GRPCRoute method match yourself.',
              'not-routed',
            );
            return;
          }
          grpcRules.push({ ...(method ? { matches: [{ method }] } : {}), backendRefs: [backendRef(backend)] });
          return;
        }
        const { filters, match: m } = forwardFilters(p, match);
        const matches: Out[] = m ? [{ path: { type: m.type, value: m.value } }] : [];
        const canary = p ? canaryFor(host, p.path) : undefined;
        if (canary && !redirect) {
          const c = canary.ann;
          const ca = (k: string) => c[`${NGINX_PREFIX}${k}`];
          const header = ca('canary-by-header');
          const cookie = ca('canary-by-cookie');
          const withHeaders = (h: OutObject[]): Out[] => (m ? [{ path: { type: m.type, value: m.value }, headers: h }] : [{ headers: h }]);
          if (header) {
            if (ca('canary-by-header-value'))
              httpRules.push({
                matches: withHeaders([{ name: header, value: ca('canary-by-header-value')! }]),
                ...(filters.length ? { filters } : {}),
                backendRefs: [backendRef(canary.backend)],
              });
            else if (ca('canary-by-header-pattern'))
              httpRules.push({
                matches: withHeaders([{ name: header, type: 'RegularExpression', value: ca('canary-by-header-pattern')! }]),
                ...(filters.length ? { filters } : {}),
                backendRefs: [backendRef(canary.backend)],
              });
            else {
              httpRules.push({
                matches: withHeaders([{ name: header, value: 'always' }]),
                ...(filters.length ? { filters } : {}),
                backendRefs: [backendRef(canary.backend)],
              });
              httpRules.push({
                matches: withHeaders([{ name: header, value: 'never' }]),
                ...(filters.length ? { filters } : {}),
                backendRefs: [backendRef(backend)],
              });
            }
          }
          if (cookie) {
            httpRules.push({
              matches: withHeaders([{ name: 'Cookie', type: 'RegularExpression', value: `(^|.*;\\s*)${escapeRegex(cookie)}=always(;.*|$)` }]),
              ...(filters.length ? { filters } : {}),
              backendRefs: [backendRef(canary.backend)],
            });
          }
          const weight = Number(ca('canary-weight') ?? 0);
          const total = Number(ca('canary-weight-total') ?? 100);
          const refs = weight > 0 ? [backendRef(backend, Math.max(total - weight, 0)), backendRef(canary.backend, weight)] : [backendRef(backend)];
          httpRules.push({ ...(matches.length ? { matches } : {}), ...(filters.length ? { filters } : {}), backendRefs: refs });
          for (const k of Object.keys(c)) {
            if (!k.startsWith(`${NGINX_PREFIX}canary`)) continue;
            done(`${k} (${canary.name})`, `Converted from canary Ingress "${canary.name}" to header matches and backend weights.`);
          }
          return;
        }
        httpRules.push({
          ...(matches.length ? { matches } : {}),
          ...(filters.length ? { filters } : {}),
          ...(redirect ? {} : { backendRefs: [backendRef(backend)] }),
        });
      };
      for (const p of hostPaths) {
        const m = pathMatch(p.path, p.pathType, regex);
        if (m.change === 'segment-prefix') segmentChanges.push(p.path);
        addRule(p, p.backend, m);
      }
      const hasRoot = hostPaths.some((p) => !regex && p.pathType !== 'Exact' && (p.path === '/' || p.path === ''));
      if (defaultBackend && !hasRoot) addRule(undefined, defaultBackend, undefined);
      // app-root: `/` redirects to the app's root.
      if (a('app-root') !== undefined && (httpRules.length || grpcRules.length)) {
        httpRules.unshift({
          matches: [{ path: { type: 'Exact', value: '/' } }],
          filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: a('app-root')! }, statusCode: 302 } }],
        });
      }
      const routeName = `${name}-${hostSlug(host)}`;
      const parentRefs = (sections: string[]): Out[] => (sections.length ? sections.map((s) => ({ ...parentBase(), sectionName: s })) : [parentBase()]);
      const hostnames = host ? { hostnames: [host] } : {};
      if (httpRules.length) {
        routes.push({
          apiVersion: GATEWAY_API_VERSION,
          kind: 'HTTPRoute',
          metadata: metaFor('HTTPRoute', routeName),
          spec: { parentRefs: parentRefs(bind), ...hostnames, rules: httpRules as Out[] },
        });
      }
      if (grpcRules.length) {
        routes.push({
          apiVersion: GATEWAY_API_VERSION,
          kind: 'GRPCRoute',
          metadata: metaFor('GRPCRoute', routeName),
          spec: { parentRefs: parentRefs(tlsHost ? sections.https : sections.http), ...hostnames, rules: grpcRules as Out[] },
        });
      }
      if (redirectHttp && sections.http.length) {
        const fresh = sections.http.filter((s) => !redirectedHttp.has(s));
        for (const s of fresh) redirectedHttp.add(s);
        if (fresh.length) {
          routes.push({
            apiVersion: GATEWAY_API_VERSION,
            kind: 'HTTPRoute',
            metadata: metaFor('HTTPRoute', `${routeName}-https-redirect`),
            spec: {
              parentRefs: parentRefs(fresh),
              ...hostnames,
              rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: redirectCode } }] }],
            },
          });
        }
      }
    }
  }
  if (a('app-root') !== undefined) done(`${NGINX_PREFIX}app-root`, 'Converted to an Exact `/` rule redirecting (302) to the app root.');
  if (rewriteTarget !== undefined && !used.has(`${NGINX_PREFIX}rewrite-target`)) done(`${NGINX_PREFIX}rewrite-target`, 'Converted to URLRewrite filters.');
  if (a('use-regex') !== undefined)
    done(`${NGINX_PREFIX}use-regex`, 'Converted: the paths are case-insensitive RegularExpression matches anchored at the start, as ingress-nginx reads them.');
  if (o('path-regex') !== undefined) done(`${NGINX_ORG}path-regex`, 'Converted to RegularExpression path matches.');
  if (segmentChanges.length) {
    note('pathType: ImplementationSpecific', {
      status: 'converted',
      message: `${segmentChanges.join(', ')} became PathPrefix, which matches whole path segments: ingress-nginx also sent ${segmentChanges[0]}x and the like there.`,
      remedy: 'Check nothing relied on the partial-segment match (or write a RegularExpression match).',
      change: 'segment-prefix',
    });
  }

  // ---- backend protocol: gRPC, TLS
  if (a('backend-protocol') !== undefined) {
    if (['HTTP', 'HTTPS', 'GRPC', 'GRPCS'].includes(backendProtocol))
      done(
        `${NGINX_PREFIX}backend-protocol`,
        backendProtocol.startsWith('GRPC')
          ? 'Converted to a GRPCRoute.'
          : backendProtocol === 'HTTPS'
            ? 'Converted to a BackendTLSPolicy.'
            : 'Converted (plain HTTP is the default).',
      );
    else
      manual(
        `${NGINX_PREFIX}backend-protocol`,
        `Backend protocol ${backendProtocol} has no Gateway API form.`,
        "Use your implementation's backend policy.",
        'not-routed',
      );
  }
  if (o('grpc-services') !== undefined) done(`${NGINX_ORG}grpc-services`, 'Converted to a GRPCRoute.');
  if (o('ssl-services') !== undefined) done(`${NGINX_ORG}ssl-services`, 'Converted to a BackendTLSPolicy per Service.');
  const sslName = a('proxy-ssl-name');
  const sslSecret = a('proxy-ssl-secret');
  const verify = a('proxy-ssl-verify');
  for (const b of tlsBackends.values()) {
    const caName = sslSecret ? sslSecret.split('/').pop()! : undefined;
    extra.push({
      apiVersion: GATEWAY_API_VERSION,
      kind: 'BackendTLSPolicy',
      metadata: metaFor('BackendTLSPolicy', `${b.service}-backend-tls`),
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: b.service }],
        validation: {
          ...(caName ? { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: caName }] } : { wellKnownCACertificates: 'System' }),
          hostname: sslName ?? `${b.service}.${namespace ?? 'default'}.svc`,
        },
      },
    });
  }
  if (tlsBackends.size) {
    if (!truthy(verify))
      manual(
        'BackendTLSPolicy',
        'ingress-nginx did not verify the backend certificate; the BackendTLSPolicy does.',
        `Check the backend certificate is valid for the policy hostname${sslSecret ? ` and signed by the CA of ${sslSecret}` : ' and issued by a public CA, or reference your CA in caCertificateRefs'}.`,
      );
    if (sslSecret)
      manual(
        `${NGINX_PREFIX}proxy-ssl-secret`,
        `The CA now comes from ConfigMap "${sslSecret.split('/').pop()}" (key ca.crt), as BackendTLSPolicy reads CAs from ConfigMaps.`,
        `Create that ConfigMap from the ca.crt of Secret ${sslSecret}.`,
      );
    for (const k of ['proxy-ssl-name', 'proxy-ssl-verify'])
      if (a(k) !== undefined) done(`${NGINX_PREFIX}${k}`, 'Converted to the BackendTLSPolicy validation.');
  }
  for (const k of ['proxy-ssl-protocols', 'proxy-ssl-ciphers', 'proxy-ssl-verify-depth', 'proxy-ssl-server-name']) {
    if (a(k) !== undefined && !used.has(`${NGINX_PREFIX}${k}`))
      manual(
        `${NGINX_PREFIX}${k}`,
        'Not converted.',
        k === 'proxy-ssl-server-name' ? 'BackendTLSPolicy always sends the hostname as SNI.' : "Use your Gateway implementation's backend TLS policy.",
      );
  }
  if (!tlsBackends.size)
    for (const k of ['proxy-ssl-name', 'proxy-ssl-verify', 'proxy-ssl-secret'])
      if (a(k) !== undefined && !used.has(`${NGINX_PREFIX}${k}`))
        manual(`${NGINX_PREFIX}${k}`, 'Not converted: the backend is not HTTPS.', 'Set backend-protocol HTTPS, then migrate again.');

  // ---- from-to-www: a route for the other name that redirects
  if (truthy(a('from-to-www-redirect'))) {
    for (const host of hosts) {
      if (!host || host.startsWith('*')) continue;
      const other = host.startsWith('www.') ? host.slice(4) : `www.${host}`;
      const secret = tlsSecretFor(other) ?? tlsSecretFor(host);
      if (!existing || extend) {
        pushListener({ name: `${hostSlug(other)}-http`, hostname: other, port: 80, protocol: 'HTTP', ...crossNsAllowed() });
        if (secret !== null)
          pushListener({
            name: `${hostSlug(other)}-https`,
            hostname: other,
            port: 443,
            protocol: 'HTTPS',
            tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: secret ?? `${hostSlug(other)}-tls` }] },
            ...crossNsAllowed(),
          });
      }
      routes.push({
        apiVersion: GATEWAY_API_VERSION,
        kind: 'HTTPRoute',
        metadata: metaFor('HTTPRoute', `${name}-${hostSlug(other)}-redirect`),
        spec: {
          parentRefs: [parentBase()],
          hostnames: [other],
          rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: host, statusCode: 308 } }] }],
        },
      });
    }
    done(`${NGINX_PREFIX}from-to-www-redirect`, 'Converted to a route for the other name that redirects (308).');
  }

  // ---- every other annotation: listed
  for (const [key] of Object.entries(ann)) {
    if (used.has(key)) continue;
    if (key === 'kubernetes.io/ingress.class') {
      done(key, 'Converted: the Gateway takes the class name.');
      continue;
    }
    if (key.startsWith(NGINX_PREFIX)) {
      const short = key.slice(NGINX_PREFIX.length);
      if (
        [
          'canary',
          'ssl-redirect',
          'use-regex',
          'permanent-redirect-code',
          'temporal-redirect-code',
          'proxy-ssl-secret',
          'proxy-ssl-name',
          'proxy-ssl-verify',
        ].includes(short) &&
        used.has(key)
      )
        continue;
      const remedy = NGINX_LISTED[short];
      if (remedy) manual(key, short.endsWith('snippet') ? 'Snippets are never converted.' : 'Not converted: the Gateway API has no field for it.', remedy);
      else if (short.startsWith('cors-') && !cors) manual(key, 'Not converted: CORS is not enabled (enable-cors).', 'Nothing to do, or add a CORS filter.');
      else manual(key, 'Not converted: Kubeward knows no Gateway API form for it.', "Check what it does, and use your Gateway implementation's policy.");
      continue;
    }
    if (key.startsWith(NGINX_ORG)) {
      manual(key, 'Not converted: the Gateway API has no field for it.', "Use your Gateway implementation's policy.");
      continue;
    }
    if (key === 'kubectl.kubernetes.io/last-applied-configuration') {
      done(key, "Not needed: kubectl's record of the last apply, written again when the new objects are applied.");
      continue;
    }
    manual(
      key,
      'Not converted: an annotation for another tool.',
      'Move it to the new objects if that tool reads them (cert-manager reads Gateways, external-dns reads routes).',
    );
  }

  // ---- the Gateway (new) and grants
  if (!existing) {
    objects.push({
      apiVersion: GATEWAY_API_VERSION,
      kind: 'Gateway',
      metadata: { name: gw.name, ...(gwNamespace ? { namespace: gwNamespace } : {}) },
      spec: { gatewayClassName: options.gatewayClassName ?? className ?? 'nginx', listeners: listeners as Out[] },
    });
  }
  const secretGrant = gwNamespace !== namespace && namespace && secrets.size > 0;
  if (secretGrant) {
    extra.push({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: metaFor('ReferenceGrant', `${gw.name}-certificates`),
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: gwNamespace! }],
        to: [...secrets].sort().map((s) => ({ group: '', kind: 'Secret', name: s })),
      },
    });
  }
  if (existing && gwNamespace !== namespace) {
    note(`Gateway ${gw.name}`, {
      status: 'converted',
      message: `The routes attach to Gateway "${gw.name}" in namespace "${gwNamespace ?? ''}".`,
      remedy: `Check its listeners allow routes from namespace "${namespace ?? ''}" (allowedRoutes).`,
    });
  }
  if (existing && tls.some((t) => t.secretName)) {
    note('spec.tls', {
      status: 'converted',
      message: `Certificates are the existing Gateway's; the Ingress named ${tls
        .map((t) => t.secretName)
        .filter(Boolean)
        .join(', ')}.`,
      remedy: 'Check the Gateway serves a certificate for each host.',
    });
  }
  return {
    ok: true,
    objects: [...objects, ...routes, ...extra],
    notes,
    gateway: { name: gw.name, namespace: gwNamespace, created: !existing, addListeners },
    canaries: canaryNames,
  };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A GRPCRoute method match for a path match: undefined for every method, null when the path names none. */
function grpcMethod(match: { type: string; value: string } | undefined): OutObject | undefined | null {
  if (!match || match.value === '/') return undefined;
  if (match.type === 'RegularExpression') return null;
  const m = /^\/([A-Za-z_][\w.]*)(?:\/([A-Za-z_]\w*)?)?\/?$/.exec(match.value);
  if (!m) return null;
  return { ...(m[2] && match.type === 'Exact' ? { method: m[2] } : {}), service: m[1]! };
}

function chooseGateway(
  ingressName: string,
  namespace: string | undefined,
  className: string | undefined,
  options: MigrationOptions,
):
  | { ok: true; gateway: { name: string; namespace: string | undefined }; existing: GatewayCandidate | undefined }
  | { ok: false; error: string; candidates: GatewayCandidate[] } {
  const all = options.gateways ?? [];
  if (options.gateway) {
    const hit = all.find(
      (g) => g.name === options.gateway!.name && (options.gateway!.namespace === undefined || (g.namespace ?? namespace) === options.gateway!.namespace),
    );
    if (hit) return { ok: true, gateway: { name: hit.name, namespace: hit.namespace ?? namespace }, existing: hit };
    return { ok: false, error: `There is no Gateway "${options.gateway.name}" in the workspace.`, candidates: [...all] };
  }
  const newName = dnsName(className ?? 'gateway');
  const newNs = options.gatewayNamespace ?? namespace;
  if (!options.newGateway && className) {
    const fits = all.filter((g) => g.gatewayClassName === className || g.name === className);
    if (fits.length === 1) return { ok: true, gateway: { name: fits[0]!.name, namespace: fits[0]!.namespace ?? namespace }, existing: fits[0] };
    if (fits.length > 1) {
      const same = fits.filter((g) => g.name === newName && (g.namespace ?? namespace) === newNs);
      if (same.length === 1) return { ok: true, gateway: { name: same[0]!.name, namespace: same[0]!.namespace ?? namespace }, existing: same[0] };
      return { ok: false, error: `Several Gateways fit Ingress "${ingressName}": choose one.`, candidates: fits };
    }
  }
  return { ok: true, gateway: { name: newName, namespace: newNs }, existing: undefined };
}
