/**
 * Legacy components that hand out control of a cluster: Helm 2's Tiller and
 * the Kubernetes dashboard. Also which built-in kinds live in a namespace.
 */
import { containersOf, isWorkload, podMetadataOf, type K8sObject } from './objects';
import type { YNode } from '../yaml/nav';

/** The repository path of an image reference, lower-cased, without registry port confusion, tag or digest. */
export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at !== -1) ref = ref.slice(0, at);
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) ref = ref.slice(0, colon);
  return ref;
}

/** The image's last path segment (`gcr.io/kubernetes-helm/tiller:v2.16` → `tiller`). */
export function imageName(image: string): string {
  const repo = imageRepository(image);
  return repo.slice(repo.lastIndexOf('/') + 1);
}

export interface ImageHit {
  container: string;
  node: YNode;
  image: string;
}

/** Containers of a workload whose literal image satisfies `test`. */
export function imagesMatching(object: K8sObject, test: (image: string) => boolean): ImageHit[] {
  const out: ImageHit[] = [];
  for (const c of containersOf(object)) {
    const node = c.node.get('image');
    const image = node?.str;
    if (node && image && test(image)) out.push({ container: c.name, node, image });
  }
  return out;
}

/** Helm 2's server side (gcr.io/kubernetes-helm/tiller, ghcr.io/helm/tiller). */
export function isTillerImage(image: string): boolean {
  return imageName(image) === 'tiller';
}

/** The labels Helm 2's `helm init` puts on Tiller's Deployment, pods and Service. */
export function hasTillerLabels(labels: ReadonlyMap<string, string | undefined>): boolean {
  return labels.get('app') === 'helm' && labels.get('name') === 'tiller';
}

/** Kubernetes dashboard images: kubernetesui/dashboard (v2), its v3 api/web/auth parts, and the old k8s.gcr.io kubernetes-dashboard-<arch>. */
export function isDashboardImage(image: string): boolean {
  const repo = imageRepository(image);
  const name = repo.slice(repo.lastIndexOf('/') + 1);
  if (/^kubernetes-dashboard(-(amd64|arm64|arm|ppc64le|s390x|api|web|auth))?$/.test(name)) return true;
  return /(^|\/)kubernetesui\/dashboard(-(api|web|auth))?$/.test(repo);
}

const DASHBOARD_LABEL_KEYS = ['k8s-app', 'app', 'app.kubernetes.io/name'];

/** The label that marks pods or a selector as the dashboard's, if any. */
export function dashboardLabel(labels: YNode | undefined): YNode | undefined {
  if (!labels?.isMap) return undefined;
  for (const key of DASHBOARD_LABEL_KEYS) {
    const value = labels.get(key);
    if (value?.str === 'kubernetes-dashboard') return value;
  }
  return undefined;
}

/** True for names the dashboard's manifests and chart give its Service. */
export function isDashboardName(name: string | undefined): boolean {
  return name !== undefined && /(^|-)kubernetes-dashboard(-web|-kong-proxy)?$/.test(name);
}

export function podLabelsMap(object: K8sObject): ReadonlyMap<string, string | undefined> {
  const labels = isWorkload(object.kind) ? podMetadataOf(object)?.get('labels') : object.metadata?.get('labels');
  return new Map((labels?.isMap ? labels.entries() : []).map(([k, v]) => [k, v?.str]));
}

/** Built-in and Gateway API kinds that live in a namespace (custom resources are unknown: never assumed). */
export const NAMESPACED_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'PodTemplate',
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
