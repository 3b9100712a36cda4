import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { containerImages, isDigestPinned } from '../k8s/images';
import { WORKLOAD_KINDS } from '../k8s/objects';

export default defineRule({
  meta: {
    id: 'image-not-pinned-digest',
    title: 'Image is not pinned by digest',
    severity: 'info',
    category: 'images',
    kinds: WORKLOAD_KINDS,
    optIn: true,
    messages: {
      unpinned: 'Container "{{name}}" uses image "{{image}}" without a digest',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Pin the image by digest' },
    since: '0.1.0',
    docs: {
      rationale:
        'Tags are mutable pointers: a publisher can re-push `1.27`, and an attacker with access to the registry account can point it at a malicious image. A digest (`@sha256:…`) names the content itself, so a node can only ever run the bytes that were reviewed. This rule is **opt-in** (`rules: { image-not-pinned-digest: info }` in `.kubeward.yaml`): pinning every image is a supply-chain policy that needs tooling to keep digests current, not a default. Templated images (Helm) are unknown and not reported.',
      remediation:
        'Resolve the tag to its digest (`crane digest nginx:1.27.3`, `docker buildx imagetools inspect`) and write `nginx:1.27.3@sha256:…`; the tag stays for people to read, the digest is what is pulled. The quick fix appends a `@sha256:<digest>` placeholder; Kubeward never calls a registry. Renovate and Dependabot can keep digests current.',
      invalid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
`,
      valid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.3@sha256:0f0c1d3a4e5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1
`,
    },
    references: {
      peers: { checkov: 'CKV_K8S_43', kics: '7c81d34c', kubescape: 'C-0306' },
      urls: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
    },
  },
  check(ctx) {
    for (const { container, node, image } of containerImages(ctx.object)) {
      if (isDigestPinned(image)) continue;
      ctx.report({
        node,
        messageId: 'unpinned',
        data: { name: container.name, image: image.raw },
        fix: (edit) => edit.setScalar(node, placeholder(`${image.raw}@sha256:<digest>`)),
      });
    }
  },
});
