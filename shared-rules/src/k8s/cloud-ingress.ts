/**
 * Cloud and third-party Ingress controllers: which one serves an Ingress
 * (by class, or by its annotations when the class is custom or absent), and
 * how each one is told to listen on HTTPS and to redirect HTTP.
 *
 * - AWS Load Balancer Controller (ALB): `alb.ingress.kubernetes.io/*`
 *   (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/)
 * - GKE Ingress: class `gce`/`gce-internal`, `kubernetes.io/ingress.allow-http`,
 *   FrontendConfig `networking.gke.io/v1beta1` (https://cloud.google.com/kubernetes-engine/docs/how-to/ingress-configuration)
 * - Azure Application Gateway Ingress Controller (AGIC): `appgw.ingress.kubernetes.io/*`
 *   (https://azure.github.io/application-gateway-kubernetes-ingress/annotations/)
 * - Traefik: `traefik.ingress.kubernetes.io/router.*`
 *   (https://doc.traefik.io/traefik/reference/routing-configuration/kubernetes/ingress/)
 */
import type { IngressClassConfig } from './ingress';
import { hasAnnotationPrefix, ingressClassOf } from './ingress';
import { annotation, type K8sObject } from './objects';
import type { YNode } from '../yaml/nav';

export type CloudController = 'alb' | 'gce' | 'agic' | 'traefik';

export const ALB_PREFIX = 'alb.ingress.kubernetes.io/';
export const AGIC_PREFIX = 'appgw.ingress.kubernetes.io/';
export const TRAEFIK_PREFIX = 'traefik.ingress.kubernetes.io/';
export const GKE_ALLOW_HTTP = 'kubernetes.io/ingress.allow-http';
export const GKE_FRONTEND_CONFIG = 'networking.gke.io/v1beta1.FrontendConfig';

const CLASS_CONTROLLERS: Record<string, CloudController> = {
  alb: 'alb',
  gce: 'gce',
  'gce-internal': 'gce',
  'azure/application-gateway': 'agic',
  'azure-application-gateway': 'agic',
  traefik: 'traefik',
};

/** Annotation prefixes only one controller reads. */
const PREFIX_CONTROLLERS: ReadonlyArray<[string, CloudController]> = [
  [ALB_PREFIX, 'alb'],
  [AGIC_PREFIX, 'agic'],
  [TRAEFIK_PREFIX, 'traefik'],
  ['ingress.gcp.kubernetes.io/', 'gce'],
  ['networking.gke.io/', 'gce'],
];

/**
 * The cloud controller serving an Ingress: a known class, or — when the class
 * is custom, templated or absent — the one whose annotations it carries.
 * An Ingress of a configured nginx class is not a cloud controller's.
 */
export function cloudControllerOf(object: K8sObject, config: IngressClassConfig): CloudController | undefined {
  if (object.kind !== 'Ingress') return undefined;
  // Every cloud rule asks, for every Ingress: answered once per object and configuration.
  const known = controllers.get(object);
  if (known?.config === config) return known.controller;
  const controller = findCloudController(object, config);
  controllers.set(object, { config, controller });
  return controller;
}

const controllers = new WeakMap<K8sObject, { config: IngressClassConfig; controller: CloudController | undefined }>();

function findCloudController(object: K8sObject, config: IngressClassConfig): CloudController | undefined {
  const cls = ingressClassOf(object);
  if (cls.name !== undefined) {
    const known = CLASS_CONTROLLERS[cls.name];
    if (known) return known;
    if (config.ingress.nginxClasses.includes(cls.name)) return undefined;
  }
  const found = PREFIX_CONTROLLERS.filter(([prefix]) => hasAnnotationPrefix(object, prefix)).map(([, c]) => c);
  const distinct = [...new Set(found)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/** A present, non-empty annotation (maybe templated). */
export function ann(object: K8sObject, key: string): YNode | undefined {
  const node = annotation(object, key);
  return node && !node.isNull ? node : undefined;
}

// ---------------------------------------------------------------- ALB

export interface Listener {
  protocol: 'HTTP' | 'HTTPS';
  port: number;
}

/** `[{"HTTP": 80}, {"HTTPS": 443}]`; undefined when it is not valid JSON of that shape. */
export function parseListenPorts(value: string): Listener[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const out: Listener[] = [];
  for (const entry of parsed) {
    if (!entry || typeof entry !== 'object') return undefined;
    for (const [protocol, port] of Object.entries(entry as Record<string, unknown>)) {
      const p = protocol.toUpperCase();
      if ((p !== 'HTTP' && p !== 'HTTPS') || typeof port !== 'number') return undefined;
      out.push({ protocol: p, port });
    }
  }
  return out;
}

export const ALB_DEFAULT_LISTEN_PORTS = '[{"HTTP": 80}, {"HTTPS": 443}]';

/**
 * The listeners an ALB Ingress gets: its listen-ports, or by default HTTPS:443
 * when a certificate ARN is set and HTTP:80 otherwise (certificate discovery
 * from spec.tls or hosts needs an explicit HTTPS listener).
 */
export function albListeners(object: K8sObject): { node: YNode | undefined; listeners: Listener[] } | undefined {
  const node = ann(object, `${ALB_PREFIX}listen-ports`);
  if (node) {
    if (node.templated || node.str === undefined) return undefined;
    const listeners = parseListenPorts(node.str);
    return listeners ? { node, listeners } : undefined;
  }
  const cert = ann(object, `${ALB_PREFIX}certificate-arn`);
  if (cert?.templated) return undefined;
  return { node: undefined, listeners: [cert ? { protocol: 'HTTPS', port: 443 } : { protocol: 'HTTP', port: 80 }] };
}

/**
 * Minimum TLS version an ELB security policy allows, from its name:
 * `…-TLS13-1-2-…`, `…-TLS-1-1-…`, `…-FS-1-2-…` carry it; the dated policies
 * (`ELBSecurityPolicy-2016-08`, `…-FS-2018-06`) allow TLS 1.0. Undefined for
 * names that are not AWS policies. Linear-time.
 */
export function elbPolicyMinTls(name: string): number | undefined {
  if (!name.startsWith('ELBSecurityPolicy-')) return undefined;
  const m = /-(?:TLS13|TLS|FS)-1-([0-3])(?:-|$)/.exec(name);
  if (m) return 10 + Number(m[1]);
  if (/^ELBSecurityPolicy-(?:FS-)?20\d\d-\d\d$/.test(name)) return 10;
  return undefined;
}

export const ALB_RECOMMENDED_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

// ---------------------------------------------------------------- Traefik

export const TRAEFIK_ENTRYPOINTS = `${TRAEFIK_PREFIX}router.entrypoints`;
export const TRAEFIK_TLS = `${TRAEFIK_PREFIX}router.tls`;
export const TRAEFIK_MIDDLEWARES = `${TRAEFIK_PREFIX}router.middlewares`;

/** `<namespace>-<name>@kubernetescrd` references of router.middlewares. */
export function middlewareRefs(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
