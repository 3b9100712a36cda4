import rule from '../../shared-rules/src/rules/ingress-nginx-retired';
import { ingressWith } from '../helpers/ingress';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    ingressWith([], { className: 'traefik' }),
    { name: 'no class, no ingress-nginx annotations', code: ingressWith([], { className: null }) },
    { name: 'F5 NGINX Ingress Controller (class nginx, nginx.org annotations)', code: ingressWith(['nginx.org/redirect-to-https: "true"']) },
    { name: 'a custom class served by another controller, configured', code: ingressWith([], { className: 'public' }) },
    {
      name: 'IngressClass of another controller; other images',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: { name: traefik }
        spec: { controller: traefik.io/ingress-controller }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers: [{ name: web, image: "nginx:1.27" }]
      `,
    },
    { name: 'templated class', code: ingressWith([], { className: '{{ .Values.ingress.className }}' }) },
    { name: 'suppressed', code: ingressWith(['ignore.kubeward.io/ingress-nginx-retired: "migration planned for Q2"']) },
  ],
  invalid: [
    {
      name: 'spec.ingressClassName nginx: a hint at the class',
      code: ingressWith([]),
      errors: [{ line: 6, column: 21, endColumn: 26, messageId: 'ingress', message: 'retired in March 2026', severity: 'hint' }],
    },
    {
      name: 'the class annotation, and a configured custom class',
      code: ingressWith(['kubernetes.io/ingress.class: nginx-internal'], { className: null }),
      config: { ingress: { nginxClasses: ['nginx', 'nginx-internal'] } },
      errors: [{ line: 6, column: 34, endColumn: 48, messageId: 'ingress' }],
    },
    {
      name: 'no class but ingress-nginx annotations: at the first one',
      code: ingressWith(['cert-manager.io/cluster-issuer: letsencrypt', 'nginx.ingress.kubernetes.io/ssl-redirect: "true"'], { className: null }),
      errors: [{ line: 7, column: 5, endColumn: 45, messageId: 'ingress' }],
    },
    {
      name: 'IngressClass and controller Deployment: information',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: nginx
        spec:
          controller: k8s.io/ingress-nginx
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ingress-nginx-controller
        spec:
          template:
            spec:
              containers:
                - name: controller
                  image: registry.k8s.io/ingress-nginx/controller:v1.15.1
      `,
      errors: [
        { line: 6, column: 15, endColumn: 35, messageId: 'ingressClass', severity: 'info' },
        { line: 17, column: 18, endColumn: 66, messageId: 'controller', severity: 'info' },
      ],
    },
  ],
});
