import rule from '../../shared-rules/src/rules/pod-seccomp';
import { everyKind } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const restricted = { profile: 'restricted' as const };

const unconfinedKinds = everyKind(yaml`
  securityContext:
    seccompProfile:
      type: Unconfined
  containers:
    - name: app
      image: app:1.0
`);

const missingKinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
`);
/** Where the pod spec's own key is, in each document. */
const specKeys = missingKinds.at(1, 1).map((p) => ({ line: p.line - 1, column: p.column - 2, endColumn: p.column + 2 }));

const overrides = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: web }
  spec:
    securityContext:
      seccompProfile:
        type: RuntimeDefault
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          seccompProfile: { type: Unconfined }
      - name: sidecar
        image: sidecar:1.0
`;

const helmPod = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web }
  spec:
    template:
      spec:
        securityContext: {{- toYaml .Values.podSecurityContext | nindent 8 }}
        containers:
          - name: web
            image: nginx:1.27
`;

const helmContainers = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web }
  spec:
    template:
      spec:
        containers:
          - name: web
            image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
            securityContext:
              {{- toYaml .Values.securityContext | nindent 12 }}
`;

const patch = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web }
  spec:
    template:
      spec:
        containers:
          - name: web
            resources:
              limits: { memory: 256Mi }
`;

const annotated = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web }
  spec:
    template:
      metadata:
        annotations:
          seccomp.security.alpha.kubernetes.io/pod: runtime/default
          container.seccomp.security.alpha.kubernetes.io/sidecar: localhost/sidecar.json
      spec:
        containers:
          - name: web
            image: nginx:1.27
          - name: sidecar
            image: sidecar:1.0
`;

