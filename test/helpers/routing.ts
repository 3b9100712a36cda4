/**
 * Two small request routers, for the migration's equivalence check: one
 * with ingress-nginx's reading of Ingresses, one with the Gateway API's
 * HTTPRoute rules. Both answer a request with where it goes: a backend
 * (with canary weights), a redirect, or nothing (404).
 *
 * ingress-nginx (as its nginx.tmpl and controller write servers and locations):
 * - Server by host: exact name, then the longest matching `*.` wildcard, then
 *   the default server (rules without host, the Ingress's defaultBackend).
 * - Locations: Exact paths are `location = p`; Prefix `p` is `= p` plus
 *   `p/` (whole segments); ImplementationSpecific is `location p` (a string
 *   prefix); the longest prefix wins. With use-regex (or rewrite-target) on
 *   the Ingress, every non-Exact path is `~* ^p` (case-insensitive, anchored
 *   at the start), tried longest first, and a regex beats any prefix.
 * - No location: the Ingress's defaultBackend, else the controller's 404.
 * - HTTP to a host with a TLS entry redirects (308) to HTTPS unless
 *   `ssl-redirect: "false"`; `force-ssl-redirect` redirects without TLS too.
 *   HTTPS to a host without a TLS entry is served with the controller's
 *   self-signed certificate: no client trusts it, so such requests are left
 *   out of the comparison (`untrusted`).
 * - Canary Ingresses (same host and path): header (value, pattern, or
 *   always/never), then cookie (always), then weight.
 *
 * Gateway API (the HTTPRoute reference's matching and precedence):
 * - Listener: same protocol, the most specific matching hostname.
 * - Routes attached to it (sectionName or the whole Gateway) whose hostnames
 *   match; rules by precedence: Exact path, then RegularExpression (longest
 *   first, as Envoy-based implementations order them; the API leaves it to
 *   implementations), then the longest PathPrefix, then the most header
 *   matches; ties keep route and rule order.
 */
import { ingressPaths, ingressDefaultBackend, annotationsOfIngress, usesRegex, type OutObject } from '../../shared-rules/src/index';

type Any = Record<string, any>;

export interface Request {
  scheme: 'http' | 'https';
  host: string;
  path: string;
  headers: Record<string, string>;
}

export type Outcome =
  { kind: 'backend'; backends: Record<string, number> } | { kind: 'redirect'; location: string; code: number } | { kind: 'none' } | { kind: 'untrusted' };

/** Why ingress-nginx routed a request where it did (for classifying differences). */
export interface NginxTrace {
  /** The request took an ImplementationSpecific string-prefix match that is not a whole-segment one. */
  partialSegment?: boolean;
  /** A regex location matched only when ignoring case. */
  caseInsensitive?: boolean;
  /** The HTTP request was served because ssl-redirect is off, or redirected by force-ssl-redirect without TLS. */
  httpPolicy?: boolean;
}

const NGX = 'nginx.ingress.kubernetes.io/';

function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  return p.startsWith('*.') && h.endsWith(p.slice(1)) && !h.slice(0, h.length - p.length + 1).includes('.');
}

/** Specificity of a host pattern matching a host: exact beats wildcards, longer wildcards beat shorter. */
function hostRank(pattern: string | undefined): number {
  if (pattern === undefined) return 0;
  return pattern.startsWith('*.') ? 1 + pattern.length : 10_000;
}

function serviceKey(b: { service: string; port: number | string | undefined }, services: Any[]): string {
  let port = b.port;
  if (typeof port === 'string') port = services.find((s) => s.metadata?.name === b.service)?.spec?.ports?.find((p: Any) => p.name === port)?.port ?? port;
  return `${b.service}:${port}`;
}

function one(key: string): Outcome {
  return { kind: 'backend', backends: { [key]: 1 } };
}

function weighted(entries: Array<[string, number]>): Outcome {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const backends: Record<string, number> = {};
  for (const [k, w] of entries) if (w > 0) backends[k] = (backends[k] ?? 0) + w / (total || 1);
  return Object.keys(backends).length ? { kind: 'backend', backends } : { kind: 'none' };
}

