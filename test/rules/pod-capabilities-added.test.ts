import rule from '../../shared-rules/src/rules/pod-capabilities-added';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const restricted = { profile: 'restricted' as const };

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
      securityContext:
        capabilities:
          add:
            - NET_BIND_SERVICE
            - SYS_ADMIN
`);

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      code: suppressedOnPodTemplate(rule.meta.id, kinds.spec),
    },
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: web
            image: nginx:1.27
            securityContext:
              capabilities:
                drop: [ALL]
                add: [NET_BIND_SERVICE, CHOWN, SETUID, SETGID, KILL, AUDIT_WRITE]
    `,
    {
      name: 'restricted profile: NET_BIND_SERVICE only',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }
      `,
    },
    {
      name: 'templated capabilities are unknown',
      code: yaml`
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
                      add: {{ toYaml .Values.capabilities | nindent 22 }}
                - name: sidecar
                  image: sidecar:1.0
                  securityContext:
                    capabilities:
                      add:
                        - {{ .Values.extraCapability }}
      `,
    },
    {
      name: 'empty add list',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                capabilities:
                  add:
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: vpn }
        spec:
          containers:
            - name: vpn
              image: vpn:1.0
              securityContext:
                capabilities:
                  # kubeward-disable-next-line pod-capabilities-added -- the VPN sets up routes
                  add: [NET_ADMIN]
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind',
      code: kinds.code,
      errors: kinds.at(8, 13).map((p) => ({ ...p, endColumn: p.column + 9, messageId: 'dangerous', severity: 'error' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
            securityContext:
              capabilities:
                add:
                  - NET_BIND_SERVICE
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'exact names as Pod Security Admission compares them; ALL; init and ephemeral containers',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: tools }
        spec:
          initContainers:
            - name: init
              image: init:1.0
              securityContext:
                capabilities:
                  add: [CAP_CHOWN, ALL]
          containers:
            - name: main
              image: main:1.0
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                capabilities:
                  add:
                  - sys_ptrace
      `,
      errors: [
        { line: 10, column: 17, endColumn: 26, messageId: 'baseline', message: 'Container "init" adds capability CAP_CHOWN, which the baseline' },
        { line: 10, column: 28, endColumn: 31, messageId: 'dangerous', message: 'Container "init" adds capability ALL' },
        { line: 20, column: 13, endColumn: 23, messageId: 'dangerous', message: 'Container "debug" adds capability sys_ptrace' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: tools }
        spec:
          initContainers:
            - name: init
              image: init:1.0
              securityContext:
                capabilities:
                  add: []
          containers:
            - name: main
              image: main:1.0
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                capabilities:
      `,
    },
    {
      name: 'restricted profile: default capabilities are reported too, as warnings',
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
                  image: nginx:1.27
                  securityContext:
                    capabilities:
                      add:
                        - NET_BIND_SERVICE
                        - CHOWN
                        - NET_RAW
      `,
      errors: [
        {
          line: 14,
          column: 19,
          endColumn: 24,
          messageId: 'restricted',
          severity: 'warning',
          message: 'Container "web" adds capability CHOWN; restricted allows only NET_BIND_SERVICE',
        },
        { line: 15, column: 19, endColumn: 26, messageId: 'baseline', severity: 'error' },
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
                      add:
                        - NET_BIND_SERVICE
      `,
    },
    {
      name: 'the same file under baseline: CHOWN is allowed',
      code: yaml`
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
                      add:
                        - NET_BIND_SERVICE
                        - CHOWN  # files on the volume
                        - NET_RAW
      `,
      errors: [{ line: 15, column: 19, endColumn: 26, messageId: 'baseline' }],
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
                      add:
                        - NET_BIND_SERVICE
                        - CHOWN  # files on the volume
      `,
    },
    {
      name: '4-space file, flush sequence, every entry removed',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: net
        spec:
            containers:
            -   name: net
                image: net:1.0
                securityContext:
                    capabilities:
                        add:
                        - NET_ADMIN
                        - SYS_MODULE
                        drop:
                        - ALL
      `,
      errors: [
        { line: 12, column: 19, endColumn: 28, messageId: 'dangerous' },
        { line: 13, column: 19, endColumn: 29, messageId: 'dangerous' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: net
        spec:
            containers:
            -   name: net
                image: net:1.0
                securityContext:
                    capabilities:
                        drop:
                        - ALL
      `,
    },
    {
      name: 'a comment inside the entries to remove: no fix',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: net }
        spec:
          containers:
            - name: net
              image: net:1.0
              securityContext:
                capabilities:
                  add:
                    - NET_ADMIN # routes
                    - CHOWN
      `,
      errors: [{ line: 11, column: 15, endColumn: 24 }],
      output: null,
    },
    {
      name: 'a templated entry is unknown, the literal ones are judged',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                capabilities:
                  add:
                    - {{ .Values.extraCapability }}
                    - SYS_ADMIN
      `,
      errors: [{ line: 12, column: 15, endColumn: 24, messageId: 'dangerous' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                capabilities:
                  add:
                    - {{ .Values.extraCapability }}
      `,
    },
    {
      name: 'Kustomize patch: a present capability is still reported',
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
                      add: ["SYS_ADMIN"]
      `,
      errors: [{ line: 11, column: 21, endColumn: 32 }],
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
                      add: []
      `,
    },
  ],
});
