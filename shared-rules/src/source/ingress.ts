/** Ingress knowledge shared by the Ingress rules and "Secure this Ingress". */
import type { ResolvedConfig } from '../engine/config';
import { annotation, annotationsOf, type K8sObject } from './k8s';
import type { YNode } from './nav';

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';
export const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Annotations by which cloud controllers terminate TLS without `spec.tls`. */
export const CLOUD_TLS_ANNOTATIONS = [
  'alb.ingress.kubernetes.io/certificate-arn',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'networking.gke.io/managed-certificates',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
] as const;

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
  return annotationsOf(object)?.keys().some((k) => k.startsWith(prefix)) ?? false;
}

/**
 * An Ingress served by ingress-nginx: its class is one of the configured
 * nginx classes, or it has no class and uses `nginx.ingress.kubernetes.io/` annotations.
 */
export function isNginxIngress(object: K8sObject, config: ResolvedConfig): boolean {
  const cls = ingressClassOf(object);
  if (cls.name !== undefined) return config.ingress.nginxClasses.includes(cls.name);
  if (cls.node) return hasAnnotationPrefix(object, NGINX_PREFIX); // templated class: trust the annotations
  return hasAnnotationPrefix(object, NGINX_PREFIX);
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