/** ingress-nginx's answer for the Ingress (and its canaries among `others`). */
export function routeNginx(ingress: Any, others: Any[], services: Any[], req: Request, trace: NginxTrace = {}): Outcome {
  const ann = annotationsOfIngress(ingress);
  const regex = usesRegex(ann);
  const paths = ingressPaths(ingress);
  const tlsHosts: string[] = (ingress.spec?.tls ?? []).flatMap((t: Any) => t?.hosts ?? []);
  const hosts = [...new Set(paths.map((p) => p.host).filter((h): h is string => Boolean(h)))];
  const www = ann[`${NGX}from-to-www-redirect`] === 'true';
  // The www twin of a host redirects to it.
  if (www) {
    for (const h of hosts) {
      const other = h.startsWith('www.') ? h.slice(4) : `www.${h}`;
      if (!h.startsWith('*') && other.toLowerCase() === req.host.toLowerCase() && !hosts.includes(other)) {
        if (req.scheme === 'https' && !tlsHosts.some((t) => hostMatches(t, other) || hostMatches(t, h))) return { kind: 'untrusted' };
        return { kind: 'redirect', location: `${req.scheme}://${h}${req.path}`, code: 308 };
      }
    }
  }
  const server = hosts.filter((h) => hostMatches(h, req.host)).sort((a, b) => hostRank(b) - hostRank(a))[0];
  const serverPaths = paths.filter((p) => (server ? p.host === server : p.host === undefined));
  const defaultBackend = ingressDefaultBackend(ingress);
  if (!server && serverPaths.length === 0 && !defaultBackend) return { kind: 'none' };
  const hasTls = server !== undefined && tlsHosts.some((t) => hostMatches(t, server));
  if (req.scheme === 'https' && !hasTls) return { kind: 'untrusted' };
  const sslRedirect = ann[`${NGX}ssl-redirect`] !== 'false';
  const force = ann[`${NGX}force-ssl-redirect`] === 'true';
  if (req.scheme === 'http' && ((hasTls && sslRedirect) || (force && server !== undefined))) {
    if (force && !hasTls) trace.httpPolicy = true;
    return { kind: 'redirect', location: `https://${req.host}${req.path}`, code: 308 };
  }
  if (req.scheme === 'http' && hasTls && !sslRedirect) trace.httpPolicy = true;
  // Whole-Ingress redirects answer every location.
  const perm = ann[`${NGX}permanent-redirect`] ?? ann[`${NGX}temporal-redirect`];
  const appRoot = ann[`${NGX}app-root`];
  if (appRoot !== undefined && req.path === '/') return { kind: 'redirect', location: `${req.scheme}://${req.host}${appRoot}`, code: 302 };
  // Location.
  const exact = serverPaths.find((p) => p.pathType === 'Exact' && p.path === req.path);
  let hit = exact;
  if (!hit && regex) {
    hit = serverPaths
      .filter((p) => p.pathType !== 'Exact')
      .sort((a, b) => b.path.length - a.path.length)
      .find((p) => {
        try {
          return new RegExp(`^${p.path}`, 'i').test(req.path);
        } catch {
          return false;
        }
      });
    if (hit && !new RegExp(`^${hit.path}`).test(req.path)) trace.caseInsensitive = true;
  }
  if (!hit && !regex) {
    let best: { p: (typeof serverPaths)[number]; len: number } | undefined;
    for (const p of serverPaths) {
      if (p.pathType === 'Exact') continue;
      let len = -1;
      if (p.pathType === 'Prefix') {
        const base = p.path.length > 1 ? p.path.replace(/\/+$/, '') : p.path;
        if (req.path === base)
          len = base.length + 1; // `location = p` beats prefixes
        else if (base === '/' || req.path.startsWith(`${base}/`)) len = base.length + 1;
      } else if (req.path.startsWith(p.path)) len = p.path.length;
      if (len >= 0 && (!best || len > best.len)) best = { p, len };
    }
    hit = best?.p;
    if (hit && hit.pathType !== 'Prefix' && hit.pathType !== 'Exact') {
      const base = hit.path;
      if (!(base.endsWith('/') || req.path === base || req.path.startsWith(`${base}/`))) trace.partialSegment = true;
    }
  }
  if (perm !== undefined && (hit || defaultBackend)) {
    const code = Number(
      ann[`${NGX}permanent-redirect`] !== undefined ? (ann[`${NGX}permanent-redirect-code`] ?? 301) : (ann[`${NGX}temporal-redirect-code`] ?? 302),
    );
    return { kind: 'redirect', location: perm.includes('/', perm.indexOf('//') + 2) ? perm : `${perm}/`, code };
  }
  if (!hit) return defaultBackend ? one(serviceKey(defaultBackend, services)) : { kind: 'none' };
  if (hit.backend.resource) return { kind: 'none' };
  const main = serviceKey(hit.backend, services);
  // Canary.
  for (const c of others) {
    const cann = annotationsOfIngress(c);
    if (c === ingress || cann[`${NGX}canary`] !== 'true' || c.metadata?.namespace !== ingress.metadata?.namespace) continue;
    const cp = ingressPaths(c).find((p) => p.host === hit!.host && p.path === hit!.path);
    if (!cp) continue;
    const canary = serviceKey(cp.backend, services);
    const header = cann[`${NGX}canary-by-header`];
    if (header) {
      const got = Object.entries(req.headers).find(([k]) => k.toLowerCase() === header.toLowerCase())?.[1];
      const value = cann[`${NGX}canary-by-header-value`];
      const pattern = cann[`${NGX}canary-by-header-pattern`];
      if (got !== undefined) {
        if (value !== undefined) {
          if (got === value) return one(canary);
        } else if (pattern !== undefined) {
          if (new RegExp(pattern).test(got)) return one(canary);
        } else if (got === 'always') return one(canary);
        else if (got === 'never') return one(main);
      }
    }
    const cookie = cann[`${NGX}canary-by-cookie`];
    if (cookie) {
      const jar = req.headers.Cookie ?? '';
      const m = new RegExp(`(?:^|;\\s*)${cookie.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=([^;]*)`).exec(jar);
      if (m?.[1] === 'always') return one(canary);
      if (m?.[1] === 'never') return one(main);
    }
    const weight = Number(cann[`${NGX}canary-weight`] ?? 0);
    const total = Number(cann[`${NGX}canary-weight-total`] ?? 100);
    return weighted([
      [main, total - weight],
      [canary, weight],
    ]);
  }
  return one(main);
}

