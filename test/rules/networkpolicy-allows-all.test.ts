import rule from '../../shared-rules/src/rules/networkpolicy-allows-all';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: api }
      spec:
        podSelector: { matchLabels: { app: api } }
        policyTypes: [Ingress, Egress]
        ingress:
          - from:
              - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ingress-nginx } }
                podSelector: { matchLabels: { app: controller } }
              - podSelector: {}
            ports: [{ port: 8080 }]
          - ports: [{ port: 443 }]
        egress:
          - to:
              - ipBlock:
                  cidr: 0.0.0.0/0
                  except: [10.0.0.0/8, 169.254.169.254/32]
              - ipBlock: { cidr: 10.1.0.0/16 }
              - namespaceSelector: {}
                podSelector: { matchLabels: { k8s-app: kube-dns } }
    `,
    {
      name: 'every namespace, restricted to ports (metrics, DNS): not all traffic',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: metrics }
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
          ingress:
            - from: [{ namespaceSelector: {} }]
              ports: [{ port: metrics }]
          egress:
            - to: [{ namespaceSelector: {}, podSelector: {} }]
              ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]
      `,
    },
    {
      name: 'default deny: no rules at all, or an empty list',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: deny }
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
          ingress: []
      `,
    },
    {
      name: 'Helm-templated peers and CIDRs are unknown',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: api }
        spec:
          podSelector: {}
          ingress:
            - from:
                - ipBlock: { cidr: {{ .Values.cidr }} }
                - namespaceSelector: {{ toYaml .Values.nsSelector }}
            -
              {{- toYaml .Values.extraRule | nindent 6 }}
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: public-web }
        spec:
          podSelector: {}
          ingress:
            # kubeward-disable-next-line networkpolicy-allows-all -- public web tier
            - {}
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: egress-internet
          annotations: { ignore.kubeward.io/networkpolicy-allows-all: "crawler needs the Internet" }
        spec:
          podSelector: {}
          egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
      `,
    },
  ],
  invalid: [
    {
      name: 'empty ingress and egress rules, block and flow',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: api
        spec:
          podSelector: {}
          ingress:
            - {}
          egress:
            - to: []
              ports: []
      `,
      errors: [
        { line: 8, column: 7, endColumn: 9, messageId: 'emptyRule', message: 'NetworkPolicy "api" has an empty ingress rule, which allows everything' },
        { line: 10, column: 7, endColumn: 13, messageId: 'emptyRule', message: 'has an empty egress rule, which allows everything' },
      ],
    },
    {
      name: 'open CIDRs (IPv4 and IPv6) get a placeholder; 4-space indentation',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
            name: db
        spec:
            podSelector:
                matchLabels:
                    app: db
            ingress:
                -   from:
                        -   ipBlock:
                                cidr: 0.0.0.0/0  # anyone
                        -   ipBlock:
                                cidr: "::/0"
                                except: []
                    ports:
                        -   port: 5432
      `,
      errors: [
        { line: 12, column: 31, endColumn: 40, messageId: 'openCidr', message: 'allows ingress from 0.0.0.0/0 without except' },
        { line: 14, column: 31, endColumn: 37, messageId: 'openCidr' },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
            name: db
        spec:
            podSelector:
                matchLabels:
                    app: db
            ingress:
                -   from:
                        -   ipBlock:
                                cidr: <allowed-cidr>  # anyone
                        -   ipBlock:
                                cidr: "<allowed-cidr>"
                                except: []
                    ports:
                        -   port: 5432
      `,
      applicability: 'display-only',
    },
    {
      name: 'empty namespaceSelector, alone or with an empty podSelector; flow style; CRLF',
      code: crlf(yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api}
        spec:
          podSelector: {}
          egress:
            - to: [{namespaceSelector: {}}, {namespaceSelector: {matchLabels: {}}, podSelector: {}}]
      `),
      errors: [
        { line: 7, column: 32, endColumn: 34, messageId: 'anyNamespace', message: 'NetworkPolicy "api" allows egress to every pod in every namespace' },
        { line: 7, column: 57, endColumn: 74, message: 'allows egress to every pod in every namespace' },
      ],
    },
    {
      name: 'in a List',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: a }
            spec:
              podSelector: {}
              egress:
                - to:
                    - ipBlock: { cidr: 0.0.0.0/0 }
      `,
      errors: [{ line: 11, column: 32, endColumn: 41 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: a }
            spec:
              podSelector: {}
              egress:
                - to:
                    - ipBlock: { cidr: <allowed-cidr> }
      `,
    },
  ],
});
