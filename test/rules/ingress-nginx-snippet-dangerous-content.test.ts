import rule from '../../shared-rules/src/rules/ingress-nginx-snippet-dangerous-content';
import { ingressWith } from '../helpers/ingress';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    ingressWith(['nginx.ingress.kubernetes.io/configuration-snippet: |', '  more_set_headers "X-Frame-Options: DENY";']),
    { name: 'a non-snippet annotation mentioning lua', code: ingressWith(['nginx.ingress.kubernetes.io/rewrite-target: /lua_docs']) },
    { name: 'F5 NGINX Ingress Controller annotations', code: ingressWith(['nginx.org/server-snippets: |', '  location /x { alias /etc/; }']) },
    { name: 'another controller', code: ingressWith(['nginx.ingress.kubernetes.io/server-snippet: "alias /etc/;"'], { className: 'alb' }) },
    {
      name: 'dangerous text only inside a Helm action',
      code: ingressWith(['nginx.ingress.kubernetes.io/server-snippet: |', '  {{ .Values.alias_lua_snippet }}']),
    },
    {
      name: 'suppressed',
      code: ingressWith([
        '# kubeward-disable-next-line ingress-nginx-snippet-dangerous-content -- reviewed',
        'nginx.ingress.kubernetes.io/server-snippet: "access_by_lua_block { }"',
      ]),
    },
  ],
  invalid: [
    {
      name: 'alias to the token, in a block scalar: the match is pointed at; the annotation goes',
      code: ingressWith([
        'nginx.ingress.kubernetes.io/server-snippet: |',
        '  location /t {',
        '    alias /var/run/secrets/kubernetes.io/serviceaccount/token;',
        '  }',
        'nginx.ingress.kubernetes.io/proxy-body-size: 8m',
      ]),
      errors: [
        {
          line: 8,
          column: 9,
          endColumn: 14,
          messageId: 'dangerous',
          message:
            'Ingress "web" puts a kubernetes.io path, the alias directive (serves any file of the controller) and the controller\'s ServiceAccount token path into nginx through nginx.ingress.kubernetes.io/server-snippet',
          severity: 'error',
        },
      ],
      output: ingressWith(['nginx.ingress.kubernetes.io/proxy-body-size: 8m']),
      applicability: 'unsafe',
    },
    {
      name: 'Lua in a configuration-snippet, double-quoted; literal text next to a Helm action still counts',
      code: ingressWith(['nginx.ingress.kubernetes.io/configuration-snippet: "{{ .Values.x }} content_by_lua_block { ngx.say(1) }"']),
      errors: [{ line: 6, column: 73, endColumn: 93, messageId: 'dangerous', message: 'a Lua directive' }],
      // The annotation holds a Helm action: the fix would rewrite template text, so none is offered.
      output: null,
    },
    {
      name: 'load_module in an auth-snippet; no class, ingress-nginx annotations',
      code: ingressWith(['nginx.ingress.kubernetes.io/auth-snippet: load_module /tmp/x.so;', 'nginx.ingress.kubernetes.io/ssl-redirect: "true"'], {
        className: null,
      }),
      errors: [{ line: 6, column: 47, endColumn: 58, messageId: 'dangerous', message: 'load_module' }],
      output: ingressWith(['nginx.ingress.kubernetes.io/ssl-redirect: "true"'], { className: null }),
    },
    {
      name: 'an escape hides the word in the text: the whole value is flagged',
      code: ingressWith(['nginx.ingress.kubernetes.io/server-snippet: "\\x61lias /etc/;"', 'nginx.ingress.kubernetes.io/ssl-redirect: "true"']),
      errors: [{ line: 6, column: 49, endColumn: 66, messageId: 'dangerous' }],
      output: ingressWith(['nginx.ingress.kubernetes.io/ssl-redirect: "true"']),
    },
  ],
});