// --------------------------------------------------------------------------- Gateway API

function pathMatches(m: Any | undefined, path: string): { ok: boolean; rank: [number, number] } {
  const type = m?.type ?? 'PathPrefix';
  const value: string = m?.value ?? '/';
  if (type === 'Exact') return { ok: path === value, rank: [3, value.length] };
  if (type === 'RegularExpression') {
    let source = value;
    let flags = '';
    if (source.startsWith('(?i)')) {
      source = source.slice(4);
      flags = 'i';
    }
    return { ok: new RegExp(`^(?:${source})$`, flags).test(path), rank: [2, value.length] };
  }
  const base = value.length > 1 ? value.replace(/\/+$/, '') : value;
  const ok = base === '/' || path === base || path.startsWith(`${base}/`);
  return { ok, rank: [1, base.length] };
}

function headersMatch(list: Any[] | undefined, headers: Record<string, string>): boolean {
  for (const h of list ?? []) {
    const got = Object.entries(headers).find(([k]) => k.toLowerCase() === String(h.name).toLowerCase())?.[1];
    if (got === undefined) return false;
    if ((h.type ?? 'Exact') === 'Exact' ? got !== h.value : !new RegExp(`^(?:${h.value})$`).test(got)) return false;
  }
  return true;
}

/** The Gateway API's answer, for the objects a migration wrote (and Gateways it attached to). */
export function routeGateway(objects: readonly (OutObject | Any)[], req: Request): Outcome {
  const gateways = objects.filter((o) => o.kind === 'Gateway') as Any[];
  const routes = objects.filter((o) => o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') as Any[];
  const protocol = req.scheme === 'https' ? 'HTTPS' : 'HTTP';
  // Listener: per Gateway, the most specific hostname that matches.
  const chosen: Array<{ gateway: Any; listener: Any }> = [];
  for (const g of gateways) {
    const fits = (g.spec?.listeners ?? []).filter((l: Any) => l.protocol === protocol && (l.hostname === undefined || hostMatches(l.hostname, req.host)));
    fits.sort((a: Any, b: Any) => hostRank(b.hostname) - hostRank(a.hostname));
    if (fits[0]) chosen.push({ gateway: g, listener: fits[0] });
  }
  type Cand = { rule: Any; rank: number[]; order: number };
  const cands: Cand[] = [];
  let order = 0;
  for (const r of routes) {
    const attached = (r.spec?.parentRefs ?? []).some((p: Any) =>
      chosen.some(
        ({ gateway, listener }) =>
          p.name === gateway.metadata.name &&
          (p.namespace ?? r.metadata.namespace) === gateway.metadata.namespace &&
          (p.sectionName === undefined || p.sectionName === listener.name),
      ),
    );
    if (!attached) continue;
    const names: string[] = r.spec?.hostnames ?? [];
    const hostHit = names.length === 0 ? '' : names.filter((h) => hostMatches(h, req.host)).sort((a, b) => hostRank(b) - hostRank(a))[0];
    if (hostHit === undefined) continue;
    const hostScore = hostHit === '' ? 0 : hostHit.startsWith('*') ? hostHit.length : 10_000 + hostHit.length;
    for (const rule of r.spec?.rules ?? []) {
      const matches: Any[] = rule.matches?.length ? rule.matches : [{}];
      for (const m of matches) {
        if (r.kind === 'GRPCRoute') {
          const method = m.method;
          const path = method ? `/${method.service}${method.method ? `/${method.method}` : '/'}` : '/';
          const ok = method ? (method.method ? req.path === path : req.path.startsWith(path)) : true;
          if (ok) cands.push({ rule, rank: [hostScore, method ? 2 : 1, path.length, 0], order: order++ });
          continue;
        }
        const pm = pathMatches(m.path, req.path);
        if (!pm.ok || !headersMatch(m.headers, req.headers)) continue;
        cands.push({ rule, rank: [hostScore, ...pm.rank, (m.headers ?? []).length], order: order++ });
      }
    }
  }
  if (cands.length === 0) return { kind: 'none' };
  cands.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return b.rank[i]! - a.rank[i]!;
    return a.order - b.order;
  });
  const rule = cands[0]!.rule;
  const redirect = (rule.filters ?? []).find((f: Any) => f.type === 'RequestRedirect')?.requestRedirect;
  if (redirect) {
    const scheme = redirect.scheme ?? req.scheme;
    const host = redirect.hostname ?? req.host;
    const port = redirect.port ? `:${redirect.port}` : '';
    const path = redirect.path?.type === 'ReplaceFullPath' ? redirect.path.replaceFullPath : req.path;
    return { kind: 'redirect', location: `${scheme}://${host}${port}${path}`, code: redirect.statusCode ?? 302 };
  }
  const refs: Any[] = rule.backendRefs ?? [];
  if (refs.length === 0) return { kind: 'none' };
  return weighted(refs.map((b) => [`${b.name}:${b.port}`, b.weight ?? 1]));
}

