import rule from '../../shared-rules/src/rules/pod-hostpath-volume';
import { everyKind } from '../helpers/kinds';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
  volumes:
    - name: logs
      hostPath:
        path: /var/log
`);

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: web
            image: nginx:1.27
        volumes:
          - name: scratch
            emptyDir: {}
          - name: data
            persistentVolumeClaim: { claimName: data }
    `,
    {
      name: 'a volume whose source is templated is unknown',
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
              volumes:
                - name: data
                  {{- toYaml .Values.dataVolume | nindent 10 }}
      `,
    },
    {
      name: 'suppressed by an annotation on the pod template',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: fluent-bit }
        spec:
          template:
            metadata:
              annotations:
                ignore.kubeward.io/pod-hostpath-volume: "log shipper reads node logs read-only"
            spec:
              containers:
                - name: fluent-bit
                  image: fluent/fluent-bit:3.1
              volumes:
                - name: varlog
                  hostPath: { path: /var/log }
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind',
      code: kinds.code,
      errors: kinds.at(6, 5).map((p) => ({
        ...p,
        endColumn: p.column + 8,
        messageId: 'hostPath',
        message: 'mounts the node\'s "/var/log" (hostPath volume "logs")',
        severity: 'error',
      })),
      output: null,
    },
    {
      name: 'sensitive directories and runtime sockets',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              containers:
                - name: agent
                  image: agent:1.0
              volumes:
                - name: root
                  hostPath: { path: / }
                - name: etc
                  hostPath:
                    path: /etc/
                    type: Directory
                - name: kubelet
                  hostPath: { path: /var/lib/kubelet/pods }
                - name: docker
                  hostPath: { path: /var/run/docker.sock, type: Socket }
                - name: containerd
                  hostPath:
                    path: "/run/containerd/containerd.sock"
                - name: localtime
                  hostPath: { path: /etc/localtime }
      `,
      errors: [
        { line: 12, column: 11, endColumn: 19, messageId: 'sensitive', message: 'DaemonSet "agent" mounts the node\'s sensitive "/" (hostPath volume "root")' },
        { line: 14, column: 11, endColumn: 19, messageId: 'sensitive', message: '"/etc/"' },
        { line: 18, column: 11, endColumn: 19, messageId: 'sensitive', message: '"/var/lib/kubelet/pods"' },
        { line: 20, column: 11, endColumn: 19, messageId: 'socket', message: 'container runtime socket "/var/run/docker.sock"' },
        { line: 22, column: 11, endColumn: 19, messageId: 'socket', message: '"/run/containerd/containerd.sock"' },
        { line: 25, column: 11, endColumn: 19, messageId: 'hostPath', message: '"/etc/localtime"' },
      ],
      output: null,
    },
    {
      name: 'a templated path is shown as written; flush sequences',
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
              volumes:
              - name: cache
                hostPath:
                  path: {{ .Values.cachePath }}
              - name: extra
                hostPath: {{ toYaml .Values.extra | nindent 12 }}
      `,
      errors: [
        { line: 12, column: 9, endColumn: 17, messageId: 'hostPath', message: 'mounts the node\'s "{{ .Values.cachePath }}"' },
        { line: 15, column: 9, endColumn: 17, messageId: 'hostPath', message: 'mounts the node\'s "{{ toYaml .Values.extra | nindent 12 }}"' },
      ],
      output: null,
    },
    {
      name: 'Kustomize patch: a present hostPath is still reported',
      partial: true,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              volumes:
                - name: sock
                  hostPath: { path: /var/run/crio/crio.sock }
      `,
      errors: [{ line: 9, column: 11, endColumn: 19, messageId: 'socket' }],
      output: null,
    },
  ],
});
