import rule from '../../shared-rules/src/rules/pod-host-pid-ipc';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  hostPID: true
  hostIPC: true
  containers:
    - name: app
      image: app:1.0
`);
const pid = kinds.at(1, 10);
const ipc = kinds.at(2, 10);

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
        hostPID: false
        hostIPC: false
        shareProcessNamespace: true
        containers:
          - name: web
            image: nginx:1.27
    `,
    {
      name: 'templated values are unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              hostPID: {{ .Values.hostPID }}
              hostIPC: {{ .Values.hostIPC | default false }}
              containers:
                - name: agent
                  image: agent:1.0
      `,
    },
    {
      name: 'suppressed by an annotation on the resource',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: node-exporter
          annotations:
            ignore.kubeward.io/pod-host-pid-ipc: "reads host process metrics"
        spec:
          template:
            spec:
              hostPID: true
              containers:
                - name: exporter
                  image: prom/node-exporter:v1.8.2
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind, both fields',
      code: kinds.code,
      errors: pid.flatMap((p, i) => [
        { ...p, endColumn: p.column + 4, messageId: 'hostPID' },
        { ...ipc[i]!, endColumn: ipc[i]!.column + 4, messageId: 'hostIPC' },
      ]),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
      `).code,
    },
    {
      name: 'the variant sets false',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: dump }
        spec:
          template:
            spec:
              hostIPC: true
              containers:
                - name: dump
                  image: dump:1.0
      `,
      errors: [{ line: 7, column: 16, endColumn: 20, message: 'Job "dump" shares the node\'s IPC namespace' }],
      output: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: dump }
        spec:
          template:
            spec:
              containers:
                - name: dump
                  image: dump:1.0
      `,
      fixes: [
        {
          title: 'Set hostIPC: false',
          output: yaml`
            apiVersion: batch/v1
            kind: Job
            metadata: { name: dump }
            spec:
              template:
                spec:
                  hostIPC: false
                  containers:
                    - name: dump
                      image: dump:1.0
          `,
        },
      ],
    },
    {
      name: 'flow style and a comment on the line',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec:
          hostPID: true # to debug node processes
          containers: [{name: debug, image: "busybox:1.36"}]
          securityContext: {}
      `,
      errors: [{ line: 5, column: 12, endColumn: 16, messageId: 'hostPID' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec:
          hostPID: false # to debug node processes
          containers: [{name: debug, image: "busybox:1.36"}]
          securityContext: {}
      `,
    },
    {
      name: 'in a flow mapping',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec: {containers: [{name: debug, image: "busybox:1.36"}], hostPID: true}
      `,
      errors: [{ line: 4, column: 69, endColumn: 73 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec: {containers: [{name: debug, image: "busybox:1.36"}]}
      `,
    },
    {
      name: 'Kustomize patch: reported, and set to false rather than removed',
      partial: true,
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              hostPID: true
      `,
      errors: [{ line: 7, column: 16, endColumn: 20 }],
      output: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              hostPID: false
      `,
    },
  ],
});