// --------------------------------------------------------------------------- requests

/** Sample paths a regex path matches (best effort: the literal text around its groups). */
function regexSamples(path: string): string[] {
  const literal = path.replace(/\(.*$/, '').replace(/[\\^$.*+?[\]{}|]/g, '');
  return [literal, `${literal}/x`, `${literal.toUpperCase()}`];
}

/** Requests that tell routers apart: every host × path variant × scheme × the headers canaries read. */
export function requestsFor(ingress: Any, others: Any[]): Request[] {
  const paths = ingressPaths(ingress);
  const hostSet = new Set<string>();
  for (const p of paths) if (p.host) hostSet.add(p.host);
  for (const t of ingress.spec?.tls ?? []) for (const h of t?.hosts ?? []) hostSet.add(h);
  const hosts = [...hostSet].flatMap((h) =>
    h.startsWith('*.') ? [`a${h.slice(1)}`, `a.b${h.slice(1)}`, h.slice(2)] : [h, h.startsWith('www.') ? h.slice(4) : `www.${h}`],
  );
  hosts.push('unknown.example.net');
  const pathSet = new Set<string>(['/', '/nothing-here']);
  for (const p of paths) {
    if (/[()[\]*+?\\^$|{}]/.test(p.path)) for (const s of regexSamples(p.path)) pathSet.add(s || '/');
    else {
      const base = p.path.replace(/\/+$/, '') || '/';
      for (const v of [p.path, base, `${base}/`, `${base}/sub`, `${base}x`, base.toUpperCase()]) pathSet.add(v.replace(/\/\/+/g, '/'));
    }
  }
  const headerSets: Array<Record<string, string>> = [{}];
  for (const c of others) {
    const cann = annotationsOfIngress(c);
    if (cann[`${NGX}canary`] !== 'true') continue;
    const header = cann[`${NGX}canary-by-header`];
    if (header)
      for (const v of ['always', 'never', 'other', cann[`${NGX}canary-by-header-value`]].filter((v): v is string => Boolean(v)))
        headerSets.push({ [header]: v });
    const cookie = cann[`${NGX}canary-by-cookie`];
    if (cookie) for (const v of ['always', 'never']) headerSets.push({ Cookie: `${cookie}=${v}` });
  }
  const out: Request[] = [];
  for (const host of hosts)
    for (const path of pathSet) for (const scheme of ['http', 'https'] as const) for (const headers of headerSets) out.push({ scheme, host, path, headers });
  return out;
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'backend' && b.kind === 'backend') {
    const keys = new Set([...Object.keys(a.backends), ...Object.keys(b.backends)]);
    return [...keys].every((k) => Math.abs((a.backends[k] ?? 0) - (b.backends[k] ?? 0)) < 1e-9);
  }
  if (a.kind === 'redirect' && b.kind === 'redirect') return a.location === b.location && a.code === b.code;
  return true;
}
