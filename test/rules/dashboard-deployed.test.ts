import rule from '../../shared-rules/src/rules/dashboard-deployed';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: grafana }
      spec:
        template:
          metadata: { labels: { app: grafana } }
          spec:
            containers:
              - name: grafana
                image: grafana/grafana:11.0.0
    `,
    {
      name: 'a ClusterIP dashboard Service is not exposed; the metrics scraper is not the dashboard',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: kubernetes-dashboard }
        spec:
          selector: { k8s-app: kubernetes-dashboard }
          ports: [{ port: 443, targetPort: 8443 }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: dashboard-metrics-scraper }
        spec:
          template:
            metadata: { labels: { k8s-app: dashboard-metrics-scraper } }
            spec:
              containers:
                - name: scraper
                  image: kubernetesui/metrics-scraper:v1.0.8
      `,
    },
    {
      name: 'Helm: templated image and type',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: kubernetes-dashboard }
        spec:
          type: {{ .Values.service.type }}
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: d }
        spec:
          containers:
            - name: d
              image: {{ .Values.image }}
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: d }
        spec:
          containers:
            - name: d
              # kubeward-disable-next-line dashboard-deployed -- read-only, port-forward only
              image: kubernetesui/dashboard:v2.7.0
      `,
    },
  ],
  invalid: [
    {
      name: 'by image: v2 and the v3 api part, and the old k8s.gcr.io image',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: kubernetes-dashboard
        spec:
          template:
            spec:
              containers:
                - name: dashboard
                  image: docker.io/kubernetesui/dashboard:v2.7.0
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api }
        spec:
          template:
            spec:
              containers:
                - { name: api, image: "kubernetesui/dashboard-api:1.10.0" }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: old }
        spec:
          containers:
            - name: d
              image: k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1
      `,
      errors: [
        {
          line: 10,
          column: 18,
          endColumn: 57,
          messageId: 'workload',
          severity: 'warning',
          message: 'Deployment "kubernetes-dashboard" runs the Kubernetes dashboard',
        },
        { line: 19, column: 31, endColumn: 66, message: 'Deployment "api"' },
        { line: 27, column: 14, endColumn: 59, message: 'Pod "old"' },
      ],
    },
    {
      name: "by pod label (Checkov's fixture shape)",
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: my-nginx }
        spec:
          template:
            metadata:
              labels:
                k8s-app: kubernetes-dashboard
            spec:
              containers:
                - name: nginx
                  image: nginx:1.14.2
      `,
      errors: [{ line: 8, column: 18, endColumn: 38 }],
    },
    {
      name: 'exposed Service: an error; by name or by selector; flow style; CRLF',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: kubernetes-dashboard}\r\nspec: {type: NodePort}\r\n---\r\napiVersion: v1\r\nkind: Service\r\nmetadata: {name: console}\r\nspec:\r\n  type: LoadBalancer\r\n  selector:\r\n    app.kubernetes.io/name: kubernetes-dashboard\r\n',
      errors: [
        { line: 4, column: 14, endColumn: 22, messageId: 'exposedService', severity: 'error', message: 'as a NodePort' },
        { line: 10, column: 9, endColumn: 21, severity: 'error', message: 'Service "console" publishes the Kubernetes dashboard as a LoadBalancer' },
      ],
    },
    {
      name: 'Ingress routes to the dashboard (v1 and v1beta1 shapes); Kustomize patch',
      partial: true,
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: admin }
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: kubernetes-dashboard
                        port: { number: 443 }
        ---
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: { name: old }
        spec:
          backend: { serviceName: kubernetes-dashboard, servicePort: 443 }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: sso
          annotations:
            nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth
        spec:
          defaultBackend: { service: { name: kubernetes-dashboard, port: { number: 443 } } }
      `,
      errors: [
        {
          line: 12,
          column: 23,
          endColumn: 43,
          messageId: 'ingress',
          severity: 'error',
          message: 'Ingress "admin" routes to the Kubernetes dashboard (Service "kubernetes-dashboard")',
        },
        { line: 19, column: 27, endColumn: 47, message: 'Ingress "old"' },
        {
          line: 28,
          column: 38,
          endColumn: 58,
          messageId: 'ingressAuthenticated',
          severity: 'warning',
          message: 'Ingress "sso" publishes the Kubernetes dashboard ("kubernetes-dashboard") behind external auth',
        },
      ],
    },
  ],
});
