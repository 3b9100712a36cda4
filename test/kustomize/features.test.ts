// One small layout per Kustomize feature and per strategic-merge directive,
// each built by Kubeward and by the real kustomize (kubectl kustomize) and
// compared as sets of parsed objects.
import { beforeAll, describe, expect, it } from 'vitest';
import { kubectlBuilds, kubewardBuild, writeLayout, type ObjectSet } from '../helpers/kustomize';

const deployment = (name = 'web', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      serviceAccountName: runner
      volumes:
      - name: conf
        configMap: {name: settings}
      - name: creds
        secret: {secretName: creds}
      - name: data
        persistentVolumeClaim: {claimName: data}
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: app
        image: nginx:1.25
        ports: [{containerPort: 80}, {containerPort: 81, protocol: UDP}]
        env:
        - {name: A, value: "1"}
        - name: B
          valueFrom: {configMapKeyRef: {name: settings, key: b}}
        envFrom: [{secretRef: {name: creds}}]
        args: [--one]
      - name: sidecar
        image: registry.example.com/tools/proxy:2.0
${extra}`;

const others = `apiVersion: v1
kind: ServiceAccount
metadata: {name: runner}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [settings], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: runner}, {kind: ServiceAccount, name: runner, namespace: default}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: watcher}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  tls: [{hosts: [a.example.com], secretName: creds}]
  rules:
  - host: a.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: job, image: nginx:1.25, envFrom: [{configMapRef: {name: settings}}]}]
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  items: [{name: a, v: 1}, {name: b, v: 2}]
`;

const generators = `configMapGenerator:
- name: settings
  literals: [b=two, "quoted=\\"x\\""]
secretGenerator:
- name: creds
  literals: [password=s3cret]
