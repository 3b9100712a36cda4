import rule from '../../shared-rules/src/rules/gateway-allowedroutes-all-namespaces';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata: { name: gw }
      spec:
        listeners:
          - { name: a, protocol: HTTP, port: 80, allowedRoutes: { namespaces: { from: Same } } }
          - { name: b, protocol: HTTP, port: 81 }
    `,
    {
      name: 'Helm: templated from',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          listeners:
            - name: a
              protocol: HTTP
              port: 80
              allowedRoutes:
                namespaces:
                  from: {{ .Values.from }}
      `,
    },
    {
      name: 'suppressed',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: platform
          annotations:
            ignore.kubeward.io/gateway-allowedroutes-all-namespaces: "platform gateway; ReferenceGrants gate hostnames"
        spec:
          listeners: [{ name: a, protocol: HTTP, port: 80, allowedRoutes: { namespaces: { from: All } } }]
      `,
    },
  ],
  invalid: [
    {
      name: 'block style: Same preferred, Selector offered',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: shared
        spec:
          listeners:
            - name: https
              protocol: HTTPS
              port: 443
              allowedRoutes:
                namespaces:
                  from: All  # any team
      `,
      errors: [{ line: 12, column: 17, endColumn: 20, messageId: 'all', message: 'Gateway "shared" listener "https" accepts routes from all namespaces' }],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: shared
        spec:
          listeners:
            - name: https
              protocol: HTTPS
              port: 443
              allowedRoutes:
                namespaces:
                  from: Same  # any team
      `,
      fixes: [
        {
          title: 'Accept routes from selected namespaces',
          output: yaml`
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: shared
            spec:
              listeners:
                - name: https
                  protocol: HTTPS
                  port: 443
                  allowedRoutes:
                    namespaces:
                      from: Selector  # any team
                      selector:
                        matchLabels:
                          kubernetes.io/metadata.name: <namespace>
          `,
        },
      ],
    },
    {
      name: 'a ListenerSet listener',
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: ListenerSet
        metadata:
          name: team-a
        spec:
          parentRef:
            name: shared
          listeners:
            - name: team-a
              protocol: HTTP
              port: 80
              allowedRoutes: { namespaces: { from: All } }
      `,
      errors: [
        {
          line: 12,
          column: 44,
          endLine: 12,
          endColumn: 47,
          messageId: 'listenerSet',
          message: 'ListenerSet "team-a" listener "team-a" accepts routes from all namespaces.',
        },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: ListenerSet
        metadata:
          name: team-a
        spec:
          parentRef:
            name: shared
          listeners:
            - name: team-a
              protocol: HTTP
              port: 80
              allowedRoutes: { namespaces: { from: Same } }
      `,
    },
    {
      name: "a Gateway's allowedListeners from All",
      code: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: shared
        spec:
          allowedListeners:
            namespaces:
              from: All
          listeners:
            - { name: http, protocol: HTTP, port: 80 }
      `,
      errors: [
        { line: 8, column: 13, endLine: 8, endColumn: 16, messageId: 'listeners', message: 'Gateway "shared" accepts ListenerSets from all namespaces.' },
      ],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: shared
        spec:
          allowedListeners:
            namespaces:
              from: Same
          listeners:
            - { name: http, protocol: HTTP, port: 80 }
      `,
    },
    {
      name: 'flow style, two listeners, CRLF, Kustomize patch',
      partial: true,
      code: 'apiVersion: gateway.networking.k8s.io/v1\r\nkind: Gateway\r\nmetadata: {name: gw}\r\nspec:\r\n  listeners:\r\n  - {name: a, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}\r\n  - {name: b, protocol: HTTP, port: 81, allowedRoutes: {namespaces: {from: "All"}}}\r\n',
      errors: [
        { line: 6, column: 76, endColumn: 79 },
        { line: 7, column: 76, endColumn: 81 },
      ],
      output:
        'apiVersion: gateway.networking.k8s.io/v1\r\nkind: Gateway\r\nmetadata: {name: gw}\r\nspec:\r\n  listeners:\r\n  - {name: a, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: Same}}}\r\n  - {name: b, protocol: HTTP, port: 81, allowedRoutes: {namespaces: {from: "Same"}}}\r\n',
    },
  ],
});
