/**
 * Gateway API knowledge (gateway.networking.k8s.io): listeners, their TLS
 * modes and hostnames, routes and their parents and backends.
 *
 * Sources: the API reference (https://gateway-api.sigs.k8s.io/reference/spec/),
 * the TLS guide (listener protocol × TLS mode × route kind) and the
 * HTTP redirect guide.
 */
import { apiGroup, type K8sObject } from './objects';
import type { YNode } from '../yaml/nav';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** A Gateway API object (Istio's `networking.istio.io` Gateway is another thing). */
export function isGatewayApi(object: K8sObject): boolean {
  return object.apiVersion !== undefined && apiGroup(object.apiVersion) === GATEWAY_GROUP;
}

export interface Listener {
  node: YNode;
  name: string | undefined;
  /** HTTP, HTTPS, TLS, TCP, UDP; undefined when templated. */
  protocol: string | undefined;
  protocolNode: YNode | undefined;
  port: number | undefined;
  /** undefined: no hostname (every hostname). */
  hostname: string | undefined;
  hostnameNode: YNode | undefined;
  tls: YNode | undefined;
  /** Terminate (the default) or Passthrough; undefined when templated. */
  tlsMode: string | undefined;
  /** Some field we need is templated: the listener is unknown. */
  templated: boolean;
}

export function listenersOf(gateway: K8sObject): Listener[] {
  const listeners = gateway.root.get('spec')?.get('listeners');
  if (!listeners?.isSeq) return [];
  return listeners.items().flatMap((node): Listener[] => {
    if (!node.isMap) return [];
    const protocolNode = node.get('protocol');
    const hostnameNode = node.get('hostname');
    const tls = node.get('tls');
    const modeNode = tls?.isMap ? tls.get('mode') : undefined;
    const port = node.get('port')?.value;
    const hostnameSet = hostnameNode && !hostnameNode.isNull;
    return [
      {
        node,
        name: node.get('name')?.str,
        protocol: protocolNode?.str,
        protocolNode,
        port: typeof port === 'number' ? port : undefined,
        hostname: hostnameSet ? hostnameNode.str : undefined,
        hostnameNode: hostnameSet ? hostnameNode : undefined,
        tls,
        tlsMode: modeNode && !modeNode.isNull ? modeNode.str : 'Terminate',
        templated: Boolean(protocolNode?.templated || (hostnameSet && hostnameNode.templated) || modeNode?.templated || node.templated),
      },
    ];
  });
}

/**
 * True when two hostname patterns can match one request host. `undefined`
 * matches everything; `*.example.com` matches any name ending in
 * `.example.com` (one or more labels), not `example.com` itself.
 */
export function hostnamesIntersect(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const wild = (p: string) => p.startsWith('*.');
  if (wild(x) && wild(y)) return x.endsWith(y.slice(1)) || y.endsWith(x.slice(1));
  if (wild(x)) return y.endsWith(x.slice(1));
  if (wild(y)) return x.endsWith(y.slice(1));
  return false;
}

/** True when `pattern` covers every host `hostname` can match (an HTTPS listener for an HTTP one). */
export function hostnameCovers(pattern: string | undefined, hostname: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (hostname === undefined) return false;
  const p = pattern.toLowerCase();
  const h = hostname.toLowerCase();
  if (p === h) return true;
  return p.startsWith('*.') && h.endsWith(p.slice(1)) && h.length > p.length - 1;
}

/** A listener name not used yet: `preferred`, else `preferred-<suffix>`, else numbered. */
export function freeListenerName(listeners: readonly Listener[], preferred: string, suffix?: string): string {
  const used = new Set(listeners.map((l) => l.name));
  if (!used.has(preferred)) return preferred;
  if (suffix && !used.has(`${preferred}-${suffix}`)) return `${preferred}-${suffix}`;
  for (let i = 2; ; i++) if (!used.has(`${preferred}-${i}`)) return `${preferred}-${i}`;
}

export interface RouteRule {
  node: YNode;
  filters: YNode[];
  backendRefs: YNode | undefined;
}

export function routeRulesOf(route: K8sObject): RouteRule[] {
  const rules = route.root.get('spec')?.get('rules');
  if (!rules?.isSeq) return [];
  return rules.items().flatMap((node) => {
    if (!node.isMap) return [];
    const filters = node.get('filters');
    return [{ node, filters: filters?.isSeq ? filters.items().filter((f) => f.isMap) : [], backendRefs: node.get('backendRefs') }];
  });
}

export function filterType(filter: YNode): string | undefined {
  return filter.get('type')?.str;
}

/** True when a rule forwards to backends (a non-empty `backendRefs`). */
export function forwards(rule: RouteRule): boolean {
  const refs = rule.backendRefs;
  return Boolean(refs && !refs.isNull && (!refs.isSeq || refs.items().length > 0));
}

/** True when a rule redirects to HTTPS (a RequestRedirect filter with `scheme: https`). */
export function redirectsToHttps(rule: RouteRule): boolean {
  return rule.filters.some((f) => filterType(f) === 'RequestRedirect' && f.get('requestRedirect')?.get('scheme')?.str?.toLowerCase() === 'https');
}

export interface BackendRef {
  node: YNode;
  /** '' is the core group (the default). */
  group: string;
  /** Service by default. */
  kind: string;
  name: string | undefined;
  nameNode: YNode | undefined;
  /** Set only when the reference names a namespace. */
  namespace: string | undefined;
  port: number | undefined;
  templated: boolean;
}

/** `backendRefs` of every rule of a route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute). */
export function backendRefsOf(route: K8sObject): BackendRef[] {
  const out: BackendRef[] = [];
  for (const rule of route.root.get('spec')?.get('rules')?.items() ?? []) {
    for (const node of rule.get('backendRefs')?.items() ?? []) {
      if (!node.isMap) continue;
      const nameNode = node.get('name');
      const port = node.get('port')?.value;
      out.push({
        node,
        group: node.get('group')?.str ?? '',
        kind: node.get('kind')?.str ?? 'Service',
        name: nameNode?.str,
        nameNode,
        namespace: node.get('namespace')?.str,
        port: typeof port === 'number' ? port : undefined,
        templated: node.templated || Boolean(nameNode?.templated),
      });
    }
  }
  return out;
}
