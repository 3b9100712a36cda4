import rule from '../../shared-rules/src/rules/pod-unsafe-sysctls';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  securityContext:
    sysctls:
      - name: net.ipv4.tcp_syncookies
        value: "1"
      - name: kernel.msgmax
        value: "65536"
  containers:
    - name: app
      image: app:1.0
`);

const keepalive = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: db }
  spec:
    securityContext:
      sysctls: [{ name: net.ipv4.tcp_keepalive_time, value: "600" }, { name: kernel.sem, value: "250 32000 100 128" }, { name: vm.max_map_count, value: "262144" }]
    containers:
      - name: db
        image: postgres:17
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
      metadata: { name: web }
      spec:
        securityContext:
          sysctls:
            - { name: kernel.shm_rmid_forced, value: "1" }
            - { name: net.ipv4.ip_local_port_range, value: "1024 65535" }
            - { name: net.ipv4.ip_unprivileged_port_start, value: "80" }
            - { name: net.ipv4.ping_group_range, value: "0 2147483647" }
            - { name: net.ipv4.ip_local_reserved_ports, value: "30000" }
            - { name: net.ipv4.tcp_fin_timeout, value: "30" }
            - { name: net.ipv4.tcp_rmem, value: "4096 87380 6291456" }
        containers:
          - name: web
            image: nginx:1.27
    `,
    {
      name: 'templated names are unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            sysctls:
              - name: {{ .Values.sysctl.name }}
                value: {{ .Values.sysctl.value | quote }}
            {{- with .Values.extraSysctls }}
              {{- toYaml . | nindent 6 }}
            {{- end }}
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind',
      code: kinds.code,
      errors: kinds.at(5, 13).map((p) => ({ ...p, endColumn: p.column + 13, message: 'sets sysctl "kernel.msgmax", which is not in the safe set' })),
      output: everyKind(yaml`
        securityContext:
          sysctls:
            - name: net.ipv4.tcp_syncookies
              value: "1"
        containers:
          - name: app
            image: app:1.0
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'flow style: every unsafe entry removed in one edit',
      code: keepalive,
      errors: [{ ...where(keepalive, 'kernel.sem'), message: 'Pod "db" sets sysctl "kernel.sem"' }, { ...where(keepalive, 'vm.max_map_count') }],
      output: keepalive.replace(', { name: kernel.sem, value: "250 32000 100 128" }, { name: vm.max_map_count, value: "262144" }', ''),
    },
    {
      name: 'the safe set follows the target Kubernetes version',
      config: { kubernetesVersion: '1.28' },
      code: keepalive,
      errors: [where(keepalive, 'net.ipv4.tcp_keepalive_time'), where(keepalive, 'kernel.sem'), where(keepalive, 'vm.max_map_count')],
      output: keepalive.replace(
        '[{ name: net.ipv4.tcp_keepalive_time, value: "600" }, { name: kernel.sem, value: "250 32000 100 128" }, { name: vm.max_map_count, value: "262144" }]',
        '[]',
      ),
    },
    {
      name: 'a templated value does not hide a literal unsafe name (no fix: it would delete template text)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: db }
        spec:
          securityContext:
            sysctls:
              - name: kernel.sem
                value: {{ .Values.sem | quote }}
              - name: net.ipv4.tcp_syncookies
                value: "1"
          containers:
            - name: db
              image: postgres:17
      `,
      errors: [{ line: 7, column: 15, endColumn: 25, message: 'Pod "db" sets sysctl "kernel.sem"' }],
      // Removing the entry would delete template text: the edit builder refuses.
      output: null,
    },
    {
      name: 'all entries unsafe in block style: the key goes',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: es }
        spec:
          template:
            spec:
              securityContext:
                fsGroup: 1000
                sysctls:
                - name: vm.max_map_count
                  value: "262144"
              containers:
              - name: es
                image: elasticsearch:8.15.0
      `,
      errors: [{ line: 10, column: 17, endColumn: 33, message: 'StatefulSet "es" sets sysctl "vm.max_map_count"' }],
      output: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: es }
        spec:
          template:
            spec:
              securityContext:
                fsGroup: 1000
              containers:
              - name: es
                image: elasticsearch:8.15.0
      `,
    },
  ],
});
