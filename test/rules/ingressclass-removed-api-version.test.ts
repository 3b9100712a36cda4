import rule from '../../shared-rules/src/rules/ingressclass-removed-api-version';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: { name: nginx }
      spec: { controller: k8s.io/ingress-nginx }
    `,
    {
      name: 'a target before the deprecation',
      config: { kubernetesVersion: '1.18' },
      code: yaml`
        apiVersion: networking.k8s.io/v1beta1
        kind: IngressClass
        metadata: { name: nginx }
      `,
    },
    {
      name: 'Helm: templated apiVersion',
      code: yaml`
        apiVersion: {{ ternary "networking.k8s.io/v1" "networking.k8s.io/v1beta1" .Values.v1 }}
        kind: IngressClass
        metadata: { name: nginx }
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: networking.k8s.io/v1beta1
        kind: IngressClass
        metadata:
          name: nginx
          annotations:
            ignore.kubeward.io/ingressclass-removed-api-version: "1.21 cluster"
      `,
    },
  ],
  invalid: [
    {
      name: 'block style, comment kept',
      code: yaml`
        apiVersion: networking.k8s.io/v1beta1 # TODO
        kind: IngressClass
        metadata:
          name: nginx
        spec:
          controller: k8s.io/ingress-nginx
      `,
      errors: [
        { line: 1, column: 13, endColumn: 38, messageId: 'removed', severity: 'warning', message: 'IngressClass "nginx" uses networking.k8s.io/v1beta1' },
      ],
      applicability: 'safe',
      output: yaml`
        apiVersion: networking.k8s.io/v1 # TODO
        kind: IngressClass
        metadata:
          name: nginx
        spec:
          controller: k8s.io/ingress-nginx
      `,
    },
    {
      name: 'flow style in a List, single-quoted, CRLF, Kustomize patch',
      partial: true,
      code: "kind: List\r\napiVersion: v1\r\nitems:\r\n- {apiVersion: 'networking.k8s.io/v1beta1', kind: IngressClass, metadata: {name: nginx}}\r\n",
      errors: [{ line: 4, column: 16, endColumn: 43 }],
      output: "kind: List\r\napiVersion: v1\r\nitems:\r\n- {apiVersion: 'networking.k8s.io/v1', kind: IngressClass, metadata: {name: nginx}}\r\n",
    },
  ],
});
