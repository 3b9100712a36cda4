import rule from '../../shared-rules/src/rules/pod-hostprocess';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  securityContext:
    windowsOptions:
      hostProcess: true
  containers:
    - name: app
      image: app:1.0
`);

const levels = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: win }
  spec:
    hostNetwork: true
    containers:
      - name: agent
        image: agent:1.0
        securityContext:
          windowsOptions: { hostProcess: true, runAsUserName: "NT AUTHORITY\\SYSTEM" }
    initContainers:
      - name: init
        image: init:1.0
        securityContext:
          windowsOptions:
            hostProcess: false
`;

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      code: suppressedOnPodTemplate(rule.meta.id, kinds.spec),
    },
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: win }
      spec:
        securityContext:
          windowsOptions:
            runAsUserName: ContainerUser
        containers:
          - name: app
            image: app:1.0
            securityContext:
              windowsOptions: { hostProcess: false }
    `,
    {
      name: 'templated value is unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: win }
        spec:
          template:
            spec:
              securityContext:
                windowsOptions:
                  hostProcess: {{ .Values.hostProcess }}
              containers:
                - name: app
                  image: app:1.0
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: win-agent
          annotations:
            ignore.kubeward.io/pod-hostprocess: "node management agent"
        spec:
          template:
            spec:
              securityContext:
                windowsOptions:
                  hostProcess: true
              containers:
                - name: app
                  image: app:1.0
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind (pod level)',
      code: kinds.code,
      errors: kinds.at(3, 18).map((p) => ({ ...p, endColumn: p.column + 4, messageId: 'hostProcess' })),
      output: everyKind(yaml`
        securityContext:
          windowsOptions:
            hostProcess: false
        containers:
          - name: app
            image: app:1.0
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'container level, flow style',
      code: levels,
      errors: [{ ...where(levels, 'true', 2), message: 'Container "agent" sets windowsOptions.hostProcess: true' }],
      output: levels.replace('{ hostProcess: true,', '{ hostProcess: false,'),
    },
    {
      name: 'the pod level is named after the object',
      code: kinds.code.split('---\n')[1]!,
      errors: [{ line: 10, column: 24, endColumn: 28, message: 'Deployment "deployment" sets windowsOptions.hostProcess: true' }],
      output: everyKind(yaml`
        securityContext:
          windowsOptions:
            hostProcess: false
        containers:
          - name: app
            image: app:1.0
      `).code.split('---\n')[1]!,
    },
  ],
});
