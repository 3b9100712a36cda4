/**
 * A small Ingress for rule tables: annotation lines (written at their place,
 * four spaces deep), a class, and extra `spec` lines (two spaces deep).
 */
export function ingressWith(
  annotations: readonly string[],
  options: { name?: string; className?: string | null; spec?: readonly string[]; eol?: string } = {},
): string {
  const lines = ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', `  name: ${options.name ?? 'web'}`];
  if (annotations.length > 0) lines.push('  annotations:', ...annotations.map((a) => `    ${a}`));
  lines.push('spec:');
  if (options.className !== null) lines.push(`  ingressClassName: ${options.className ?? 'nginx'}`);
  lines.push(
    ...(options.spec ?? []).map((l) => `  ${l}`),
    '  rules:',
    '    - host: web.example.com',
    '      http:',
    '        paths:',
    '          - path: /',
    '            pathType: Prefix',
    '            backend:',
    '              service:',
    '                name: web',
    '                port:',
    '                  number: 80',
    '',
  );
  return lines.join(options.eol ?? '\n');
}
