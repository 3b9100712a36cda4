/**
 * Service exposure knowledge: which Service types reach outside the cluster,
 * which cloud annotations make a load balancer internal, which ports are
 * admin or data interfaces, and how to turn a Service back into ClusterIP.
 */
import { annotation, annotationsOf, type K8sObject } from './objects';
import type { YNode } from '../yaml/nav';

export type CloudProvider = 'aws' | 'gcp' | 'azure';

/**
 * Annotations that make a `type: LoadBalancer` Service internal (reachable
 * from the VPC only). Each test receives the annotation's string value.
 */
export const INTERNAL_LB_ANNOTATIONS: ReadonlyArray<{ key: string; provider: CloudProvider | 'other'; internal: (value: string) => boolean }> = [
  // AWS Load Balancer Controller.
  { key: 'service.beta.kubernetes.io/aws-load-balancer-scheme', provider: 'aws', internal: (v) => v.trim().toLowerCase() === 'internal' },
  // Legacy in-tree AWS provider: "true" (older docs also used "0.0.0.0/0"); "false" means external.
  { key: 'service.beta.kubernetes.io/aws-load-balancer-internal', provider: 'aws', internal: (v) => v.trim() !== '' && v.trim().toLowerCase() !== 'false' },
  // GKE, and its legacy spelling.
  { key: 'networking.gke.io/load-balancer-type', provider: 'gcp', internal: (v) => v.trim().toLowerCase() === 'internal' },
  { key: 'cloud.google.com/load-balancer-type', provider: 'gcp', internal: (v) => v.trim().toLowerCase() === 'internal' },
  // AKS.
  { key: 'service.beta.kubernetes.io/azure-load-balancer-internal', provider: 'azure', internal: (v) => v.trim().toLowerCase() === 'true' },
  // Other clouds with the same meaning.
  { key: 'service.beta.kubernetes.io/oci-load-balancer-internal', provider: 'other', internal: (v) => v.trim().toLowerCase() === 'true' },
  { key: 'service.beta.kubernetes.io/openstack-internal-load-balancer', provider: 'other', internal: (v) => v.trim().toLowerCase() === 'true' },
  { key: 'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', provider: 'other', internal: (v) => v.trim().toLowerCase() === 'private' },
  { key: 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', provider: 'other', internal: (v) => v.trim().toLowerCase() === 'intranet' },
];

/** The annotation form of `spec.loadBalancerSourceRanges` (comma-separated CIDRs). */
export const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** The preferred internal annotation per provider (what a fix adds). */
export const INTERNAL_LB_FIX: Readonly<Record<CloudProvider, { key: string; value: string; label: string }>> = {
  aws: { key: 'service.beta.kubernetes.io/aws-load-balancer-scheme', value: 'internal', label: 'AWS' },
  gcp: { key: 'networking.gke.io/load-balancer-type', value: 'Internal', label: 'GKE' },
  azure: { key: 'service.beta.kubernetes.io/azure-load-balancer-internal', value: 'true', label: 'Azure' },
};

/** Annotation prefixes that reveal which cloud a Service is written for. */
const PROVIDER_PREFIXES: ReadonlyArray<[string, CloudProvider]> = [
  ['service.beta.kubernetes.io/aws-', 'aws'],
  ['alb.ingress.kubernetes.io/', 'aws'],
  ['cloud.google.com/', 'gcp'],
  ['networking.gke.io/', 'gcp'],
  ['service.beta.kubernetes.io/azure-', 'azure'],
];

export function serviceType(object: K8sObject): { type: string | undefined; node: YNode | undefined } {
  const node = object.root.get('spec')?.get('type');
  if (!node || node.isNull) return { type: 'ClusterIP', node: undefined };
  return { type: node.str, node };
}

/** The provider the Service's annotations are written for, when they tell. */
export function providerOf(object: K8sObject): CloudProvider | undefined {
  for (const key of annotationsOf(object)?.keys() ?? []) {
    for (const [prefix, provider] of PROVIDER_PREFIXES) if (key.startsWith(prefix)) return provider;
  }
  return undefined;
}

/** The internal-LB annotation that applies, if any (templated values count as "maybe": returned too). */
export function internalAnnotation(object: K8sObject): { key: string; node: YNode; templated: boolean } | undefined {
  for (const entry of INTERNAL_LB_ANNOTATIONS) {
    const node = annotation(object, entry.key);
    if (!node || node.isNull) continue;
    if (node.templated) return { key: entry.key, node, templated: true };
    const value = node.str;
    if (value !== undefined && entry.internal(value)) return { key: entry.key, node, templated: false };
  }
  return undefined;
}

/** A CIDR that admits every address: `0.0.0.0/0`, `::/0` (any prefix length 0). */
export function isOpenCidr(cidr: string): boolean {
  return /^\s*[0-9a-f.:]+\s*\/\s*0+\s*$/i.test(cidr);
}

export interface SourceRanges {
  /** Where the ranges come from. */
  source: 'spec' | 'annotation' | undefined;
  node: YNode | undefined;
  /** Literal ranges; empty when none are set. */
  ranges: string[];
  /** Some part is templated: unknown. */
  templated: boolean;
}

export function sourceRangesOf(object: K8sObject): SourceRanges {
  const spec = object.root.get('spec')?.get('loadBalancerSourceRanges');
  if (spec && !spec.isNull) {
    if (spec.templated || !spec.isSeq) return { source: 'spec', node: spec, ranges: [], templated: true };
    return { source: 'spec', node: spec, ranges: spec.strings(), templated: spec.items().some((i) => i.templated) };
  }
  const ann = annotation(object, SOURCE_RANGES_ANNOTATION);
  if (ann && !ann.isNull) {
    if (ann.templated) return { source: 'annotation', node: ann, ranges: [], templated: true };
    const ranges = (ann.str ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    return { source: 'annotation', node: ann, ranges, templated: false };
  }
  return { source: undefined, node: undefined, ranges: [], templated: false };
}

/** Reachability of a LoadBalancer: restricted by source ranges, internal, open, or unknown. */
export function loadBalancerExposure(object: K8sObject, isUncertain: (node: YNode) => boolean): 'internal' | 'restricted' | 'open' | 'unknown' {
  const internal = internalAnnotation(object);
  if (internal) return internal.templated ? 'unknown' : 'internal';
  const ranges = sourceRangesOf(object);
  if (ranges.templated) return 'unknown';
  const rangesNode = object.root.get('spec')?.get('loadBalancerSourceRanges');
  if (rangesNode && isUncertain(rangesNode)) return 'unknown';
  if (ranges.ranges.length > 0) return ranges.ranges.some(isOpenCidr) ? 'open' : 'restricted';
  // Annotations we cannot see (a Helm `with` block, a merge key) may make it internal.
  const annotations = annotationsOf(object);
  if (annotations && isUncertain(annotations)) return 'unknown';
  if (object.metadata && !annotations && isUncertain(object.metadata)) return 'unknown';
  return 'open';
}

/** Well-known admin and data ports that should never face the Internet. */
export const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [2375, 'the Docker API (plain)'],
  [2376, 'the Docker API'],
  [2379, 'etcd'],
  [2380, 'etcd peer traffic'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch transport'],
  [10250, 'the kubelet API'],
  [27017, 'MongoDB'],
]);

/** Kubescape's `sensitiveInterfaces` (default-config-inputs.json): UIs and APIs that give control of the cluster or its data. */
export const SENSITIVE_INTERFACES: readonly string[] = [
  'nifi',
  'argo-server',
  'weave-scope-app',
  'kubeflow',
  'kubernetes-dashboard',
  'jenkins',
  'prometheus-deployment',
  'ollama',
  'vllm',
  'kserve',
  'triton-inference-server',
  'ray-dashboard',
  'ray-head',
  'mlflow',
  'jupyterhub',
  'seldon',
  'bentoml',
];

/** The sensitive interface a name or label value names, if any (exact, or as a `-`/`.` separated part). */
export function sensitiveInterfaceIn(values: readonly string[]): string | undefined {
  for (const raw of values) {
    const value = raw.toLowerCase();
    for (const name of SENSITIVE_INTERFACES) {
      if (value === name || value.startsWith(`${name}-`) || value.endsWith(`-${name}`) || value.includes(`-${name}-`)) return name;
    }
  }
  return undefined;
}

export interface ServicePortEntry {
  node: YNode;
  name: string | undefined;
  port: number | undefined;
  portNode: YNode | undefined;
  targetPort: number | string | undefined;
  targetPortNode: YNode | undefined;
  nodePortNode: YNode | undefined;
}

export function servicePortsOf(object: K8sObject): ServicePortEntry[] {
  const ports = object.root.get('spec')?.get('ports');
  if (!ports?.isSeq) return [];
  return ports.items().flatMap((node) => {
    if (!node.isMap) return [];
    const portNode = node.get('port');
    const targetPortNode = node.get('targetPort');
    const target = targetPortNode?.value;
    return [
      {
        node,
        name: node.get('name')?.str,
        port: typeof portNode?.value === 'number' ? portNode.value : undefined,
        portNode,
        targetPort: typeof target === 'number' || typeof target === 'string' ? target : undefined,
        targetPortNode,
        nodePortNode: node.get('nodePort'),
      },
    ];
  });
}

export interface IngressBackendRef {
  /** The Service name node. */
  node: YNode;
  name: string | undefined;
  /** Port number or name; undefined when absent or templated. */
  port: number | string | undefined;
  portNode: YNode | undefined;
  templated: boolean;
}

/**
 * The Services an Ingress sends traffic to: the default backend and every
 * path backend, in both the v1 (`service.name`/`service.port`) and the
 * v1beta1 (`serviceName`/`servicePort`) shapes. Resource backends are skipped.
 */
export function ingressServiceBackends(object: K8sObject): IngressBackendRef[] {
  const spec = object.root.get('spec');
  const out: IngressBackendRef[] = [];
  const visit = (backend: YNode | undefined) => {
    if (!backend?.isMap) return;
    const service = backend.get('service');
    const nameNode = service?.isMap ? service.get('name') : backend.get('serviceName');
    if (!nameNode || nameNode.isNull) return;
    const port = service?.isMap ? service.get('port') : undefined;
    const portNode = port?.isMap ? (port.get('number') ?? port.get('name')) : backend.get('servicePort');
    const value = portNode?.value;
    out.push({
      node: nameNode,
      name: nameNode.str,
      port: typeof value === 'number' || typeof value === 'string' ? value : undefined,
      portNode,
      templated: nameNode.templated || Boolean(portNode?.templated),
    });
  };
  visit(spec?.get('defaultBackend') ?? spec?.get('backend'));
  for (const rule of spec?.get('rules')?.items() ?? []) for (const path of rule.getIn(['http', 'paths'])?.items() ?? []) visit(path.get('backend'));
  return out;
}
