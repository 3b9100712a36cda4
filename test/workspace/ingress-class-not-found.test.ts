import rule from '../../shared-rules/src/rules/ingress-class-not-found';
import { yaml } from '../helpers/yaml-tag';
import { workspaceTester } from '../helpers/workspace-tester';

const ingressClass = (name: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: ${name}\nspec:\n  controller: example.com/${name}\n`;
const CLASSES = `${ingressClass('edge')}---\n${ingressClass('internal')}`;

const ingress = (className: string, name = 'shop') => yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: ${name}
    namespace: shop
  spec:
    ingressClassName: ${className}
    rules:
      - host: shop.example.com
        http:
          paths:
            - path: /
              pathType: Prefix
              backend: { service: { name: shop, port: { number: 80 } } }
`;

workspaceTester(rule, {
  valid: [
    { name: 'the class is an IngressClass of the workspace', files: { 'classes.yaml': CLASSES, 'ingress.yaml': ingress('internal') } },
    { name: 'no IngressClass in the workspace: the controller is installed elsewhere', files: { 'ingress.yaml': ingress('egde') } },
    { name: 'the index is incomplete: silent', complete: false, files: { 'classes.yaml': CLASSES, 'ingress.yaml': ingress('egde') } },
    { name: "the Ingress's class is templated", files: { 'classes.yaml': CLASSES, 'ingress.yaml': ingress('{{ .Values.ingress.className }}') } },
    {
      name: 'an IngressClass with a templated name may be the one',
      files: { 'classes.yaml': `${CLASSES}---\n${ingressClass('"{{ .Release.Name }}"')}`, 'ingress.yaml': ingress('egde') },
    },
    { name: 'the Ingress is a Kustomize patch', partial: ['ingress.yaml'], files: { 'classes.yaml': CLASSES, 'ingress.yaml': ingress('egde') } },
    {
      name: "only the deprecated annotation (ingress-class-annotation-deprecated's)",
      files: {
        'classes.yaml': CLASSES,
        'ingress.yaml': ingress('edge')
          .replace('  ingressClassName: edge\n', '')
          .replace('  namespace: shop\n', '  namespace: shop\n  annotations: { kubernetes.io/ingress.class: egde }\n'),
      },
    },
    {
      name: 'a v1beta1 Ingress whose class exists',
      files: { 'classes.yaml': CLASSES, 'ingress.yaml': ingress('edge').replace('networking.k8s.io/v1\n', 'networking.k8s.io/v1beta1\n') },
    },
    {
      name: 'suppressed',
      files: {
        'classes.yaml': CLASSES,
        'ingress.yaml': ingress('platform').replace(
          '  namespace: shop\n',
          '  namespace: shop\n  annotations: { ignore.kubeward.io/ingress-class-not-found: "class installed by the platform team" }\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a typo: the closest class first',
      files: { 'classes.yaml': CLASSES, 'ingress.yaml': ingress('egde') },
      errors: [
        {
          file: 'ingress.yaml',
          line: 7,
          column: 21,
          endColumn: 25,
          messageId: 'notFound',
          severity: 'warning',
          message: 'Ingress "shop" names IngressClass "egde", which the workspace does not have',
        },
      ],
      output: { 'ingress.yaml': ingress('edge') },
      fixes: [{ title: 'Use IngressClass "internal"', output: { 'ingress.yaml': ingress('internal') } }],
      applicability: 'unsafe',
    },
    {
      name: 'a quoted class keeps its quotes; two Ingresses; CRLF',
      files: {
        'classes.yaml': CLASSES.replace(/\n/g, '\r\n'),
        'ingress.yaml': `${ingress('"intern"')}---\n${ingress('public', 'web')}`.replace(/\n/g, '\r\n'),
      },
      errors: [
        { file: 'ingress.yaml', line: 7, column: 21, endColumn: 29, message: 'IngressClass "intern"' },
        { file: 'ingress.yaml', line: 22, column: 21, endColumn: 27, message: 'Ingress "web" names IngressClass "public"' },
      ],
      output: { 'ingress.yaml': `${ingress('"internal"')}---\n${ingress('edge', 'web')}`.replace(/\n/g, '\r\n') },
    },
    {
      name: 'flow style spec',
      files: {
        'classes.yaml': ingressClass('edge'),
        'ingress.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: shop }\nspec: { ingressClassName: edge-internal, defaultBackend: { service: { name: shop, port: { number: 80 } } } }\n',
      },
      errors: [
        {
          file: 'ingress.yaml',
          line: 4,
          column: 27,
          endColumn: 40,
          message: 'Ingress "shop" names IngressClass "edge-internal", which the workspace does not have',
        },
      ],
      output: {
        'ingress.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: shop }\nspec: { ingressClassName: edge, defaultBackend: { service: { name: shop, port: { number: 80 } } } }\n',
      },
    },
  ],
});
