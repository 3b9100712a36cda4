import rule from '../../shared-rules/src/rules/pod-capabilities-not-dropped';
import { everyKind } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const restricted = { profile: 'restricted' as const };

const missing = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
`);

const partialDrops = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web }
  spec:
    template:
      spec:
        containers:
          - name: web
            image: nginx:1.27
            securityContext:
              capabilities:
                drop:
                  - NET_RAW
                add: [NET_BIND_SERVICE]
          - name: sidecar
            image: sidecar:1.0
            securityContext:
              capabilities: { drop: [all] }
          - name: metrics
            image: metrics:1.0
            securityContext:
              capabilities:
                drop: []
`;

ruleTester(rule, {
  valid: [
    {
      name: 'restricted: ALL dropped everywhere',
      config: restricted,
      code: everyKind(yaml`
        initContainers:
          - name: init
            image: init:1.0
            securityContext:
              capabilities:
                drop: [ALL]
        containers:
          - name: app
            image: app:1.0
            securityContext:
              capabilities:
                drop:
                  - NET_RAW
                  - ALL
                add:
                  - NET_BIND_SERVICE
      `).code,
    },
    { name: 'baseline profile: the rule does not run', code: missing.code },
    {
      name: 'restricted: Helm toYaml and templated drop lists are unknown',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: "{{ .Values.image }}"
                  securityContext:
                    {{- toYaml .Values.securityContext | nindent 12 }}
                - name: sidecar
                  image: sidecar:1.0
                  securityContext:
                    capabilities:
                      drop:
                        - {{ .Values.dropCapability }}
                - name: exporter
                  image: exporter:1.0
                  securityContext:
                    capabilities: {{ toYaml .Values.capabilities | nindent 14 }}
      `,
    },
    {
      name: 'restricted: a Kustomize patch may leave the field to the base',
      config: restricted,
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
                  securityContext:
                    runAsUser: 10001
      `,
    },
    {
      name: 'restricted: suppressed by an annotation on the pod template',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: ping }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/pod-capabilities-not-dropped: "needs NET_RAW for ICMP probes"
            spec:
              containers:
                - name: ping
                  image: ping:1.0
      `,
    },
  ],
  invalid: [
    {
      name: 'restricted: missing, every workload kind',
      config: restricted,
      code: missing.code,
      errors: missing.at(2, 11).map((p) => ({ ...p, endColumn: p.column + 3, messageId: 'missing', severity: 'warning' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
            securityContext:
              capabilities:
                drop:
                  - ALL
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'restricted: a drop list without ALL, a lower-case all, an empty list',
      config: restricted,
      code: partialDrops,
      errors: [
        { ...where(partialDrops, 'drop', 1), messageId: 'noAll', message: 'Container "web" drops some capabilities but not ALL' },
        { ...where(partialDrops, 'all'), messageId: 'lowercase', message: 'Container "sidecar" drops "all"; Pod Security Admission accepts only "ALL"' },
        { ...where(partialDrops, 'drop', 3), messageId: 'noAll' },
      ],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext:
                    capabilities:
                      drop:
                        - NET_RAW
                        - ALL
                      add: [NET_BIND_SERVICE]
                - name: sidecar
                  image: sidecar:1.0
                  securityContext:
                    capabilities: { drop: [ALL] }
                - name: metrics
                  image: metrics:1.0
                  securityContext:
                    capabilities:
                      drop: [ALL]
      `,
      fixes: [
        {
          title: 'Apply the restricted securityContext',
          output: yaml`
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: web }
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
                      securityContext:
                        capabilities:
                          drop:
                            - NET_RAW
                            - ALL
                          add: [NET_BIND_SERVICE]
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                    - name: sidecar
                      image: sidecar:1.0
                      securityContext:
                        capabilities: { drop: [all, ALL] }
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                    - name: metrics
                      image: metrics:1.0
                      securityContext:
                        capabilities:
                          drop: [ALL]
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile:
                      type: RuntimeDefault
          `,
        },
      ],
    },
    {
      name: 'restricted: capabilities without drop, 4-space, flush',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: web
        spec:
            containers:
            -   name: web
                image: nginx:1.27
                securityContext:
                    capabilities:
                        add:
                        - NET_BIND_SERVICE
      `,
      errors: [{ line: 10, column: 13, endColumn: 25, messageId: 'missing' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: web
        spec:
            containers:
            -   name: web
                image: nginx:1.27
                securityContext:
                    capabilities:
                        add:
                        - NET_BIND_SERVICE
                        drop:
                        - ALL
      `,
    },
    {
      name: 'restricted: a file written with "-   " items: ALL is appended and a new drop list written with "-   "',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: web
        spec:
            containers:
            -   name: web
                image: nginx:1.27
                securityContext:
                    capabilities:
                        drop:
                        -   NET_RAW
            -   name: sidecar
                image: sidecar:1.0
                securityContext:
                    capabilities:
                        add:
                        -   NET_BIND_SERVICE
      `,
      errors: [
        { line: 11, column: 17, endColumn: 21, messageId: 'noAll' },
        { line: 16, column: 13, endColumn: 25, messageId: 'missing' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: web
        spec:
            containers:
            -   name: web
                image: nginx:1.27
                securityContext:
                    capabilities:
                        drop:
                        -   NET_RAW
                        -   ALL
            -   name: sidecar
                image: sidecar:1.0
                securityContext:
                    capabilities:
                        add:
                        -   NET_BIND_SERVICE
                        drop:
                        -   ALL
      `,
    },
    {
      name: 'restricted: a Kustomize patch still reports a present list without ALL',
      config: restricted,
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
                  securityContext:
                    capabilities:
                      drop: [NET_RAW]
      `,
      errors: [{ line: 11, column: 15, endColumn: 19, messageId: 'noAll' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  securityContext:
                    capabilities:
                      drop: [NET_RAW, ALL]
      `,
    },
  ],
});