`;

const base = (kustomization: string, files: Record<string, string> = {}) => ({
  'base/deploy.yaml': deployment(),
  'base/others.yaml': others,
  'base/kustomization.yaml': `resources: [deploy.yaml, others.yaml]\n${generators}`,
  'overlay/kustomization.yaml': `resources: [../base]\n${kustomization}`,
  ...files,
});

interface Case {
  name: string;
  files: Record<string, string>;
  root?: string;
}

const FEATURES: Case[] = [
  { name: 'resources: files and folders', files: base('') },
  { name: 'bases (deprecated)', files: { ...base(''), 'overlay/kustomization.yaml': 'bases: [../base]\n' } },
  {
    name: 'components',
    files: base('components: [../comp]\n', {
      'comp/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [extra.yaml]
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec: {template: {spec: {containers: [{name: app, env: [{name: FROM_COMPONENT, value: "yes"}]}]}}}
images: [{name: nginx, newTag: "1.27"}]
`,
      'comp/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {k: v}\n',
    }),
  },
  {
    name: 'patches: strategic-merge file',
    files: base('patches: [{path: p.yaml}]\n', {
      'overlay/p.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: app
        securityContext: {runAsNonRoot: true}
        env: [{name: C, value: "3"}]
      - name: extra
        image: extra:1
`,
    }),
  },
  {
    name: 'patches: inline strategic-merge with a target selecting by label',
    files: base(`patches:
- target: {kind: Deployment, labelSelector: "app=web"}
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: ignored}
    spec: {template: {spec: {automountServiceAccountToken: false}}}
`),
  },
  {
    name: 'patches: inline JSON 6902 with group/version/kind/name target',
    files: base(`patches:
- target: {group: apps, version: v1, kind: Deployment, name: web}
  patch: |-
    - op: replace
      path: /spec/template/spec/containers/0/image
      value: nginx:1.26
    - op: add
      path: /spec/template/spec/containers/0/args/-
      value: --two
    - op: remove
      path: /spec/template/spec/containers/1
    - op: add
      path: /metadata/annotations
      value: {patched: "true"}
    - op: copy
      from: /metadata/labels
      path: /spec/template/metadata/annotations
    - op: move
      from: /spec/replicas
      path: /spec/minReadySeconds
    - op: test
      path: /kind
      value: Deployment
`),
  },
  {
    name: 'patches: JSON 6902 file, name regex and annotation selector',
    files: {
      ...base(
        `patches:
- path: ops.yaml
  target: {kind: Service|Ingress, name: "w.*", annotationSelector: "tier in (front,back)"}
`,
        { 'overlay/ops.yaml': '- op: add\n  path: /metadata/labels\n  value: {ops: "yes"}\n' },
      ),
      'base/kustomization.yaml': `resources: [deploy.yaml, others.yaml]\ncommonAnnotations: {tier: front}\n${generators}`,
    },
  },
  {
    name: 'patches: target by namespace',
    files: {
      ...base(
        `patches:
- target: {kind: ConfigMap, namespace: prod}
  patch: |-
    - {op: add, path: /data/extra, value: "1"}
`,
      ),
      'base/kustomization.yaml': `resources: [deploy.yaml, others.yaml]\nnamespace: prod\n${generators}`,
    },
  },
  {
    name: 'patchesStrategicMerge (deprecated): file and inline',
    files: base(
      `patchesStrategicMerge:
- p.yaml
- |-
  apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec: {type: NodePort}
`,
      { 'overlay/p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 4}\n' },
    ),
  },
  {
    name: 'patchesJson6902 (deprecated)',
    files: base(
      `patchesJson6902:
- target: {group: rbac.authorization.k8s.io, version: v1, kind: ClusterRole, name: watcher}
  path: ops.yaml
`,
      { 'overlay/ops.yaml': '- {op: replace, path: /kind, value: Role}\n' },
    ),
  },
  { name: 'namePrefix and nameSuffix update name references', files: base('namePrefix: dev-\nnameSuffix: -v2\n') },
  { name: 'namespace', files: base('namespace: prod\n', { 'base/ns.yaml': '' }) },
  {
    name: 'namespace with prefix, Namespace object and cluster-scoped kinds',
    files: {
      ...base('namespace: team\nnamePrefix: t-\nresources: [../base, ns.yaml]\n'),
      'overlay/kustomization.yaml': 'namespace: team\nnamePrefix: t-\nresources: [../base, ns.yaml]\n',
      'overlay/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: placeholder}\n',
    },
  },
  { name: 'commonLabels (with selectors)', files: base('commonLabels: {team: blue}\n') },
  { name: 'labels without selectors', files: base('labels:\n- pairs: {team: blue}\n') },
  { name: 'labels with includeSelectors', files: base('labels:\n- pairs: {team: blue}\n  includeSelectors: true\n') },
  { name: 'labels with includeTemplates', files: base('labels:\n- pairs: {team: blue}\n  includeTemplates: true\n') },
  { name: 'commonAnnotations', files: base('commonAnnotations: {owner: ops, "example.com/note": "x y"}\n') },
  {
    name: 'images: newName, newTag, digest',
    files: base(`images:
- {name: nginx, newName: mirror.example.com/nginx, newTag: "1.27"}
- {name: busybox, digest: "sha256:0000000000000000000000000000000000000000000000000000000000000000"}
- {name: registry.example.com/tools/proxy, newName: proxy}
`),
  },
  { name: 'replicas', files: base('replicas: [{name: web, count: 5}]\n') },
  {
    name: 'configMapGenerator and secretGenerator: literals, files, envs; hashes and references',
    files: base(
      `configMapGenerator:
- name: app-config
  files: [app.properties, renamed.txt=notes.txt]
  envs: [vars.env]
secretGenerator:
- name: tls
  type: kubernetes.io/tls
  files: [tls.crt, tls.key]
`,
      {
        'overlay/app.properties': 'a=1\nb=2\n',
        'overlay/notes.txt': 'hello <world> & co\n',
        'overlay/vars.env': '# comment\nX=1\n\nY=two words\n',
        'overlay/tls.crt': 'CERT',
        'overlay/tls.key': 'KEY',
      },
    ),
  },
  {
    name: 'a patch on generated data changes its hash and the references',
    files: base('patches:\n- path: p.yaml\n', {
      'overlay/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {b: patched}\n',
    }),
  },
  {
    name: 'generatorOptions and per-generator options',
    files: base(`generatorOptions:
  labels: {generated: "true"}
  annotations: {note: gen}
configMapGenerator:
- name: fixed
  literals: [k=v]
  options: {disableNameSuffixHash: true, labels: {own: "1"}}
- name: hashed
  literals: [k=v]
`),
  },
  {
    name: 'generator behavior merge and replace over a base',
    files: base(`configMapGenerator:
- name: settings
  behavior: merge
  literals: [c=three, b=overridden]
secretGenerator:
- name: creds
  behavior: replace
  literals: [token=abc]
`),
  },
  {
    name: 'replacements: delimiter, index, create, list selectors',
    files: base(`replacements:
- source: {kind: Service, name: web, fieldPath: metadata.name}
  targets:
  - select: {kind: Deployment}
    fieldPaths:
    - spec.template.spec.containers.[name=app].env.[name=A].value
  - select: {kind: Ingress}
    fieldPaths: [spec.rules.0.host]
    options: {delimiter: ., index: 0}
  - select: {kind: Deployment}
    fieldPaths:
    - metadata.annotations.[example.com/service]
    options: {create: true}
- source: {kind: ConfigMap, name: settings, fieldPath: data.b}
  targets:
  - select: {kind: CronJob}
    fieldPaths: [spec.schedule]
    options: {delimiter: " ", index: 1}
`),
  },
  {
    name: 'vars (deprecated)',
    files: base(`vars:
- name: SVC
  objref: {kind: Service, name: web, apiVersion: v1}
  fieldref: {fieldpath: metadata.name}
patches:
- target: {kind: Deployment}
  patch: |-
    - {op: add, path: /spec/template/spec/containers/0/args/-, value: "--svc=$(SVC)"}
`),
  },
];

const smp = (patch: string): Case => ({ name: '', files: base(`patches:\n- path: p.yaml\n`, { 'overlay/p.yaml': patch }) });
/** A Deployment whose one container has `ports`, patched with `patchPorts`. */
const portsCase = (name: string, ports: string, patchPorts: string): Case => ({
  name,
  files: {
    'o/d.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: app, image: x, ports: ${ports}}]}}}\n`,
    'o/p.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: app, ports: ${patchPorts}}]}}}\n`,
    'o/kustomization.yaml': 'resources: [d.yaml]\npatches: [{path: p.yaml}]\n',
  },
  root: 'o',
});

