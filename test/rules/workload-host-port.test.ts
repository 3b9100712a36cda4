import rule from '../../shared-rules/src/rules/workload-host-port';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
      ports:
        - containerPort: 8080
          hostPort: 80
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
            ports:
              - containerPort: 80
              - containerPort: 443
                hostPort: 0
    `,
    {
      name: 'templated host port is unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: ingress }
        spec:
          template:
            spec:
              containers:
                - name: controller
                  image: controller:1.0
                  ports:
                    - containerPort: 80
                      hostPort: {{ .Values.hostPort }}
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
              ports:
                - containerPort: 80
                  # kubeward-disable-next-line workload-host-port -- bare-metal edge node
                  hostPort: 80
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind',
      code: kinds.code,
      errors: kinds.at(6, 19).map((p) => ({ ...p, endColumn: p.column + 2, message: 'Container "app" binds hostPort 80 on every node it runs on' })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
            ports:
              - containerPort: 8080
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'init containers, flush sequences, the first key of an item',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: exporter }
        spec:
          template:
            spec:
              initContainers:
              - name: init
                image: init:1.0
                ports:
                - hostPort: 9000
                  containerPort: 9000
              containers:
              - name: exporter
                image: exporter:1.0
      `,
      errors: [{ line: 11, column: 21, endColumn: 25, message: 'Container "init" binds hostPort 9000 on every node it runs on' }],
      output: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: exporter }
        spec:
          template:
            spec:
              initContainers:
              - name: init
                image: init:1.0
                ports:
                - containerPort: 9000
              containers:
              - name: exporter
                image: exporter:1.0
      `,
    },
    {
      name: 'flow style, two containers',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - { name: a, image: "a:1", ports: [{ containerPort: 80, hostPort: 8080 }] }
            - { name: b, image: "b:1", ports: [{ hostPort: 9090, containerPort: 90 }] }
      `,
      errors: [
        { line: 6, column: 71, endColumn: 75 },
        { line: 7, column: 52, endColumn: 56 },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - { name: a, image: "a:1", ports: [{ containerPort: 80 }] }
            - { name: b, image: "b:1", ports: [{ containerPort: 90 }] }
      `,
    },
    {
      name: 'a comment on the line: no removal is offered',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27
              ports:
                - containerPort: 80
                  hostPort: 80 # reached by the load balancer on the node
      `,
      errors: [{ line: 10, column: 21, endColumn: 23 }],
      output: null,
    },
    {
      name: '4-space indentation',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: web
        spec:
            containers:
                -   name: web
                    image: nginx:1.27
                    ports:
                        -   containerPort: 80
                            hostPort: 80
                            protocol: TCP
      `,
      errors: [{ line: 11, column: 31, endColumn: 33 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            name: web
        spec:
            containers:
                -   name: web
                    image: nginx:1.27
                    ports:
                        -   containerPort: 80
                            protocol: TCP
      `,
    },
  ],
});
