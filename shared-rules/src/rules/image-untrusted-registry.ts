import { defineRule } from '../engine/rule';
import { containerImages, registryTrusted } from '../k8s/images';
import { WORKLOAD_KINDS } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'image-untrusted-registry',
    title: 'Image comes from a registry that is not trusted',
    severity: 'hint',
    category: 'images',
    kinds: WORKLOAD_KINDS,
    optIn: true,
    messages: {
      untrusted: 'Container "{{name}}" pulls "{{image}}" from {{registry}}, not a trusted registry',
      noAllowlist: 'Container "{{name}}" pulls "{{image}}" from {{registry}}; no registry is trusted yet',
    },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'Many organisations run only images from registries they control, where images are scanned, signed and kept after upstream deletes them. An image pulled straight from Docker Hub or another public registry bypasses all of that, and a typo in a public image name can pull someone else\'s image. This rule is **opt-in**: turn it on with `rules: { image-untrusted-registry: info }` and list the trusted registries in `.kubeward.yaml`:\n\n```yaml\nimages:\n  trustedRegistries:\n    - registry.example.com          # a whole registry\n    - ghcr.io/acme                  # a path prefix\n    - "*.dkr.ecr.*.amazonaws.com"   # globs\n```\n\nImages without a registry are Docker Hub images (`docker.io`, `docker.io/library/…` for single names). Templated images (Helm) are unknown and not reported.',
      remediation:
        'Mirror the image into a trusted registry and reference it there, or, if the registry is one you trust, add it to `images.trustedRegistries`.',
      config: `rules:
  image-untrusted-registry: info
images:
  trustedRegistries: [registry.example.com]
`,
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.3
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/mirror/nginx:1.27.3
`,
    },
    references: {
      peers: { trivy: ['KSV-0032', 'KSV-0033', 'KSV-0034', 'KSV-0035', 'KSV-0125'], kubescape: ['C-0001', 'C-0078'] },
      urls: ['https://kubernetes.io/docs/concepts/containers/images/'],
    },
  },
  check(ctx) {
    const trusted = ctx.config.images.trustedRegistries;
    for (const { container, node, image } of containerImages(ctx.object)) {
      if (trusted.length > 0 && registryTrusted(image, trusted)) continue;
      ctx.report({
        node,
        messageId: trusted.length === 0 ? 'noAllowlist' : 'untrusted',
        data: { name: container.name, image: image.raw, registry: image.domain },
      });
    }
  },
});
