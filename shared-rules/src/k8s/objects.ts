/**
 * Kubernetes knowledge that rules share: which documents are objects, where a
 * workload keeps its pod spec, which lists hold containers.
 */
import type { Document } from 'yaml';
import { rootOf } from '../yaml/documents';
import { SENTINEL } from '../yaml/helm';
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
  /**
   * A pod template inside a custom resource (an Argo Rollout's
   * `spec.template`, a PyTorchJob replica's `template`, a Tekton Task's
   * steps): `root` is the template's node, `kind` is `PodTemplate` (so every
   * pod rule runs on it), and messages name the owner.
   */
  embedded?: EmbeddedPod;
}

export interface EmbeddedContainer {
  node: YNode;
  list: ContainerList;
  /** When the container has no `name` of its own (an Argo template's `container`). */
  name?: string;
}

export interface EmbeddedPod {
  /** The custom resource holding the template. */
  owner: K8sObject;
  /** From `root` to the pod spec (`[]`: the root is the spec). */
  podSpec: readonly string[];
  /** From `root` to the pod metadata; undefined when the template has none. */
  podMetadata: readonly string[] | undefined;
  /** Where containers are, when not in the pod spec's own lists (Tekton steps, Argo templates). */
  containers?: (spec: YNode) => EmbeddedContainer[];
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

const TEMPLATE_RUN = new RegExp(`${SENTINEL}+`, 'g');

/**
 * A name for messages, quoted: the literal name, or a Helm-templated one with
 * each action shown as `…` (`"…-repo-server"`); `(templated name)` when the
 * whole name is an action, `(unnamed)` when there is none. Messages write
 * `${kind} ${displayName(object)}`.
 */
export function displayName(object: Pick<K8sObject, 'name' | 'metadata'>): string {
  if (object.name !== undefined) return `"${object.name}"`;
  return displayValue(object.metadata?.get('name')) ?? '(unnamed)';
}

/** A scalar for messages, quoted, Helm actions shown as `…`; `(templated name)` when it is all actions; undefined when absent. */
export function displayValue(node: YNode | undefined): string | undefined {
  if (!node || node.isNull) return undefined;
  if (node.str !== undefined) return `"${node.str}"`;
  const raw = (node.node as { value?: unknown }).value;
  if (typeof raw !== 'string' || !raw.includes(SENTINEL)) return undefined;
  const shown = raw.replace(TEMPLATE_RUN, '…');
  return shown.replace(/…/g, '').trim() === '' ? '(templated name)' : `"${shown}"`;
}

/** `ClusterRole "x"`, `Role "…-server"`, `Role (unnamed)` for messages; an embedded pod template names its owner. */
export function describeObject(object: Pick<K8sObject, 'kind' | 'name' | 'metadata' | 'embedded'>): string {
  const named = object.embedded?.owner ?? object;
  return `${named.kind} ${displayName(named)}`;
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
  const path = object.embedded ? object.embedded.podSpec : podSpecPath(object.kind);
  if (!path) return undefined;
  const spec = object.root.getIn(path);
  return spec?.isMap ? spec : undefined;
}

export function podMetadataOf(object: K8sObject): YNode | undefined {
  const path = object.embedded ? object.embedded.podMetadata : podMetadataPath(object.kind);
  if (!path) return undefined;
  const meta = object.root.getIn(path);
  return meta?.isMap ? meta : undefined;
}

export function containersOf(object: K8sObject, lists: readonly ContainerList[] = CONTAINER_LISTS): ContainerRef[] {
  const spec = podSpecOf(object);
  if (!spec) return [];
  const out: ContainerRef[] = [];
  const custom = object.embedded?.containers;
  if (custom) {
    const counts = new Map<ContainerList, number>();
    for (const { node, list, name } of custom(spec)) {
      if (!lists.includes(list) || !node.isMap) continue;
      const index = counts.get(list) ?? 0;
      counts.set(list, index + 1);
      out.push({ node, name: node.get('name')?.str ?? name ?? `#${index}`, list, index });
    }
    return out;
  }
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

// ---------------------------------------------------------------- pod templates inside custom resources

/**
 * API groups Kubernetes itself serves (with metrics.k8s.io, which every
 * cluster aggregates). Any other group holds custom resources (CRDs or an
 * aggregated API).
 */
const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'metrics.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** A group of custom resources only (not `*`, not a group Kubernetes serves). */
export function isCustomGroup(group: string): boolean {
  return group !== '*' && !BUILT_IN_GROUPS.has(group);
}

const MAX_TEMPLATE_DEPTH = 10;
const MAX_TEMPLATES = 50;

/** Tekton steps and sidecars (Task, ClusterTask, and `taskSpec` of TaskRuns and Pipelines). */
function tektonContainers(spec: YNode): EmbeddedContainer[] {
  return [...(spec.get('steps')?.items() ?? []), ...(spec.get('sidecars')?.items() ?? [])].map((node) => ({ node, list: 'containers' as const }));
}

/** Argo Workflows templates: `container`, `script`, `containerSet.containers`, `initContainers`, `sidecars` of each. */
function argoContainers(spec: YNode): EmbeddedContainer[] {
  const out: EmbeddedContainer[] = [];
  for (const template of spec.get('templates')?.items() ?? []) {
    if (!template.isMap) continue;
    for (const key of ['container', 'script']) {
      const node = template.get(key);
      if (node?.isMap) out.push({ node, list: 'containers', name: template.get('name')?.str });
    }
    for (const node of template.getIn(['containerSet', 'containers'])?.items() ?? []) out.push({ node, list: 'containers' });
    for (const node of template.get('initContainers')?.items() ?? []) out.push({ node, list: 'initContainers' });
    for (const node of template.get('sidecars')?.items() ?? []) out.push({ node, list: 'containers' });
  }
  return out;
}

const ARGO_WORKFLOW_SPECS: Record<string, readonly string[]> = {
  Workflow: ['spec'],
  WorkflowTemplate: ['spec'],
  ClusterWorkflowTemplate: ['spec'],
  CronWorkflow: ['spec', 'workflowSpec'],
};

/** Pod spec fields that no other common spec has (a KubeVirt VM template has volumes, but no containers). */
const POD_ONLY_KEYS = [
  'containers',
  'initContainers',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'serviceAccountName',
  'securityContext',
  'automountServiceAccountToken',
];

/**
 * A mapping shaped like a PodTemplateSpec or a Pod: a `spec` holding a
 * `containers` list, or, under a `template`/`podTemplate` key, any field only
 * pod specs have (a patch-like template that sets `hostNetwork` alone).
 */
function isPodShaped(node: YNode): boolean {
  const spec = node.isMap ? node.get('spec') : undefined;
  if (!spec?.isMap) return false;
  if (spec.get('containers')?.isSeq) return true;
  return (node.key === 'template' || node.key === 'podTemplate') && POD_ONLY_KEYS.some((k) => spec.has(k));
}

/**
 * Pod templates inside a custom resource, each as an object of kind
 * `PodTemplate` that every pod rule checks: known layouts (Argo Workflows
 * templates, Tekton steps) and any subtree shaped like a PodTemplateSpec
 * (Argo Rollouts, Knative Services, Kubeflow PyTorchJob/TFJob/MPIJob
 * replicas, Flink pod templates, KEDA ScaledJobs…). Objects of Kubernetes'
 * own groups have none (their pod specs are at `podSpecPath`).
 */
export function embeddedPodTemplates(object: K8sObject): K8sObject[] {
  if (object.embedded || !object.apiVersion || !isCustomGroup(apiGroup(object.apiVersion))) return [];
  const group = apiGroup(object.apiVersion);
  const make = (root: YNode, podSpec: readonly string[], podMetadata: readonly string[] | undefined, containers?: EmbeddedPod['containers']): K8sObject => ({
    ...object,
    root,
    kind: 'PodTemplate',
    embedded: { owner: object, podSpec, podMetadata, ...(containers ? { containers } : {}) },
  });
  if (group === 'argoproj.io' && ARGO_WORKFLOW_SPECS[object.kind]) {
    const spec = object.root.getIn(ARGO_WORKFLOW_SPECS[object.kind]!);
    return spec?.isMap ? [make(spec, [], undefined, argoContainers)] : [];
  }
  const out: K8sObject[] = [];
  const tekton = group === 'tekton.dev';
  const walk = (node: YNode, depth: number) => {
    if (out.length >= MAX_TEMPLATES || depth > MAX_TEMPLATE_DEPTH) return;
    if (tekton && node.isMap && node.get('steps')?.isSeq) {
      out.push(make(node, [], undefined, tektonContainers));
      return;
    }
    if (isPodShaped(node)) {
      out.push(make(node, ['spec'], node.get('metadata')?.isMap ? ['metadata'] : undefined));
      return;
    }
    if (node.isMap) {
      for (const [key, value] of node.entries()) if (value && key !== 'metadata' && key !== 'status') walk(value, depth + 1);
    } else if (node.isSeq) for (const item of node.items()) walk(item, depth + 1);
  };
  const spec = object.root.get('spec');
  if (spec) walk(spec, 1);
  return out;
}
