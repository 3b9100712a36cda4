/**
 * API versions Kubernetes stopped serving, from the deprecation guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/) and the
 * `zz_generated.prerelease-lifecycle.go` files of k8s.io/api, which give the
 * release each beta version was deprecated in.
 *
 * `fix` says what swapping the apiVersion alone does:
 * - `safe`: the guide lists "no notable changes"; the object means the same.
 * - `unsafe`: it converts, but defaults or semantics change (Deployments,
 *   PodDisruptionBudgets): offered, never applied unattended.
 * - `none`: fields must be rewritten by hand (`notes` says which).
 */

export type Version = readonly [major: number, minor: number];

export interface RemovedApi {
  apiVersion: string;
  kind: string;
  deprecatedIn: Version;
  removedIn: Version;
  replacement: string;
  /** Release the replacement is served from. */
  availableIn: Version;
  fix: 'safe' | 'unsafe' | 'none';
  /** What else changes, for messages and docs. */
  notes?: string;
}

const APPS_V1_NOTES = 'spec.selector becomes required and immutable, spec.rollbackTo and spec.templateGeneration are gone, and some defaults change';

function rows(apiVersions: readonly string[], kinds: readonly string[], rest: Omit<RemovedApi, 'apiVersion' | 'kind'>): RemovedApi[] {
  return apiVersions.flatMap((apiVersion) => kinds.map((kind) => ({ apiVersion, kind, ...rest })));
}

