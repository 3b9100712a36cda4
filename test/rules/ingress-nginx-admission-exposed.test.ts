import rule from '../../shared-rules/src/rules/ingress-nginx-admission-exposed';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const admission = (type: string, extra = '') => yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: ingress-nginx-controller-admission
    namespace: ingress-nginx
  spec:
    type: ${type}
    selector:
      app.kubernetes.io/name: ingress-nginx
      app.kubernetes.io/component: controller
    ports:
      - name: https-webhook
        port: 443
        targetPort: webhook${extra}
`;

const policy = (labels: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: controller, namespace: ingress-nginx }
  spec:
    podSelector: ${labels}
    policyTypes: [Ingress]
`;

ruleTester(rule, {
  valid: [
    admission('ClusterIP'),
    {
      name: 'the public controller Service, without the webhook port',
      code: admission('LoadBalancer').replace('targetPort: webhook', 'targetPort: https').replace('https-webhook', 'https'),
    },
    {
      name: 'a NodePort Service of another app',
      code: admission('NodePort')
        .replace(/app.kubernetes.io\/name: ingress-nginx/, 'app.kubernetes.io/name: shop')
        .replace('ingress-nginx-controller-admission', 'shop'),
    },
    { name: 'Helm-templated type', code: admission('{{ .Values.controller.admissionWebhooks.service.type }}') },
    {
      name: 'suppressed',
      code: admission('NodePort').replace(
        '  type: NodePort',
        '  # kubeward-disable-next-line ingress-nginx-admission-exposed -- lab cluster\n  type: NodePort',
      ),
    },
    {
      name: 'workspace: a NetworkPolicy selects the controller pods',
      code: admission('ClusterIP'),
      workspace: { 'np.yaml': policy('{ matchLabels: { app.kubernetes.io/name: ingress-nginx } }') },
    },
    { name: 'workspace: a NetworkPolicy for every pod of the namespace', code: admission('ClusterIP'), workspace: { 'np.yaml': policy('{}') } },
  ],
  invalid: [
    {
      name: 'NodePort admission Service: ClusterIP, node ports and external-only fields removed',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: ingress-nginx-controller-admission
          namespace: ingress-nginx
        spec:
          type: NodePort
          externalTrafficPolicy: Local
          selector:
            app.kubernetes.io/name: ingress-nginx
          ports:
            - name: https-webhook
              port: 443
              targetPort: webhook
              nodePort: 30443
      `,
      errors: [
        {
          line: 7,
          column: 9,
          endColumn: 17,
          messageId: 'exposed',
          message: 'Service "ingress-nginx-controller-admission" exposes the ingress-nginx admission webhook as NodePort',
          severity: 'error',
        },
      ],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: ingress-nginx-controller-admission
          namespace: ingress-nginx
        spec:
          type: ClusterIP
          selector:
            app.kubernetes.io/name: ingress-nginx
          ports:
            - name: https-webhook
              port: 443
              targetPort: webhook
      `,
      applicability: 'unsafe',
    },
    {
      name: 'the webhook port added to the public LoadBalancer Service: that port goes; flow ports',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: ingress-nginx-controller }
        spec:
          type: LoadBalancer
          selector: { app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller }
          ports: [{ name: https, port: 443, targetPort: https }, { name: webhook, port: 8443, targetPort: 8443 }]
      `,
      errors: [{ line: 7, column: 81, endColumn: 85, messageId: 'port', message: '(LoadBalancer) also publishes the ingress-nginx admission webhook port' }],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: ingress-nginx-controller }
        spec:
          type: LoadBalancer
          selector: { app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller }
          ports: [{ name: https, port: 443, targetPort: https }]
      `,
    },
    {
      name: 'workspace without a NetworkPolicy for the controller pods: a NetworkPolicy is appended',
      code: admission('ClusterIP'),
      workspace: { 'np.yaml': policy('{ matchLabels: { app: other } }') },
      errors: [{ line: 4, column: 9, endColumn: 43, messageId: 'noPolicy', severity: 'info' }],
      output: `${admission('ClusterIP')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ingress-nginx-controller-admission-webhook
  namespace: ingress-nginx
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: ingress-nginx
      app.kubernetes.io/component: controller
  policyTypes:
    - Ingress
  ingress:
    - ports:
        - port: http
        - port: https
    - from:
        - ipBlock:
            cidr: <api-server-cidr>
      ports:
        - port: webhook
`,
      applicability: 'display-only',
    },
  ],
});
