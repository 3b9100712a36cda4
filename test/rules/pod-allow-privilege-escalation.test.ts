import rule from '../../shared-rules/src/rules/pod-allow-privilege-escalation';
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

const mixed = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web }
  spec:
    template:
      spec:
        initContainers:
          - name: init
            image: init:1.0
            securityContext:
              runAsNonRoot: true
        containers:
          - name: web
            image: nginx:1.27
            securityContext: { allowPrivilegeEscalation: true }
          - name: ok
            image: ok:1.0
            securityContext:
              allowPrivilegeEscalation: false
        ephemeralContainers:
          - name: debug
            image: busybox:1.36
            securityContext:
`;

ruleTester(rule, {
  valid: [
    {
      name: 'restricted: every container sets false',
      config: restricted,
      code: everyKind(yaml`
        initContainers:
          - name: init
            image: init:1.0
            securityContext:
              allowPrivilegeEscalation: false
        containers:
          - name: app
            image: app:1.0
            securityContext: { allowPrivilegeEscalation: false }
      `).code,
    },
    { name: 'baseline profile: the rule does not run', code: missing.code },
    {
      name: 'restricted: Helm whole-line toYaml and an inline template stand for the field',
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
                  securityContext: {{ toYaml .Values.sidecar.securityContext | nindent 12 }}
                - name: exporter
                  image: exporter:1.0
                  securityContext:
                    allowPrivilegeEscalation: {{ .Values.exporter.allowPrivilegeEscalation }}
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
                  image: nginx:1.28
      `,
    },
    {
      name: 'restricted: Windows pods are exempt',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          os:
            name: windows
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      `,
    },
    {
      name: 'restricted: suppressed by an annotation on the pod template',
      config: restricted,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: legacy }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/pod-allow-privilege-escalation: "uses sudo until v2"
            spec:
              containers:
                - name: legacy
                  image: legacy:1.0
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
              allowPrivilegeEscalation: false
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'restricted: true, missing, null securityContext; every container list',
      config: restricted,
      code: mixed,
      errors: [
        { ...where(mixed, 'securityContext', 1), messageId: 'missing', message: 'Container "init" does not set allowPrivilegeEscalation: false' },
        { ...where(mixed, 'true', 2), messageId: 'allowed', message: 'Container "web" sets allowPrivilegeEscalation: true' },
        { ...where(mixed, 'securityContext', 4), messageId: 'missing', message: 'Container "debug"' },
      ],
      output: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: init:1.0
                  securityContext:
                    runAsNonRoot: true
                    allowPrivilegeEscalation: false
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext: { allowPrivilegeEscalation: false }
                - name: ok
                  image: ok:1.0
                  securityContext:
                    allowPrivilegeEscalation: false
              ephemeralContainers:
                - name: debug
                  image: busybox:1.36
                  securityContext:
                    allowPrivilegeEscalation: false
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
                  initContainers:
                    - name: init
                      image: init:1.0
                      securityContext:
                        runAsNonRoot: true
                        allowPrivilegeEscalation: false
                        capabilities:
                          drop:
                            - ALL
                        readOnlyRootFilesystem: true
                  containers:
                    - name: web
                      image: nginx:1.27
                      securityContext: { allowPrivilegeEscalation: true, capabilities: {drop: [ALL]}, readOnlyRootFilesystem: true }
                    - name: ok
                      image: ok:1.0
                      securityContext:
                        allowPrivilegeEscalation: false
                        capabilities:
                          drop:
                            - ALL
                        readOnlyRootFilesystem: true
                  ephemeralContainers:
                    - name: debug
                      image: busybox:1.36
                      securityContext:
                        allowPrivilegeEscalation: false
                        capabilities:
                          drop:
                            - ALL
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
      name: 'restricted: a privileged container can always escalate, so no fix is offered',
      config: restricted,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: node-agent }
        spec:
          containers:
            - name: agent
              image: agent:1.0
              securityContext:
                privileged: true
            - name: admin
              image: admin:1.0
              securityContext:
                allowPrivilegeEscalation: true
                capabilities: { add: [SYS_ADMIN] }
      `,
      errors: [
        { line: 8, column: 7, endColumn: 22, messageId: 'missing' },
        { line: 13, column: 35, endColumn: 39, messageId: 'allowed' },
      ],
      output: null,
    },
    {
      name: 'restricted: 4-space indentation, flush sequences',
      config: restricted,
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
            name: report
        spec:
            schedule: "0 3 * * *"
            jobTemplate:
                spec:
                    template:
                        spec:
                            containers:
                            -   name: report
                                image: report:1.0
                                args:
                                - --all
                            restartPolicy: OnFailure
      `,
      errors: [{ line: 12, column: 31, endColumn: 37, messageId: 'missing' }],
      output: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
            name: report
        spec:
            schedule: "0 3 * * *"
            jobTemplate:
                spec:
                    template:
                        spec:
                            containers:
                            -   name: report
                                image: report:1.0
                                args:
                                - --all
                                securityContext:
                                    allowPrivilegeEscalation: false
                            restartPolicy: OnFailure
      `,
    },
    {
      name: 'restricted: flow style container, CRLF',
      config: restricted,
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: { name: web }\r\nspec:\r\n  containers: [{ name: web, image: "nginx:1.27" }]\r\n',
      errors: [{ line: 5, column: 24, endColumn: 27, messageId: 'missing' }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata: { name: web }\r\nspec:\r\n  containers: [{ name: web, image: "nginx:1.27", securityContext: {allowPrivilegeEscalation: false} }]\r\n',
    },
  ],
});