export const REMOVED_APIS: readonly RemovedApi[] = [
  // v1.16
  ...rows(['extensions/v1beta1'], ['Deployment', 'DaemonSet', 'ReplicaSet'], {
    deprecatedIn: [1, 8],
    removedIn: [1, 16],
    replacement: 'apps/v1',
    availableIn: [1, 9],
    fix: 'unsafe',
    notes: APPS_V1_NOTES,
  }),
  ...rows(['apps/v1beta1'], ['Deployment', 'StatefulSet', 'ReplicaSet'], {
    deprecatedIn: [1, 8],
    removedIn: [1, 16],
    replacement: 'apps/v1',
    availableIn: [1, 9],
    fix: 'unsafe',
    notes: APPS_V1_NOTES,
  }),
  ...rows(['apps/v1beta2'], ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], {
    deprecatedIn: [1, 9],
    removedIn: [1, 16],
    replacement: 'apps/v1',
    availableIn: [1, 9],
    fix: 'unsafe',
    notes: APPS_V1_NOTES,
  }),
  ...rows(['extensions/v1beta1'], ['NetworkPolicy'], {
    deprecatedIn: [1, 9],
    removedIn: [1, 16],
    replacement: 'networking.k8s.io/v1',
    availableIn: [1, 8],
    fix: 'safe',
  }),
  ...rows(['extensions/v1beta1'], ['PodSecurityPolicy'], {
    deprecatedIn: [1, 10],
    removedIn: [1, 16],
    replacement: 'policy/v1beta1',
    availableIn: [1, 10],
    fix: 'none',
    notes: 'PodSecurityPolicy itself was removed in 1.25',
  }),
  // v1.22
  ...rows(['admissionregistration.k8s.io/v1beta1'], ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], {
    deprecatedIn: [1, 16],
    removedIn: [1, 22],
    replacement: 'admissionregistration.k8s.io/v1',
    availableIn: [1, 16],
    fix: 'none',
    notes: 'webhooks[*].sideEffects and admissionReviewVersions become required, and failurePolicy, matchPolicy and timeoutSeconds defaults change',
  }),
  ...rows(['apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition'], {
    deprecatedIn: [1, 16],
    removedIn: [1, 22],
    replacement: 'apiextensions.k8s.io/v1',
    availableIn: [1, 16],
    fix: 'none',
    notes:
      'the schema moves under spec.versions[*].schema.openAPIV3Schema and must be structural; validation, subresources and additionalPrinterColumns move per version',
  }),
  ...rows(['apiregistration.k8s.io/v1beta1'], ['APIService'], {
    deprecatedIn: [1, 19],
    removedIn: [1, 22],
    replacement: 'apiregistration.k8s.io/v1',
    availableIn: [1, 10],
    fix: 'safe',
  }),
  ...rows(['authentication.k8s.io/v1beta1'], ['TokenReview'], {
    deprecatedIn: [1, 19],
    removedIn: [1, 22],
    replacement: 'authentication.k8s.io/v1',
    availableIn: [1, 6],
    fix: 'safe',
  }),
  ...rows(['authorization.k8s.io/v1beta1'], ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], {
    deprecatedIn: [1, 19],
    removedIn: [1, 22],
    replacement: 'authorization.k8s.io/v1',
    availableIn: [1, 6],
    fix: 'none',
    notes: 'spec.group is renamed spec.groups',
  }),
  ...rows(['certificates.k8s.io/v1beta1'], ['CertificateSigningRequest'], {
    deprecatedIn: [1, 19],
    removedIn: [1, 22],
    replacement: 'certificates.k8s.io/v1',
    availableIn: [1, 19],
    fix: 'none',
    notes: 'spec.signerName becomes required and spec.usages must be set',
  }),
  ...rows(['coordination.k8s.io/v1beta1'], ['Lease'], {
    deprecatedIn: [1, 19],
    removedIn: [1, 22],
    replacement: 'coordination.k8s.io/v1',
    availableIn: [1, 14],
    fix: 'safe',
  }),
  ...rows(['extensions/v1beta1', 'networking.k8s.io/v1beta1'], ['Ingress'], {
    deprecatedIn: [1, 14],
    removedIn: [1, 22],
    replacement: 'networking.k8s.io/v1',
    availableIn: [1, 19],
    fix: 'none',
    notes: 'backends are rewritten as service.name/service.port and pathType becomes required',
  }),
  ...rows(['networking.k8s.io/v1beta1'], ['IngressClass'], {
    deprecatedIn: [1, 19],
    removedIn: [1, 22],
    replacement: 'networking.k8s.io/v1',
    availableIn: [1, 19],
    fix: 'safe',
  }),
  ...rows(['rbac.authorization.k8s.io/v1beta1'], ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], {
    deprecatedIn: [1, 17],
    removedIn: [1, 22],
    replacement: 'rbac.authorization.k8s.io/v1',
    availableIn: [1, 8],
    fix: 'safe',
  }),
  ...rows(['scheduling.k8s.io/v1beta1'], ['PriorityClass'], {
    deprecatedIn: [1, 14],
    removedIn: [1, 22],
    replacement: 'scheduling.k8s.io/v1',
    availableIn: [1, 14],
    fix: 'safe',
  }),
  ...rows(['storage.k8s.io/v1beta1'], ['CSIDriver'], {
    deprecatedIn: [1, 19],
    removedIn: [1, 22],
    replacement: 'storage.k8s.io/v1',
    availableIn: [1, 18],
    fix: 'safe',
  }),
  ...rows(['storage.k8s.io/v1beta1'], ['CSINode'], {
    deprecatedIn: [1, 17],
    removedIn: [1, 22],
    replacement: 'storage.k8s.io/v1',
    availableIn: [1, 17],
    fix: 'safe',
  }),
  ...rows(['storage.k8s.io/v1beta1'], ['StorageClass', 'VolumeAttachment'], {
    deprecatedIn: [1, 19],
    removedIn: [1, 22],
    replacement: 'storage.k8s.io/v1',
    availableIn: [1, 13],
    fix: 'safe',
  }),
  // v1.25
  ...rows(['batch/v1beta1'], ['CronJob'], { deprecatedIn: [1, 21], removedIn: [1, 25], replacement: 'batch/v1', availableIn: [1, 21], fix: 'safe' }),
  ...rows(['discovery.k8s.io/v1beta1'], ['EndpointSlice'], {
    deprecatedIn: [1, 21],
    removedIn: [1, 25],
    replacement: 'discovery.k8s.io/v1',
    availableIn: [1, 21],
    fix: 'none',
    notes: 'endpoints[*].topology is replaced by nodeName and zone',
  }),
  ...rows(['events.k8s.io/v1beta1'], ['Event'], {
    deprecatedIn: [1, 22],
    removedIn: [1, 25],
    replacement: 'events.k8s.io/v1',
    availableIn: [1, 19],
    fix: 'none',
    notes: 'type is limited to Normal and Warning, and deprecated* fields are renamed',
  }),
  ...rows(['autoscaling/v2beta1'], ['HorizontalPodAutoscaler'], {
    deprecatedIn: [1, 22],
    removedIn: [1, 25],
    replacement: 'autoscaling/v2',
    availableIn: [1, 23],
    fix: 'none',
    notes: 'metrics targets move under target (targetAverageUtilization becomes target.averageUtilization)',
  }),
  ...rows(['policy/v1beta1'], ['PodDisruptionBudget'], {
    deprecatedIn: [1, 21],
    removedIn: [1, 25],
    replacement: 'policy/v1',
    availableIn: [1, 21],
    fix: 'unsafe',
    notes: 'an empty spec.selector now selects every pod of the namespace instead of none',
  }),
  ...rows(['policy/v1beta1'], ['PodSecurityPolicy'], {
    deprecatedIn: [1, 21],
    removedIn: [1, 25],
    replacement: 'Pod Security Admission',
    availableIn: [1, 23],
    fix: 'none',
  }),
  ...rows(['node.k8s.io/v1beta1'], ['RuntimeClass'], {
    deprecatedIn: [1, 22],
    removedIn: [1, 25],
    replacement: 'node.k8s.io/v1',
    availableIn: [1, 20],
    fix: 'safe',
  }),
  // v1.26
  ...rows(['autoscaling/v2beta2'], ['HorizontalPodAutoscaler'], {
    deprecatedIn: [1, 23],
    removedIn: [1, 26],
    replacement: 'autoscaling/v2',
    availableIn: [1, 23],
    fix: 'safe',
  }),
  ...rows(['flowcontrol.apiserver.k8s.io/v1beta1'], ['FlowSchema'], {
    deprecatedIn: [1, 23],
    removedIn: [1, 26],
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    availableIn: [1, 29],
    fix: 'safe',
  }),
  ...rows(['flowcontrol.apiserver.k8s.io/v1beta1'], ['PriorityLevelConfiguration'], {
    deprecatedIn: [1, 23],
    removedIn: [1, 26],
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    availableIn: [1, 29],
    fix: 'none',
    notes: 'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares',
  }),
  // v1.27
  ...rows(['storage.k8s.io/v1beta1'], ['CSIStorageCapacity'], {
    deprecatedIn: [1, 24],
    removedIn: [1, 27],
    replacement: 'storage.k8s.io/v1',
    availableIn: [1, 24],
    fix: 'safe',
  }),
  // v1.29
  ...rows(['flowcontrol.apiserver.k8s.io/v1beta2'], ['FlowSchema'], {
    deprecatedIn: [1, 26],
    removedIn: [1, 29],
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    availableIn: [1, 29],
    fix: 'safe',
  }),
  ...rows(['flowcontrol.apiserver.k8s.io/v1beta2'], ['PriorityLevelConfiguration'], {
    deprecatedIn: [1, 26],
    removedIn: [1, 29],
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    availableIn: [1, 29],
    fix: 'none',
    notes: 'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares',
  }),
  // v1.32
  ...rows(['flowcontrol.apiserver.k8s.io/v1beta3'], ['FlowSchema'], {
    deprecatedIn: [1, 29],
    removedIn: [1, 32],
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    availableIn: [1, 29],
    fix: 'safe',
  }),
  ...rows(['flowcontrol.apiserver.k8s.io/v1beta3'], ['PriorityLevelConfiguration'], {
    deprecatedIn: [1, 29],
    removedIn: [1, 32],
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    availableIn: [1, 29],
    fix: 'unsafe',
    notes: 'nominalConcurrencyShares: 0 now means no concurrency shares instead of the default of 30',
  }),
];

const BY_KEY = new Map(REMOVED_APIS.map((r) => [`${r.apiVersion}|${r.kind}`, r]));

export function removedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return BY_KEY.get(`${apiVersion}|${kind}`);
}

export function atLeast(target: Version, version: Version): boolean {
  return target[0] > version[0] || (target[0] === version[0] && target[1] >= version[1]);
}

export function formatVersion(v: Version): string {
  return `${v[0]}.${v[1]}`;
}

/** Where the target version stands for this API: removed, deprecated, or still fine. */
export function apiStatus(api: RemovedApi, target: Version): 'removed' | 'deprecated' | undefined {
  if (atLeast(target, api.removedIn)) return 'removed';
  if (atLeast(target, api.deprecatedIn)) return 'deprecated';
  return undefined;
}
