import rule from '../../shared-rules/src/rules/pod-selinux-custom';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  securityContext:
    seLinuxOptions:
      type: spc_t
      level: "s0:c1,c2"
  containers:
    - name: app
      image: app:1.0
`);

const containerLevel = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: web }
  spec:
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          seLinuxOptions: { user: system_u, role: system_r, type: container_t }
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
          seLinuxOptions:
            level: "s0:c123,c456"
        containers:
          - name: web
            image: nginx:1.27
            securityContext:
              seLinuxOptions:
                type: container_init_t
                user: ""
                role: ""
    `,
    {
      name: 'container_engine_t is allowed from Kubernetes 1.31 (the default target)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: builder }
        spec:
          securityContext:
            seLinuxOptions: { type: container_engine_t }
          containers:
            - name: builder
              image: builder:1.0
      `,
    },
    {
      name: 'templated values are unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            seLinuxOptions:
              type: {{ .Values.selinuxType }}
              user: "{{ .Values.selinuxUser }}"
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
      errors: kinds.at(3, 11).map((p) => ({ ...p, endColumn: p.column + 5, messageId: 'type' })),
      output: everyKind(yaml`
        securityContext:
          seLinuxOptions:
            level: "s0:c1,c2"
        containers:
          - name: app
            image: app:1.0
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'user and role in a container, flow style',
      code: containerLevel,
      errors: [
        { ...where(containerLevel, 'system_u'), messageId: 'user', message: 'Container "web" sets seLinuxOptions.user: system_u' },
        { ...where(containerLevel, 'system_r'), messageId: 'role' },
      ],
      output: containerLevel.replace('{ user: system_u, role: system_r, type: container_t }', '{ type: container_t }'),
    },
    {
      name: 'container_engine_t before Kubernetes 1.31',
      config: { kubernetesVersion: '1.30' },
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: builder }
        spec:
          securityContext:
            seLinuxOptions: { type: container_engine_t }
          containers:
            - name: builder
              image: builder:1.0
      `,
      errors: [{ line: 6, column: 29, endColumn: 47, messageId: 'type', message: 'Pod "builder" sets seLinuxOptions.type: container_engine_t' }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: builder }
        spec:
          securityContext:
            seLinuxOptions: {  }
          containers:
            - name: builder
              image: builder:1.0
      `,
    },
  ],
});
