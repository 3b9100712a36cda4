import { defineRule } from '../engine/rule';
import { containerImages, DEPRECATED_REGISTRIES, withRegistry } from '../k8s/images';
import { WORKLOAD_KINDS } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'image-deprecated-registry',
    title: 'Image comes from a frozen registry',
    severity: 'info',
    // Off by default, as the catalogue's core set proposes: k8s.gcr.io still redirects to registry.k8s.io; it is hygiene rather than an exposure.
    optIn: true,
    category: 'images',
    kinds: WORKLOAD_KINDS,
    messages: {
      deprecated: 'Container "{{name}}" pulls "{{image}}" from the frozen registry {{registry}}',
    },
    fix: { availability: 'always', applicability: 'unsafe', title: 'Pull from registry.k8s.io' },
    since: '0.1.0',
    docs: {
      rationale:
        'The Kubernetes project moved its images from `k8s.gcr.io` to `registry.k8s.io`. The old registry was frozen on 3 April 2023: no new tags, so no patched releases of the images you run, and its traffic is redirected, which the project warned will not last. `registry.k8s.io` serves the same images under the same names and digests.',
      remediation:
        'Replace `k8s.gcr.io/` with `registry.k8s.io/` and keep the rest of the reference. The quick fix does that. It is offered, not applied unattended: the bytes pulled are the same, but nodes now contact another host, so egress allowlists, proxies and registry mirrors configured for `k8s.gcr.io` must allow `registry.k8s.io` (and its `*.pkg.dev` backends) first. Tags newer than the freeze exist only on the new registry.',
      invalid: `apiVersion: v1
kind: Pod
metadata:
  name: dns-test
spec:
  containers:
    - name: dnsutils
      image: k8s.gcr.io/e2e-test-images/jessie-dnsutils:1.3
`,
      valid: `apiVersion: v1
kind: Pod
metadata:
  name: dns-test
spec:
  containers:
    - name: dnsutils
      image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
`,
    },
    references: {
      peers: { kubescape: 'C-0253' },
      urls: ['https://kubernetes.io/blog/2023/02/06/k8s-gcr-io-freeze-announcement/', 'https://kubernetes.io/blog/2023/03/10/image-registry-redirect/'],
    },
  },
  check(ctx) {
    for (const { container, node, image } of containerImages(ctx.object)) {
      const replacement = image.registry ? DEPRECATED_REGISTRIES.get(image.registry.toLowerCase()) : undefined;
      if (!replacement) continue;
      ctx.report({
        node,
        messageId: 'deprecated',
        data: { name: container.name, image: image.raw, registry: image.registry!, replacement },
        fix: (edit) => edit.setScalar(node, withRegistry(image, replacement)),
      });
    }
  },
});
