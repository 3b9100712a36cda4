import rule from '../../shared-rules/src/rules/image-tag-mutable';
import { everyKind } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:latest
`);

const lists = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: web }
  spec:
    initContainers:
      - name: init
        image: registry:5000/tools
    containers:
      - { name: web, image: "nginx" }
      - name: api
        image: ghcr.io/acme/api:latest  # pinned by the release job
    ephemeralContainers:
      - name: debug
        image: 'busybox'
`;

ruleTester(rule, {
  valid: [
    {
      name: 'build-tool placeholders are replaced before anything runs',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - { name: a, image: CONTAINER_IMAGE }
            - { name: b, image: "IMAGE_NAME:TAG" }
            - { name: c, image: "\${IMAGE}" }
            - { name: d, image: $APP_IMAGE }
            - { name: e, image: <image> }
            - { name: f, image: __IMAGE__ }
      `,
    },
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: a
            image: nginx:1.27.3
          - name: b
            image: registry:5000/team/app:2.1
          - name: c
            image: nginx@sha256:0f0c1d3a4e5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1
          - name: d
            image: nginx:latest@sha256:0f0c1d3a4e5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1
    `,
    {
      name: 'templated images are unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: a
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
                - name: b
                  image: {{ .Values.image }}
                - name: c
                  image: acme/app{{ .Values.suffix }}
      `,
    },
    {
      name: 'suppressed by an annotation on the pod template',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: dev }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/image-tag-mutable: "dev environment tracks latest"
            spec:
              containers:
                - name: dev
                  image: dev:latest
      `,
    },
    {
      name: 'not a workload',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data:
          image: nginx:latest
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind',
      code: kinds.code,
      errors: kinds.at(3, 12).map((p) => ({ ...p, endColumn: p.column + 10, messageId: 'latest', severity: 'warning' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:<tag>
      `).code,
      applicability: 'display-only',
    },
    {
      name: 'no tag, a registry port, quoting kept, a comment kept; every container list',
      code: lists,
      errors: [
        { ...where(lists, 'registry:5000/tools'), messageId: 'none', message: 'Container "init" uses image "registry:5000/tools" without a tag' },
        { ...where(lists, '"nginx"'), messageId: 'none', message: 'Container "web" uses image "nginx"' },
        { ...where(lists, 'ghcr.io/acme/api:latest'), messageId: 'latest' },
        { ...where(lists, "'busybox'"), messageId: 'none' },
      ],
      output: lists
        .replace('registry:5000/tools', 'registry:5000/tools:<tag>')
        .replace('"nginx"', '"nginx:<tag>"')
        .replace('ghcr.io/acme/api:latest', 'ghcr.io/acme/api:<tag>')
        .replace("'busybox'", "'busybox:<tag>'"),
    },
    {
      name: 'Kustomize patch: a present image is still reported',
      partial: true,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx
      `,
      errors: [{ line: 9, column: 18, endColumn: 23, messageId: 'none' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx:<tag>
      `,
    },
  ],
});