const DIRECTIVES: Case[] = [
  portsCase(
    'lists keyed by two fields: a new port',
    '[{containerPort: 1, protocol: TCP}, {containerPort: 2, protocol: UDP}]',
    '[{containerPort: 3, protocol: TCP}]',
  ),
  portsCase(
    'lists keyed by two fields: merge and add',
    '[{containerPort: 1, protocol: TCP}, {containerPort: 2, protocol: UDP}]',
    '[{containerPort: 2, protocol: UDP, name: b}, {containerPort: 3, protocol: TCP}]',
  ),
  portsCase(
    'lists keyed by two fields: keys missing everywhere',
    '[{containerPort: 1}, {containerPort: 2}]',
    '[{containerPort: 3}, {containerPort: 1, name: a}]',
  ),
  portsCase(
    'lists keyed by two fields: a patch item without the second key',
    '[{containerPort: 1, protocol: TCP}, {containerPort: 2}]',
    '[{containerPort: 2, name: b}, {containerPort: 1, name: a}]',
  ),
  portsCase(
    'lists keyed by two fields: the same port in two protocols',
    '[{containerPort: 1, protocol: TCP}, {containerPort: 1, protocol: UDP}]',
    '[{containerPort: 1, name: a}, {containerPort: 1, protocol: UDP, $patch: delete}]',
  ),
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {spec: {containers: [{name: sidecar, $patch: delete}]}}}
`),
    name: '$patch: delete on a list item',
  },
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {spec: {securityContext: {runAsUser: 1}, initContainers: [{name: init, $patch: delete}]}}}
`),
    name: '$patch: delete emptying a list',
  },
  { ...smp(`apiVersion: v1\nkind: Service\nmetadata: {name: web}\n$patch: delete\n`), name: '$patch: delete on a whole object' },
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {$patch: replace, labels: {app: web, only: this}}
`),
    name: '$patch: replace on a map',
  },
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {spec: {containers: [{name: app, image: other:1, $patch: replace}]}}}
`),
    name: '$patch: replace on a list item',
  },
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {spec: {containers: [{$patch: replace}, {name: only, image: x:1}]}}}
`),
    name: '$patch: replace as a list item replaces the list',
  },
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  strategy: {$retainKeys: [type], type: Recreate}
  template: {spec: {volumes: [{name: conf, $retainKeys: [name, emptyDir], emptyDir: {}}]}}
`),
    name: '$retainKeys',
  },
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: sidecar}, {name: app}]
      containers: [{name: app, image: nginx:2}]
