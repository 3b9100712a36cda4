import rule from '../../shared-rules/src/rules/ingress-nginx-controller-vulnerable';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const deployment = (image: string, kind = 'Deployment') => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata:
    name: ingress-nginx-controller
    namespace: ingress-nginx
  spec:
    template:
      spec:
        containers:
          - name: controller
            image: ${image}
`;

ruleTester(rule, {
  valid: [
    deployment('registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:594ceea76b01c592858f803f9ff4d2cb40542cae2060410b2c95f75907d659e1'),
    { name: 'fixed patch releases of older lines', code: deployment('registry.k8s.io/ingress-nginx/controller:v1.13.9') },
    { name: 'v1.14.5', code: deployment('registry.k8s.io/ingress-nginx/controller-chroot:v1.14.5', 'DaemonSet') },
    { name: 'another image', code: deployment('nginx:1.10.0') },
    { name: 'F5 NGINX Ingress Controller', code: deployment('nginx/nginx-ingress:3.4.0') },
    { name: 'the webhook certgen job image', code: deployment('registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5.0') },
    {
      name: 'digest only: version unknown',
      code: deployment('registry.k8s.io/ingress-nginx/controller@sha256:594ceea76b01c592858f803f9ff4d2cb40542cae2060410b2c95f75907d659e1'),
    },
    { name: 'Helm-templated tag', code: deployment('"registry.k8s.io/ingress-nginx/controller:{{ .Values.controller.image.tag }}"') },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: c }
        spec:
          containers:
            - name: controller
              # kubeward-disable-next-line ingress-nginx-controller-vulnerable -- patched build
              image: registry.k8s.io/ingress-nginx/controller:v1.11.3
      `,
    },
  ],
  invalid: [
    {
      name: 'IngressNightmare line: upgraded within the line',
      code: deployment('registry.k8s.io/ingress-nginx/controller:v1.14.0'),
      errors: [
        {
          line: 11,
          column: 59,
          endColumn: 66,
          messageId: 'vulnerable',
          message: 'Container "controller" runs ingress-nginx v1.14.0, affected by CVE-2026-24512, CVE-2026-1580, CVE-2026-3288, CVE-2026-4342',
          severity: 'error',
        },
      ],
      output: deployment('registry.k8s.io/ingress-nginx/controller:v1.14.5'),
      applicability: 'unsafe',
    },
    {
      name: "v1.12.0 with a digest: IngressNightmare; no 1.12 release fixes 2026's advisories, so the next line; the digest goes",
      code: deployment('"k8s.gcr.io/ingress-nginx/controller:v1.12.0@sha256:aaaa"', 'DaemonSet'),
      errors: [
        {
          line: 11,
          column: 55,
          endColumn: 62,
          messageId: 'vulnerable',
          message: 'CVE-2025-1974, CVE-2025-1097, CVE-2025-1098, CVE-2025-24514, CVE-2025-24513, CVE-2025-15566, CVE-2026-24512, CVE-2026-1580, CVE-2026-4342',
        },
      ],
      output: deployment('"k8s.gcr.io/ingress-nginx/controller:v1.13.9"', 'DaemonSet'),
      fixes: [
        {
          title: 'Upgrade to v1.13.9 (a newer minor line: read its changelog)',
          output: deployment('"k8s.gcr.io/ingress-nginx/controller:v1.13.9"', 'DaemonSet'),
        },
      ],
    },
    {
      name: "v1.15.0 from a mirror; the legacy image in an init container (reported, but its tags are not upstream's: no fix)",
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: c }
        spec:
          initContainers:
            - { name: old, image: "quay.io/kubernetes-ingress-controller/nginx-ingress-controller:0.26.1" }
          containers:
            - name: controller
              image: mirror.example.com/ingress-nginx/controller:v1.15.0
      `,
      errors: [
        { line: 6, column: 91, endColumn: 97, messageId: 'vulnerable', message: 'Container "old" runs ingress-nginx v0.26.1' },
        { line: 9, column: 58, endColumn: 65, messageId: 'vulnerable', message: 'affected by CVE-2026-4342' },
      ],
      output: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: c }
        spec:
          initContainers:
            - { name: old, image: "quay.io/kubernetes-ingress-controller/nginx-ingress-controller:0.26.1" }
          containers:
            - name: controller
              image: mirror.example.com/ingress-nginx/controller:v1.15.1
      `,
    },
  ],
});
