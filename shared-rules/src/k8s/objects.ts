/**
 * Kubernetes knowledge that rules share: which documents are objects, where a
 * workload keeps its pod spec, which lists hold containers.
 */
import type { Document } from 'yaml';
import { rootOf } from '../yaml/documents';
import type { YNode } from '../yaml/nav';

export interface K8sObject {
  /** The object's mapping. */
  root: YNode;
  kind: string;
  /** undefined when templated (Helm) or not a string. */
  apiVersion: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
  metadata: YNode | undefined;
  /** Index in `items` when the object came from a `kind: List`. */
  listIndex: number | undefined;
}

export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'PodTemplate',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

const WORKLOAD_SET: ReadonlySet<string> = new Set(WORKLOAD_KINDS);

/** Built-in and Gateway API kinds that live in a namespace (custom resources are unknown: never assumed). */
export const NAMESPACED_KINDS: ReadonlySet<string> = new Set([
  ...WORKLOAD_KINDS,
  'ControllerRevision',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'Ingress',
  'NetworkPolicy',
  'Role',
  'RoleBinding',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'LimitRange',
  'ResourceQuota',
  'Lease',
  'CSIStorageCapacity',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'UDPRoute',
  'ReferenceGrant',
  'BackendTLSPolicy',
]);

export function isWorkload(kind: string): kind is WorkloadKind {
  return WORKLOAD_SET.has(kind);
}

/** Path from the object root to its pod spec, per kind. */
export function podSpecPath(kind: string): readonly string[] | undefined {
  switch (kind) {
    case 'Pod':
      return ['spec'];
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      return ['spec', 'template', 'spec'];
    case 'PodTemplate':
      return ['template', 'spec'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    default:
      return undefined;
  }
}

/** Path from the object root to its pod metadata (labels, annotations). */
export function podMetadataPath(kind: string): readonly string[] | undefined {
  const spec = podSpecPath(kind);
  if (!spec) return undefined;
  return kind === 'Pod' ? ['metadata'] : [...spec.slice(0, -1), 'metadata'];
}

/** Finds Kubernetes objects in a parsed document: the root, or the items of a List. */
export function objectsOf(root: YNode | undefined): K8sObject[] {
  if (!root || !root.isMap) return [];
  const top = asObject(root, undefined);
  if (!top) return [];
  if (top.kind === 'List' || top.kind.endsWith('List')) {
    const items = root.get('items');
    if (items?.isSeq) {
      const out: K8sObject[] = [];
      for (const item of items.items()) {
        const object = asObject(item, item.index);
        if (object) out.push(object);
      }
      // A custom kind that merely ends in "List" (its items are not objects) is an object itself.
      if (out.length > 0 || top.kind === 'List' || items.items().length === 0) return out;
      return [top];
    }
    if (top.kind === 'List') return [];
  }
  return [top];
}

function asObject(node: YNode, listIndex: number | undefined): K8sObject | undefined {
  if (!node.isMap) return undefined;
  const kindNode = node.get('kind');
  const apiVersionNode = node.get('apiVersion');
  const kind = kindNode?.value;
  if (typeof kind !== 'string' || kind === '' || !apiVersionNode) return undefined;
  // A templated apiVersion (charts often pick it by capability) still makes an object.
  const apiVersion = apiVersionNode.value;
  if (typeof apiVersion !== 'string' && !apiVersionNode.templated) return undefined;
  const metadata = node.get('metadata');
  return {
    root: node,
    kind,
    apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined,
    name: metadata?.get('name')?.str,
    namespace: metadata?.get('namespace')?.str,
    metadata: metadata?.isMap ? metadata : undefined,
    listIndex,
  };
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_LISTS: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

export interface ContainerRef {
  node: YNode;
  name: string;
  list: ContainerList;
  index: number;
}

export function podSpecOf(object: K8sObject): YNode | undefined {
  const path = podSpecPath(object.kind);
  if (!path) return undefined;
  const spec = object.root.getIn(path);
  return spec?.isMap ? spec : undefined;
}

export function podMetadataOf(object: K8sObject): YNode | undefined {
  const path = podMetadataPath(object.kind);
  if (!path) return undefined;
  const meta = object.root.getIn(path);
  return meta?.isMap ? meta : undefined;
}

export function containersOf(object: K8sObject, lists: readonly ContainerList[] = CONTAINER_LISTS): ContainerRef[] {
  const spec = podSpecOf(object);
  if (!spec) return [];
  const out: ContainerRef[] = [];
  for (const list of lists) {
    const seq = spec.get(list);
    if (!seq?.isSeq) continue;
    for (const node of seq.items()) {
      if (!node.isMap) continue;
      out.push({ node, name: node.get('name')?.str ?? `#${node.index ?? 0}`, list, index: node.index ?? 0 });
    }
  }
  return out;
}

/** Annotation value (string) on an object, undefined when absent or templated. */
export function annotation(object: K8sObject, key: string): YNode | undefined {
  const annotations = object.metadata?.get('annotations');
  return annotations?.isMap ? annotations.get(key) : undefined;
}

export function annotationsOf(object: K8sObject): YNode | undefined {
  const annotations = object.metadata?.get('annotations');
  return annotations?.isMap ? annotations : undefined;
}

/** "group/version" → group ('' for the core group). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** A range relative to the object's start (summaries move with their document). */
export type RelRange = [number, number];

export function relRange(object: K8sObject, node: YNode, at: 'value' | 'key' = 'value'): RelRange {
  const base = object.root.range[0];
  const [s, e] = at === 'key' ? node.keyRange : node.range;
  return [s - base, e - base];
}

/** The objects of a parsed document (seeing its template regions); none when its shape defeats the walk. */
export function objectsOfDocument(doc: Document.Parsed, regions: Array<[number, number]>): K8sObject[] {
  try {
    return objectsOf(rootOf(doc, regions));
  } catch {
    return [];
  }
}