`),
    name: '$setElementOrder',
  },
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, finalizers: [a], $deleteFromPrimitiveList/finalizers: [b]}
`),
    name: '$deleteFromPrimitiveList',
  },
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: null}}
spec: {replicas: null, template: {spec: {containers: [{name: app, args: null, env: [{name: A, value: null}]}]}}}
`),
    name: 'null deletes fields',
  },
  {
    ...smp(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: app
        ports: [{containerPort: 8080}, {containerPort: 80, name: http}]
        env: [{name: Z, value: "z"}, {name: A, value: "changed"}]
        args: [--replaced]
        volumeMounts: [{name: extra, mountPath: /extra}]
      volumes: [{name: extra, emptyDir: {}}]
`),
    name: 'merge keys: ports, env, volumes, volumeMounts; plain lists replaced',
  },
  {
    files: {
      ...base('patches:\n- path: p.yaml\n', {
        'overlay/p.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      topologySpreadConstraints: [{topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, maxSkew: 2}]
`,
      }),
      'base/deploy.yaml': deployment('web', '      topologySpreadConstraints: [{topologyKey: host, whenUnsatisfiable: DoNotSchedule, maxSkew: 1}]\n'),
    },
    name: 'merge keys of fields newer than Kubernetes 1.13 (topologySpreadConstraints)',
  },
  {
    ...smp(`apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {items: [{name: c, v: 3}]}
`),
    name: 'custom resource lists are replaced',
  },
  {
    ...smp(`apiVersion: v1
kind: ServiceAccount
metadata: {name: runner, finalizers: [x, y]}
imagePullSecrets: [{name: pull}]
`),
    name: 'scalar list with merge strategy (finalizers) and keyed list',
  },
];

const roots = new Map<Case, string>();
let real: Map<string, { objects: ObjectSet; error?: string }>;

beforeAll(async () => {
  for (const c of [...FEATURES, ...DIRECTIVES]) roots.set(c, `${writeLayout(c.files)}/${c.root ?? 'overlay'}`);
  real = await kubectlBuilds([...roots.values()]);
});

function check(c: Case) {
  const root = roots.get(c)!;
  const theirs = real.get(root)!;
  expect(theirs.error, 'kubectl builds the layout').toBeUndefined();
  const ours = kubewardBuild(root);
  expect(ours.result.issues).toEqual([]);
  expect([...ours.objects.keys()].sort()).toEqual([...theirs.objects.keys()].sort());
  for (const [k, v] of theirs.objects) expect(ours.objects.get(k), k).toEqual(v);
}

describe('each Kustomize feature builds as kubectl kustomize does', () => {
  for (const c of FEATURES) it(c.name, () => check(c));
});

describe('each strategic-merge directive applies as in kubectl kustomize', () => {
  for (const c of DIRECTIVES) it(c.name, () => check(c));
});
