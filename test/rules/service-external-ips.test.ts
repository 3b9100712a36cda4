import rule from '../../shared-rules/src/rules/service-external-ips';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Service
      metadata: { name: web }
      spec:
        ports: [{ port: 80 }]
        externalIPs: []
    `,
    {
      name: 'Helm: templated list',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        spec:
          externalIPs:
            {{- toYaml .Values.externalIPs | nindent 4 }}
          ports: [{ port: 80 }]
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          annotations:
            ignore.kubeward.io/service-external-ips: "we own 198.51.100.10"
        spec:
          externalIPs: [198.51.100.10]
      `,
    },
  ],
  invalid: [
    {
      name: 'block style, the key is flagged, comments elsewhere kept',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app: web
          # bare-metal VIP
          externalIPs:
            - 198.51.100.10
          ports:
            - port: 80
      `,
      errors: [{ line: 9, column: 3, endColumn: 14, messageId: 'externalIPs', message: 'Service "web" sets spec.externalIPs' }],
      applicability: 'unsafe',
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app: web
          # bare-metal VIP
          ports:
            - port: 80
      `,
    },
    {
      name: 'flow style, Kustomize patch, 4 spaces',
      partial: true,
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
            name: web
        spec: {externalIPs: [198.51.100.10], ports: [{port: 80}]}
      `,
      errors: [{ line: 5, column: 8, endColumn: 19 }],
      output: yaml`
        apiVersion: v1
        kind: Service
        metadata:
            name: web
        spec: {ports: [{port: 80}]}
      `,
    },
  ],
});
