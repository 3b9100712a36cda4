import rule from '../../shared-rules/src/rules/pod-apparmor-unconfined';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: app:1.0
      securityContext:
        appArmorProfile:
          type: Unconfined
`);

const annotated = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web }
  spec:
    template:
      metadata:
        annotations:
          container.apparmor.security.beta.kubernetes.io/web: unconfined
          container.apparmor.security.beta.kubernetes.io/sidecar: "localhost/k8s-sidecar"
          container.apparmor.security.beta.kubernetes.io/init: 'runtime/default'
      spec:
        securityContext:
          appArmorProfile: { type: Unconfined }
        containers:
          - name: web
            image: nginx:1.27
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
      metadata:
        name: web
        annotations:
          container.apparmor.security.beta.kubernetes.io/web: runtime/default
      spec:
        securityContext:
          appArmorProfile:
            type: RuntimeDefault
        containers:
          - name: web
            image: nginx:1.27
            securityContext:
              appArmorProfile:
                type: Localhost
                localhostProfile: k8s-nginx
    `,
    {
      name: 'templated values are unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            metadata:
              annotations:
                container.apparmor.security.beta.kubernetes.io/web: {{ .Values.apparmor }}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext:
                    appArmorProfile:
                      type: {{ .Values.appArmorType | quote }}
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
                appArmorProfile:
                  # kubeward-disable-next-line pod-apparmor-unconfined -- profile loaded by the node agent later
                  type: Unconfined
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind',
      code: kinds.code,
      errors: kinds.at(6, 15).map((p) => ({ ...p, endColumn: p.column + 10, messageId: 'profile', severity: 'warning' as const })),
      output: everyKind(yaml`
        containers:
          - name: app
            image: app:1.0
            securityContext:
              appArmorProfile:
                type: RuntimeDefault
      `).code,
      applicability: 'unsafe',
    },
    {
      name: 'annotation on the pod template, and the pod level in flow style',
      code: annotated,
      errors: [
        { ...where(annotated, 'unconfined'), messageId: 'annotation', message: 'Deployment "web" sets AppArmor to "unconfined" for container "web"' },
        { ...where(annotated, 'Unconfined'), messageId: 'profile', message: 'Deployment "web" sets appArmorProfile.type: Unconfined' },
      ],
      output: annotated.replace(': unconfined', ': runtime/default').replace('{ type: Unconfined }', '{ type: RuntimeDefault }'),
    },
    {
      name: 'quoting is kept',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            container.apparmor.security.beta.kubernetes.io/web: "unconfined"
        spec:
          containers:
            - name: web
              image: nginx:1.27
      `,
      errors: [{ line: 6, column: 57, endColumn: 69 }],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            container.apparmor.security.beta.kubernetes.io/web: "runtime/default"
        spec:
          containers:
            - name: web
              image: nginx:1.27
      `,
    },
    {
      name: 'Kustomize patch: a present value is still reported',
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
                    appArmorProfile:
                      type: Unconfined
      `,
      errors: [{ line: 11, column: 21, endColumn: 31 }],
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
                    appArmorProfile:
                      type: RuntimeDefault
      `,
    },
  ],
});
