/**
 * Kustomize's built-in transformer configuration: which fields each
 * kustomization field writes (field specs), and which fields hold names of
 * other objects (name references). Kustomize ships these tables with its
 * binary (they are its behaviour, not part of the Kubernetes API); a
 * kustomization's `configurations:` files add to them.
 */
import { isKMap, isKSeq, map, type KMap, type KNode, type Origin } from './node';

export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  create?: boolean;
}

export interface NameRef {
  group?: string;
  version?: string;
  kind: string;
  fieldSpecs: FieldSpec[];
}

export interface TransformerConfig {
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  namespace: FieldSpec[];
  namePrefix: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
  varReference: FieldSpec[];
  nameReference: NameRef[];
}

const fs = (path: string, kind?: string, create?: boolean, group?: string, version?: string): FieldSpec => ({
  path,
  ...(kind ? { kind } : {}),
  ...(create ? { create } : {}),
  ...(group ? { group } : {}),
  ...(version ? { version } : {}),
});

const WORKLOADS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'];
const TEMPLATE_LABELS: FieldSpec[] = [
  fs('spec/template/metadata/labels', 'ReplicationController', true, undefined, 'v1'),
  fs('spec/template/metadata/labels', 'Deployment', true),
  fs('spec/template/metadata/labels', 'ReplicaSet', true),
  fs('spec/template/metadata/labels', 'DaemonSet', true),
  fs('spec/template/metadata/labels', 'StatefulSet', true, 'apps'),
  fs('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', true, 'apps'),
  fs('spec/template/metadata/labels', 'Job', true, 'batch'),
  fs('spec/jobTemplate/metadata/labels', 'CronJob', true, 'batch'),
  fs('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', true, 'batch'),
];
const AFFINITY = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];
const COMMON_LABELS: FieldSpec[] = [
  fs('spec/selector', 'Service', true, undefined, 'v1'),
  fs('spec/selector', 'ReplicationController', true, undefined, 'v1'),
  fs('spec/selector/matchLabels', 'Deployment', true),
  ...AFFINITY.map((p) => fs(p, 'Deployment', false, 'apps')),
  fs('spec/selector/matchLabels', 'ReplicaSet', true),
  fs('spec/selector/matchLabels', 'DaemonSet', true),
  fs('spec/selector/matchLabels', 'StatefulSet', true, 'apps'),
  ...AFFINITY.map((p) => fs(p, 'StatefulSet', false, 'apps')),
  fs('spec/selector/matchLabels', 'Job', false, 'batch'),
  fs('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', false, 'batch'),
  fs('spec/selector/matchLabels', 'PodDisruptionBudget', false, 'policy'),
  fs('spec/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  fs('spec/ingress/from/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  fs('spec/egress/to/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  fs('metadata/labels', undefined, true),
  ...TEMPLATE_LABELS,
];
const COMMON_ANNOTATIONS: FieldSpec[] = [
  fs('metadata/annotations', undefined, true),
  fs('spec/template/metadata/annotations', undefined, false),
  fs('spec/template/metadata/annotations', 'ReplicationController', true, undefined, 'v1'),
  ...['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].map((k) => fs('spec/template/metadata/annotations', k, true)),
  fs('spec/template/metadata/annotations', 'Job', true, 'batch'),
  fs('spec/jobTemplate/metadata/annotations', 'CronJob', true, 'batch'),
  fs('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', true, 'batch'),
];

function podRefs(leafs: string[]): FieldSpec[] {
  const out: FieldSpec[] = [];
  const where: [string, string][] = [
    ['spec/', 'Pod'],
    ['template/spec/', 'PodTemplate'],
    ...WORKLOADS.map((k) => ['spec/template/spec/', k] as [string, string]),
    ['spec/jobTemplate/spec/template/spec/', 'CronJob'],
  ];
  for (const [prefix, kind] of where) for (const l of leafs) out.push(fs(prefix + l, kind));
  return out;
}

const CONFIGMAP_LEAFS = [
  'volumes/configMap/name',
  'containers/env/valueFrom/configMapKeyRef/name',
  'initContainers/env/valueFrom/configMapKeyRef/name',
  'containers/envFrom/configMapRef/name',
  'initContainers/envFrom/configMapRef/name',
  'volumes/projected/sources/configMap/name',
];
const SECRET_LEAFS = [
  'volumes/secret/secretName',
  'containers/env/valueFrom/secretKeyRef/name',
  'initContainers/env/valueFrom/secretKeyRef/name',
  'containers/envFrom/secretRef/name',
  'initContainers/envFrom/secretRef/name',
  'imagePullSecrets/name',
  'volumes/projected/sources/secret/name',
];
const POD_OWNERS: [string, string][] = [
  ['spec/', 'Pod'],
  ['spec/template/spec/', 'StatefulSet'],
  ['spec/template/spec/', 'Deployment'],
  ['spec/template/spec/', 'ReplicationController'],
  ['spec/jobTemplate/spec/template/spec/', 'CronJob'],
  ['spec/template/spec/', 'Job'],
  ['spec/template/spec/', 'DaemonSet'],
];
const RBAC = 'rbac.authorization.k8s.io';

const NAME_REFERENCE: NameRef[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    kind,
    fieldSpecs: [fs('spec/scaleTargetRef/name', 'HorizontalPodAutoscaler')],
  })),
  {
    kind: 'ConfigMap',
    version: 'v1',
    fieldSpecs: [
      ...podRefs(CONFIGMAP_LEAFS),
      fs('spec/configSource/configMap', 'Node'),
      fs('rules/resourceNames', 'Role'),
      fs('rules/resourceNames', 'ClusterRole'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'Ingress'),
    ],
  },
  {
    kind: 'Secret',
    version: 'v1',
    fieldSpecs: [
      ...podRefs(SECRET_LEAFS),
      fs('spec/tls/secretName', 'Ingress'),
      fs('metadata/annotations/ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', 'Ingress'),
      fs('imagePullSecrets/name', 'ServiceAccount'),
      fs('parameters/secretName', 'StorageClass'),
      fs('parameters/adminSecretName', 'StorageClass'),
      fs('parameters/userSecretName', 'StorageClass'),
      fs('parameters/secretRef', 'StorageClass'),
      fs('rules/resourceNames', 'Role'),
      fs('rules/resourceNames', 'ClusterRole'),
      fs('spec/template/spec/containers/env/valueFrom/secretKeyRef/name', 'Service', false, 'serving.knative.dev', 'v1'),
      fs('spec/azureFile/secretName', 'PersistentVolume'),
    ],
  },
  {
    kind: 'Service',
    version: 'v1',
    fieldSpecs: [
      fs('spec/serviceName', 'StatefulSet', false, 'apps'),
      fs('spec/rules/http/paths/backend/serviceName', 'Ingress'),
      fs('spec/backend/serviceName', 'Ingress'),
      fs('spec/rules/http/paths/backend/service/name', 'Ingress'),
      fs('spec/defaultBackend/service/name', 'Ingress'),
      fs('spec/service/name', 'APIService', false, 'apiregistration.k8s.io'),
      fs('webhooks/clientConfig/service', 'ValidatingWebhookConfiguration', false, 'admissionregistration.k8s.io'),
      fs('webhooks/clientConfig/service', 'MutatingWebhookConfiguration', false, 'admissionregistration.k8s.io'),
      fs('spec/rules/backendRefs/name', 'HTTPRoute'),
    ],
  },
  { kind: 'Role', group: RBAC, fieldSpecs: [fs('roleRef/name', 'RoleBinding', false, RBAC)] },
  {
    kind: 'ClusterRole',
    group: RBAC,
    fieldSpecs: [fs('roleRef/name', 'RoleBinding', false, RBAC), fs('roleRef/name', 'ClusterRoleBinding', false, RBAC)],
  },
  {
    kind: 'ServiceAccount',
    version: 'v1',
    fieldSpecs: [
      fs('subjects', 'RoleBinding', false, RBAC),
      fs('subjects', 'ClusterRoleBinding', false, RBAC),
      ...POD_OWNERS.map(([p, k]) => fs(p + 'serviceAccountName', k)),
    ],
  },
  {
    kind: 'PersistentVolumeClaim',
    version: 'v1',
    fieldSpecs: POD_OWNERS.map(([p, k]) => fs(p + 'volumes/persistentVolumeClaim/claimName', k)),
  },
  {
    kind: 'PersistentVolume',
    version: 'v1',
    fieldSpecs: [fs('spec/volumeName', 'PersistentVolumeClaim'), fs('rules/resourceNames', 'ClusterRole')],
  },
  {
    kind: 'StorageClass',
    version: 'v1',
    group: 'storage.k8s.io',
    fieldSpecs: [
      fs('spec/storageClassName', 'PersistentVolume'),
      fs('spec/storageClassName', 'PersistentVolumeClaim'),
      fs('spec/volumeClaimTemplates/spec/storageClassName', 'StatefulSet'),
    ],
  },
  {
    kind: 'PriorityClass',
    version: 'v1',
    group: 'scheduling.k8s.io',
    fieldSpecs: POD_OWNERS.map(([p, k]) => fs(p + 'priorityClassName', k)),
  },
  { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io', fieldSpecs: [fs('spec/ingressClassName', 'Ingress')] },
];

const VAR_LEAFS = [
  'containers/args',
  'containers/command',
  'containers/env/value',
  'containers/volumeMounts/mountPath',
  'initContainers/args',
  'initContainers/command',
  'initContainers/env/value',
  'initContainers/volumeMounts/mountPath',
  'volumes/nfs/server',
];
const VAR_REFERENCE: FieldSpec[] = [
  ...VAR_LEAFS.map((l) => fs('spec/jobTemplate/spec/template/spec/' + l, 'CronJob')),
  ...['DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'StatefulSet'].flatMap((k) => VAR_LEAFS.map((l) => fs('spec/template/spec/' + l, k))),
  ...VAR_LEAFS.map((l) => fs('spec/' + l, 'Pod')),
  fs('spec/rules/host', 'Ingress'),
  fs('spec/tls/hosts', 'Ingress'),
  fs('spec/tls/secretName', 'Ingress'),
  fs('spec/ports/port', 'Service'),
  fs('spec/ports/targetPort', 'Service'),
  fs('spec/volumeClaimTemplates/spec/nfs/server', 'StatefulSet'),
  fs('spec/nfs/server', 'PersistentVolume'),
  fs('metadata/labels'),
  fs('metadata/annotations'),
];

export function defaultConfig(): TransformerConfig {
  return {
    commonLabels: [...COMMON_LABELS],
    templateLabels: [...TEMPLATE_LABELS],
    commonAnnotations: [...COMMON_ANNOTATIONS],
    namespace: [
      fs('metadata/namespace', undefined, true),
      fs('metadata/name', 'Namespace', true),
      fs('subjects[]/namespace', 'RoleBinding'),
      fs('subjects[]/namespace', 'ClusterRoleBinding'),
      fs('spec/service/namespace', 'APIService', true, 'apiregistration.k8s.io'),
      fs('spec/conversion/webhook/clientConfig/service/namespace', 'CustomResourceDefinition', false, 'apiextensions.k8s.io'),
    ],
    namePrefix: [fs('metadata/name')],
    images: [],
    replicas: ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((k) => fs('spec/replicas', k, true)),
    varReference: [...VAR_REFERENCE],
    nameReference: NAME_REFERENCE.map((r) => ({ ...r, fieldSpecs: [...r.fieldSpecs] })),
  };
}

/** Add a `configurations:` file's entries (already plain values) to a config. */
export function mergeConfig(into: TransformerConfig, extra: Record<string, unknown>): void {
  const specs = (v: unknown): FieldSpec[] =>
    Array.isArray(v)
      ? v
          .filter((x: unknown) => Boolean(x) && typeof x === 'object' && typeof (x as { path?: unknown }).path === 'string')
          .map((x) => toSpec(x as Record<string, unknown>))
      : [];
  const lists: (keyof Omit<TransformerConfig, 'nameReference'>)[] = [
    'commonLabels',
    'templateLabels',
    'commonAnnotations',
    'namespace',
    'namePrefix',
    'images',
    'replicas',
    'varReference',
  ];
  for (const k of lists) into[k].push(...specs(extra[k]));
  if (Array.isArray(extra.nameReference)) {
    for (const r of extra.nameReference as Record<string, unknown>[]) {
      if (!r || typeof r.kind !== 'string') continue;
      const existing = into.nameReference.find((n) => n.kind === r.kind && (n.group ?? '') === ((r.group as string) ?? ''));
      const more = specs(r.fieldSpecs);
      if (existing) existing.fieldSpecs.push(...more);
      else
        into.nameReference.push({
          kind: r.kind,
          ...(typeof r.group === 'string' ? { group: r.group } : {}),
          ...(typeof r.version === 'string' ? { version: r.version } : {}),
          fieldSpecs: more,
        });
    }
  }
}

function toSpec(x: Record<string, unknown>): FieldSpec {
  return {
    path: String(x.path),
    ...(typeof x.kind === 'string' ? { kind: x.kind } : {}),
    ...(typeof x.group === 'string' ? { group: x.group } : {}),
    ...(typeof x.version === 'string' ? { version: x.version } : {}),
    ...(x.create === true ? { create: true } : {}),
  };
}

export function cloneConfig(c: TransformerConfig): TransformerConfig {
  return {
    ...Object.fromEntries(Object.entries(c).map(([k, v]) => [k, [...(v as unknown[])]])),
    nameReference: c.nameReference.map((r) => ({ ...r, fieldSpecs: [...r.fieldSpecs] })),
  } as TransformerConfig;
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export function specMatches(s: { group?: string; version?: string; kind?: string }, gvk: Gvk): boolean {
  return (!s.kind || s.kind === gvk.kind) && (!s.group || s.group === gvk.group) && (!s.version || s.version === gvk.version);
}

/** Path segments of a field spec path (`/` separated, `\/` escapes a slash). */
export function specSegments(path: string): string[] {
  return path
    .split(/(?<!\\)\//)
    .filter((s) => s !== '')
    .map((s) => s.replace(/\\\//g, '/'));
}

/**
 * Visit the fields a spec path designates: `visit(parent, key)` is called on
 * the map holding the last segment. Lists on the way are entered (each item).
 * With `create`, missing maps on the way are made, with origin `o`.
 */
export function visitSpec(root: KNode, segments: string[], create: boolean, o: Origin, visit: (parent: KMap, key: string) => void): void {
  const walk = (node: KNode, i: number) => {
    if (isKSeq(node)) {
      for (const item of node.items) walk(item, i);
      return;
    }
    if (!isKMap(node)) return;
    const seg = segments[i]!.replace(/\[\]$/, '');
    if (i === segments.length - 1) {
      if (node.e.has(seg) || create) visit(node, seg);
      return;
    }
    let next = node.e.get(seg);
    if (!next || (next.t === 's' && next.v === null)) {
      if (!create) return;
      next = map(o);
      node.e.set(seg, next);
    }
    walk(next, i + 1);
  };
  if (segments.length) walk(root, 0);
}
