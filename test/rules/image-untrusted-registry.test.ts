import rule from '../../shared-rules/src/rules/image-untrusted-registry';
import { everyKind, suppressedOnPodTemplate } from '../helpers/kinds';
import { where } from '../helpers/where';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const on = (trustedRegistries?: string[]) => ({
  rules: { 'image-untrusted-registry': 'info' as const },
  ...(trustedRegistries ? { images: { trustedRegistries } } : {}),
});

const kinds = everyKind(yaml`
  containers:
    - name: app
      image: quay.io/acme/app:1.0
`);

const mixed = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: web }
  spec:
    containers:
      - name: web
        image: registry.example.com/mirror/nginx:1.27.3
      - name: hub
        image: redis:7.4
      - name: ecr
        image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0
`;

ruleTester(rule, {
  valid: [
    {
      name: 'suppressed by an annotation on the pod template',
      config: on(['registry.example.com']),
      code: suppressedOnPodTemplate(rule.meta.id, kinds.spec),
    },
    { name: 'opt-in: off by default', code: kinds.code, config: {} },
    { name: 'every image from a trusted registry', config: on(['registry.example.com', 'docker.io/library', '*.dkr.ecr.*.amazonaws.com']), code: mixed },
    {
      name: 'templated images are unknown',
      config: on(['registry.example.com']),
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: "{{ .Values.registry }}/web:1.0"
      `,
    },
  ],
  invalid: [
    {
      name: 'every workload kind',
      config: on(['registry.example.com']),
      code: kinds.code,
      errors: kinds.at(3, 12).map((p) => ({
        ...p,
        endColumn: p.column + 20,
        messageId: 'untrusted',
        severity: 'info' as const,
        message: 'Container "app" pulls "quay.io/acme/app:1.0" from quay.io, not a trusted registry',
      })),
      output: null,
    },
    {
      name: 'Docker Hub images are docker.io; a host entry does not cover a look-alike',
      config: on(['registry.example.com', 'ghcr.io/acme']),
      code: mixed,
      errors: [
        { ...where(mixed, 'redis:7.4'), messageId: 'untrusted', message: 'pulls "redis:7.4" from docker.io' },
        { ...where(mixed, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0'), messageId: 'untrusted' },
      ],
      output: null,
    },
    {
      name: 'turned on without an allowlist: says what to configure',
      config: on(),
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              image: nginx:1.27.3
      `,
      errors: [
        {
          line: 7,
          column: 14,
          endColumn: 26,
          messageId: 'noAllowlist',
          message: 'Container "web" pulls "nginx:1.27.3" from docker.io; no registry is trusted yet',
        },
      ],
      output: null,
    },
  ],
});
