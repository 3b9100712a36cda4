/**
 * Legacy components that hand out control of a cluster: Helm 2's Tiller and
 * the Kubernetes dashboard.
 */
import { parseImage } from './images';
import { containersOf, type K8sObject } from './objects';
import type { YNode } from '../yaml/nav';

/** Registry and repository path of an image, lower-cased, without tag or digest; undefined when malformed. */
function repositoryPath(image: string): string | undefined {
  const ref = parseImage(image);
  return ref && `${ref.registry ? `${ref.registry}/` : ''}${ref.repository}`.toLowerCase();
}

/** The image's last path segment (`gcr.io/kubernetes-helm/tiller:v2.16` → `tiller`). */
function imageName(image: string): string | undefined {
  const repo = repositoryPath(image);
  return repo?.slice(repo.lastIndexOf('/') + 1);
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
  const repo = repositoryPath(image);
  if (repo === undefined) return false;
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