ruleTester(rule, {
  valid: [
    {
      name: 'baseline: a missing profile is not reported',
      code: missingKinds.code,
    },
    {
      name: 'restricted: the pod level covers every container',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            seccompProfile:
              type: RuntimeDefault
          initContainers:
            - name: init
              image: init:1.0
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'restricted: every container sets its own',
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
                seccompProfile: { type: Localhost, localhostProfile: profiles/web.json }
            - name: sidecar
              image: sidecar:1.0
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
      `,
    },
    { name: 'restricted: a templated pod securityContext is unknown', config: restricted, code: helmPod },
    { name: 'restricted: a whole-line toYaml under the container securityContext is unknown', config: restricted, code: helmContainers },
    { name: 'restricted: a Kustomize patch may leave it to the base', config: restricted, partial: true, code: patch },
    {
      name: 'restricted: Windows pods are exempt',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          os: { name: windows }
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      `,
    },
    {
      name: 'restricted: the alpha annotations still count for a target below Kubernetes 1.27',
      config: { ...restricted, kubernetesVersion: '1.26' },
      code: annotated,
    },
    {
      name: 'suppressed by an annotation on the pod template',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: strace }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/pod-seccomp: "traces system calls"
            spec:
              securityContext:
                seccompProfile: { type: Unconfined }
              containers:
                - name: strace
                  image: strace:1.0
      `,
    },
  ],
  invalid: [
    {
      name: 'baseline: Unconfined on the pod, every workload kind',
      code: unconfinedKinds.code,
      errors: unconfinedKinds.at(3, 11).map((p) => ({ ...p, endColumn: p.column + 10, messageId: 'unconfined', severity: 'error' as const })),
      output: everyKind(yaml`
        securityContext:
          seccompProfile:
            type: RuntimeDefault
        containers:
          - name: app
            image: app:1.0
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'baseline: Unconfined in a container overrides a confining pod profile',
      code: overrides,
      errors: [{ ...where(overrides, 'Unconfined'), messageId: 'unconfined', message: 'Container "web" sets seccompProfile.type: Unconfined' }],
      output: overrides.replace('{ type: Unconfined }', '{ type: RuntimeDefault }'),
    },
    {
      name: 'restricted: the same file has nothing more to report',
      config: restricted,
      code: overrides,
      errors: [{ ...where(overrides, 'Unconfined'), messageId: 'unconfined' }],
      output: overrides.replace('{ type: Unconfined }', '{ type: RuntimeDefault }'),
    },
    {
      name: 'an unknown profile type',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            seccompProfile:
              type: "runtime/default"
          containers:
            - name: web
              image: nginx:1.27
      `,
      errors: [{ line: 7, column: 13, endColumn: 30, messageId: 'invalid', severity: 'warning' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            seccompProfile:
              type: "RuntimeDefault"
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'restricted: missing everywhere, every workload kind',
      config: restricted,
      code: missingKinds.code,
      errors: specKeys.map((p) => ({ ...p, messageId: 'missing', severity: 'warning' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
        securityContext:
          seccompProfile:
            type: RuntimeDefault
      `).code,
    },
    {
      name: 'restricted: the message lists the containers left unfiltered; the combined fix',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            runAsUser: 10001
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                seccompProfile: { type: RuntimeDefault }
            - name: sidecar
              image: sidecar:1.0
              securityContext: {}
          initContainers:
            - name: init
              image: init:1.0
      `,
      errors: [
        { line: 6, column: 3, endColumn: 18, messageId: 'missing', message: 'Pod "web" runs containers "sidecar" and "init" without a seccomp profile' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            runAsUser: 10001
            seccompProfile:
              type: RuntimeDefault
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                seccompProfile: { type: RuntimeDefault }
            - name: sidecar
              image: sidecar:1.0
              securityContext: {}
          initContainers:
            - name: init
              image: init:1.0
      `,
      fixes: [
        {
          title: 'Apply the restricted securityContext',
          output: yaml`
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              securityContext:
                runAsUser: 10001
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext:
                    seccompProfile: { type: RuntimeDefault }
                    allowPrivilegeEscalation: false
                    capabilities:
                      drop:
                        - ALL
                    readOnlyRootFilesystem: true
                - name: sidecar
                  image: sidecar:1.0
                  securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, readOnlyRootFilesystem: true}
              initContainers:
                - name: init
                  image: init:1.0
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities:
                      drop:
                        - ALL
                    readOnlyRootFilesystem: true
          `,
        },
      ],
    },
    {
      name: 'restricted: the alpha annotations are ignored from Kubernetes 1.27, and the message says so',
      config: restricted,
      code: annotated,
      errors: [
        {
          line: 10,
          column: 5,
          endColumn: 9,
          messageId: 'annotation',
          message: 'Deployment "web" sets seccomp only by annotation, which Kubernetes ignores since 1.27',
        },
      ],
      output: annotated + '      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n',
    },
    {
      name: 'restricted: 4-space indentation and flush sequences',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
            name: web
        spec:
            template:
                spec:
                    containers:
                    -   name: web
                        image: nginx:1.27
                    securityContext:
                        seccompProfile:
      `,
      errors: [{ line: 12, column: 17, endColumn: 31, messageId: 'missing' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
            name: web
        spec:
            template:
                spec:
                    containers:
                    -   name: web
                        image: nginx:1.27
                    securityContext:
                        seccompProfile:
                            type: RuntimeDefault
      `,
    },
    {
      name: 'restricted: flow style',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec: { securityContext: { runAsNonRoot: true }, containers: [{ name: web, image: "nginx:1.27" }] }
      `,
      errors: [{ line: 4, column: 9, endColumn: 24, messageId: 'missing' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec: { securityContext: { runAsNonRoot: true, seccompProfile: {type: RuntimeDefault} }, containers: [{ name: web, image: "nginx:1.27" }] }
      `,
    },
    {
      name: 'restricted: profile switch through config; templated image does not matter',
      config: restricted,
      code: helmContainers.replace('{{- toYaml .Values.securityContext | nindent 12 }}', 'runAsNonRoot: true'),
      errors: [{ line: 6, column: 5, endColumn: 9, messageId: 'missing' }],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                  securityContext:
                    runAsNonRoot: true
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
      `,
    },
  ],
});
