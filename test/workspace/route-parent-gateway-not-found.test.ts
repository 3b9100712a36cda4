import rule from '../../shared-rules/src/rules/route-parent-gateway-not-found';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const gateway = yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata:
    name: public
    namespace: infra
  spec:
    gatewayClassName: example
    listeners:
      - { name: http, protocol: HTTP, port: 80 }
`;

const route = (parent: string, kind = 'HTTPRoute') => yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: ${kind}
  metadata:
    name: shop
    namespace: web
  spec:
    parentRefs:
      - ${parent}
    rules:
      - backendRefs:
          - { name: shop, port: 80 }
`;

workspaceTester(rule, {
  valid: [
    { name: 'the Gateway of the other namespace', files: { 'gw.yaml': gateway, 'route.yaml': route('{ name: public, namespace: infra }') } },
    { name: 'no Gateway in the workspace: managed elsewhere', files: { 'route.yaml': route('{ name: pubilc, namespace: infra }') } },
    { name: 'the index is incomplete', complete: false, files: { 'gw.yaml': gateway, 'route.yaml': route('{ name: pubilc, namespace: infra }') } },
    {
      name: 'a parent that is not a Gateway (a Service, for mesh routing)',
      files: { 'gw.yaml': gateway, 'route.yaml': route('{ group: "", kind: Service, name: shop }') },
    },
    { name: 'templated name', files: { 'gw.yaml': gateway, 'route.yaml': route('name: {{ .Values.gateway }}') } },
    { name: 'a Kustomize patch', partial: ['route.yaml'], files: { 'gw.yaml': gateway, 'route.yaml': route('{ name: pubilc, namespace: infra }') } },
  ],
  invalid: [
    {
      name: 'a typo in the name',
      files: { 'gw.yaml': gateway, 'route.yaml': route('{ name: pubilc, namespace: infra }') },
      errors: [
        {
          file: 'route.yaml',
          line: 8,
          column: 15,
          endLine: 8,
          endColumn: 21,
          messageId: 'notFound',
          message: 'HTTPRoute "shop" attaches to Gateway "infra/pubilc", which is not in the workspace.',
        },
      ],
    },
    {
      name: "the right name in the wrong namespace (no namespace: the route's own), a GRPCRoute",
      files: { 'gw.yaml': gateway, 'route.yaml': route('{ name: public }', 'GRPCRoute') },
      errors: [
        {
          file: 'route.yaml',
          line: 8,
          column: 15,
          endLine: 8,
          endColumn: 21,
          messageId: 'notFound',
          message: 'GRPCRoute "shop" attaches to Gateway "public", which is not in the workspace.',
        },
      ],
    },
  ],
});
