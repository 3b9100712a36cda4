import rule from '../../shared-rules/src/rules/pod-restricted-volume-types';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const restricted = { profile: 'restricted' as const };

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
  volumes:
    - name: repo
      gitRepo:
        repository: https://example.com/repo.git
`);

const several = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: web }
  spec:
    containers:
      - name: web
        image: nginx:1.27
    volumes:
      - name: shared
        nfs: { server: nfs.example.com, path: /exports }
      - name: node
        hostPath: { path: /var/log }
      - name: disk
        awsElasticBlockStore:
          volumeID: vol-0123456789
      - name: image
        image: { reference: "registry.example.com/models:1.0" }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      config: restricted,
      code: suppressedOnPodTemplate(rule.meta.id, kinds.spec),
    },
    {
      name: 'restricted: the allowed volume types',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
          volumes:
            - { name: a, configMap: { name: cfg } }
            - { name: b, csi: { driver: secrets-store.csi.k8s.io } }
            - { name: c, downwardAPI: { items: [] } }
            - { name: d, emptyDir: {} }
            - { name: e, ephemeral: { volumeClaimTemplate: { spec: {} } } }
            - { name: f, persistentVolumeClaim: { claimName: data } }
            - { name: g, projected: { sources: [] } }
            - { name: h, secret: { secretName: tls } }
      `,
    },
    { name: 'baseline profile: the rule does not run', code: several },
    {
      name: 'restricted: a volume whose source is templated is unknown',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
          volumes:
            - name: data
              {{- toYaml .Values.dataVolume | nindent 6 }}
            - name: extra
              {{ .Values.volumeType }}: {{ toYaml .Values.volumeSource }}
      `,
    },
  ],
  invalid: [
    {
      name: 'restricted: every workload kind',
      config: restricted,
      code: kinds.code,
      errors: kinds.at(6, 5).map((p) => ({ ...p, endColumn: p.column + 7, messageId: 'volumeType', severity: 'info' as const })),
      output: null,
    },
    {
      name: 'restricted: several types; hostPath is left to pod-hostpath-volume; image volumes are not on the list',
      config: restricted,
      code: several,
      errors: [
        { ...where(several, 'nfs'), message: 'Pod "web" uses a nfs volume ("shared")' },
        { ...where(several, 'awsElasticBlockStore') },
        { ...where(several, 'image:', 2), endColumn: where(several, 'image:', 2).column + 5, message: 'uses a image volume ("image")' },
      ],
      output: null,
    },
    {
      name: 'restricted: a Kustomize patch still reports a present volume',
      config: restricted,
      partial: true,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              volumes:
                - name: shared
                  cephfs: { monitors: ["10.0.0.1:6789"] }
      `,
      errors: [{ line: 9, column: 11, endColumn: 17 }],
      output: null,
    },
  ],
});
