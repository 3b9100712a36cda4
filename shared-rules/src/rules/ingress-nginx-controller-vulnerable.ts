import { defineRule } from '../engine/rule';
import {
  advisoriesFor,
  formatVersion,
  isControllerImage,
  isOfficialControllerImage,
  minimumFixedVersion,
  parseImage,
  parseVersion,
} from '../k8s/ingress-nginx';
import { containersOf, WORKLOAD_KINDS } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'ingress-nginx-controller-vulnerable',
    title: 'ingress-nginx controller version has known critical vulnerabilities',
    severity: 'error',
    category: 'ingress-nginx',
    kinds: WORKLOAD_KINDS,
    messages: {
      vulnerable: 'Container "{{container}}" runs ingress-nginx {{version}}, affected by {{cves}}',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Upgrade the controller image' },
    since: '0.1.0',
    docs: {
      rationale:
        'The ingress-nginx controller renders every Ingress into nginx configuration and, in a default installation, can read every Secret of the cluster. Its recent advisories are all code execution in that context: IngressNightmare (CVE-2025-1974, unauthenticated through the admission webhook, and four annotation injections; fixed in v1.11.5 and v1.12.1), CVE-2025-15566 (auth-proxy-set-headers; v1.12.5, v1.13.1), CVE-2026-24512 and CVE-2026-1580 (paths; v1.13.7, v1.14.3), CVE-2026-3288 (rewrite-target; v1.14.4, v1.15.0) and CVE-2026-4342 (annotation comments; v1.13.9, v1.14.5, v1.15.1). The project was retired in March 2026: releases have stopped and later vulnerabilities will not be fixed.',
      remediation:
        'Upgrade the image to the first release that fixes every advisory — in the same minor line when it has one (v1.13.9, v1.14.5, v1.15.1), otherwise in the next line that does (check the changelog for breaking changes). The quick fix rewrites the tag of the official images (`…/ingress-nginx/controller`, `…/controller-chroot`) and drops a pinned digest, which belongs to the old image; pin the new digest afterwards. The legacy and Bitnami images use other tags: move them to the official image by hand. Plan the move to a maintained controller or a Gateway API implementation (see `ingress-nginx-retired`).',
      notes:
        "Recognised images: `…/ingress-nginx/controller` and `…/controller-chroot` from any registry or mirror, the legacy `kubernetes-ingress-controller/nginx-ingress-controller`, and Bitnami's `nginx-ingress-controller`. Helm values files (`controller.image.tag`) are not manifests and are not read. CVE-2026-3288 is only counted for v1.14 and later, the lines its advisory covers.",
      invalid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
spec:
  selector:
    matchLabels: { app.kubernetes.io/name: ingress-nginx }
  template:
    metadata:
      labels: { app.kubernetes.io/name: ingress-nginx }
    spec:
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.12.0
`,
      valid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
spec:
  selector:
    matchLabels: { app.kubernetes.io/name: ingress-nginx }
  template:
    metadata:
      labels: { app.kubernetes.io/name: ingress-nginx }
    spec:
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.15.1
`,
    },
    references: {
      peers: { kubescape: 'C-0059' },
      urls: [
        'https://github.com/kubernetes/kubernetes/issues/131009',
        'https://github.com/kubernetes/kubernetes/issues/136678',
        'https://github.com/kubernetes/kubernetes/issues/137893',
        'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
      ],
    },
  },
  check(ctx) {
    for (const container of containersOf(ctx.object)) {
      const image = container.node.get('image');
      const ref = image?.str;
      if (!image || ref === undefined || !isControllerImage(ref)) continue;
      const { name, tag } = parseImage(ref);
      const version = parseVersion(tag);
      if (!version || !tag) continue;
      const advisories = advisoriesFor(version);
      if (advisories.length === 0) continue;
      const fixed = minimumFixedVersion(version);
      const prefix = tag.startsWith('v') ? 'v' : '';
      const fixedTag = fixed ? `${prefix}${formatVersion(fixed)}` : undefined;
      const sameLine = fixed && fixed[0] === version[0] && fixed[1] === version[1];
      // Point at the tag itself when it is written as is.
      const source = ctx.sourceOf(image);
      const at = source.lastIndexOf(`:${tag}`);
      const range: [number, number] = at >= 0 ? [image.range[0] + at + 1, image.range[0] + at + 1 + tag.length] : image.range;
      ctx.report({
        range,
        messageId: 'vulnerable',
        data: {
          container: container.name,
          version: `v${formatVersion(version)}`,
          cves: advisories.flatMap((a) => a.ids).join(', '),
          what: advisories.map((a) => a.what).join('; '),
          fixed: fixedTag ?? 'a fixed release',
        },
        fix:
          fixedTag && isOfficialControllerImage(ref)
            ? {
                title: `Upgrade to ${fixedTag}${sameLine ? '' : ' (a newer minor line: read its changelog)'}`,
                apply: (edit) => edit.setScalar(image, `${name}:${fixedTag}`),
              }
            : undefined,
      });
    }
  },
});
