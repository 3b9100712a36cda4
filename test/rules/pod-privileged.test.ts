import rule from '../../shared-rules/src/rules/pod-privileged';
import { everyKind } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
      securityContext:
        privileged: true
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext: { privileged: true }
`);

ruleTester(rule, {
  valid: [
    {
      name: "a CRD's schema and a custom resource without pod templates are not pods",
      code: yaml`
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: { name: widgets.example.com }
        spec:
          versions:
            - name: v1
              template:
                spec:
                  containers: [{ name: x, securityContext: { privileged: true } }]
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: { name: w }
        spec:
          securityContext: { privileged: true }
      `,
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
              privileged: false
    `,
    {
      name: 'not a workload',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data:
          privileged: "true"
      `,
    },
    {
      name: 'templated value is unknown, not a finding',
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
                    privileged: {{ .Values.privileged }}
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                # kubeward-disable-next-line pod-privileged -- node agent needs devices
                privileged: true
      `,
    },
    {
      name: 'suppressed by annotation on the pod template',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/pod-privileged: "node agent"
            spec:
              containers:
                - name: agent
                  image: agent:1.0
                  securityContext: { privileged: true }
      `,
    },
  ],
  invalid: [
    {
      name: 'pod templates inside custom resources: Argo Rollout, PyTorchJob replicas, Knative, Flink, Argo Workflow, Tekton',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - { name: web, image: "nginx:1.27", securityContext: { privileged: true } }
        ---
        apiVersion: kubeflow.org/v1
        kind: PyTorchJob
        metadata: { name: train }
        spec:
          pytorchReplicaSpecs:
            Master:
              template:
                spec:
                  containers: [{ name: master, securityContext: { privileged: true } }]
            Worker:
              template:
                spec:
                  containers: [{ name: worker, securityContext: { privileged: true } }]
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: { name: hello }
        spec:
          template:
            spec:
              containers: [{ name: hello, securityContext: { privileged: true } }]
        ---
        apiVersion: flink.apache.org/v1beta1
        kind: FlinkDeployment
        metadata: { name: flink }
        spec:
          jobManager:
            podTemplate:
              apiVersion: v1
              kind: Pod
              spec:
                containers: [{ name: flink-main-container, securityContext: { privileged: true } }]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: wf }
        spec:
          templates:
            - name: main
              container: { image: "alpine:3.20", securityContext: { privileged: true } }
        ---
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: { name: build }
        spec:
          steps:
            - { name: build, securityContext: { privileged: true } }
      `,
      errors: [
        { line: 8, column: 76, endColumn: 80, message: 'Container "web" runs privileged' },
        { line: 18, column: 71, endColumn: 75, message: 'Container "master" runs privileged' },
        { line: 22, column: 71, endColumn: 75, message: 'Container "worker" runs privileged' },
        { line: 30, column: 66, endColumn: 70, message: 'Container "hello" runs privileged' },
        { line: 41, column: 83, endColumn: 87, message: 'Container "flink-main-container" runs privileged' },
        { line: 49, column: 73, endColumn: 77, message: 'Container "main" runs privileged' },
        { line: 56, column: 53, endColumn: 57, message: 'Container "build" runs privileged' },
      ],
      output: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - { name: web, image: "nginx:1.27", securityContext: { privileged: false } }
        ---
        apiVersion: kubeflow.org/v1
        kind: PyTorchJob
        metadata: { name: train }
        spec:
          pytorchReplicaSpecs:
            Master:
              template:
                spec:
                  containers: [{ name: master, securityContext: { privileged: false } }]
            Worker:
              template:
                spec:
                  containers: [{ name: worker, securityContext: { privileged: false } }]
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: { name: hello }
        spec:
          template:
            spec:
              containers: [{ name: hello, securityContext: { privileged: false } }]
        ---
        apiVersion: flink.apache.org/v1beta1
        kind: FlinkDeployment
        metadata: { name: flink }
        spec:
          jobManager:
            podTemplate:
              apiVersion: v1
              kind: Pod
              spec:
                containers: [{ name: flink-main-container, securityContext: { privileged: false } }]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: wf }
        spec:
          templates:
            - name: main
              container: { image: "alpine:3.20", securityContext: { privileged: false } }
        ---
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: { name: build }
        spec:
          steps:
            - { name: build, securityContext: { privileged: false } }
      `,
    },
    {
      name: 'every workload kind, containers and ephemeral containers',
      code: kinds.code,
      errors: kinds.at(5, 19).flatMap((p, i) => [
        { ...p, endColumn: p.column + 4, message: 'Container "app" runs privileged' },
        { ...kinds.at(9, 36)[i]!, endColumn: kinds.at(9, 36)[i]!.column + 4, message: 'Container "debug" runs privileged' },
      ]),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
            securityContext:
              privileged: false
        ephemeralContainers:
          - name: debug
            image: busybox:1.36
            securityContext: { privileged: false }
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'a Kustomize patch still reports a present bad value; 4-space indentation',
      partial: true,
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
                            securityContext:
                                privileged: true
      `,
      errors: [{ line: 11, column: 37, endColumn: 41 }],
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
                            securityContext:
                                privileged: false
      `,
    },
    {
      name: 'block style, keeps the trailing comment',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                privileged: true  # needed?
      `,
      errors: [{ line: 10, column: 21, endColumn: 25, messageId: 'privileged', message: 'Container "web" runs privileged' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                privileged: false  # needed?
      `,
      applicability: 'unsafe',
    },
    {
      name: 'YAML 1.1 "yes" is true for Kubernetes; init and ephemeral containers; CronJob',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: job }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                  - name: init
                    securityContext: { privileged: yes }
                  containers:
                  - name: main
                    securityContext:
                      privileged: true
      `,
      errors: [
        { line: 11, column: 44, endColumn: 47 },
        { line: 15, column: 27, endColumn: 31 },
      ],
      output: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: job }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                  - name: init
                    securityContext: { privileged: false }
                  containers:
                  - name: main
                    securityContext:
                      privileged: false
      `,
    },
  ],
});
