import { defineRule } from '../engine/rule';
import { placeholder } from '../fix/emit';
import { containerImages, mutableTag, withTag } from '../k8s/images';
import { WORKLOAD_KINDS } from '../k8s/objects';

const TAG_PLACEHOLDER = '<tag>';

export default defineRule({
  meta: {
    id: 'image-tag-mutable',
    title: 'Image has no tag or uses latest',
    severity: 'warning',
    category: 'images',
    kinds: WORKLOAD_KINDS,
    messages: {
      none: 'Container "{{name}}" uses image "{{image}}" without a tag (:latest)',
      latest: 'Container "{{name}}" uses image "{{image}}" with the tag latest',
    },
    fix: { availability: 'always', applicability: 'display-only', title: 'Pin an image tag' },
    since: '0.1.0',
    docs: {
      rationale:
        'An image without a tag is pulled as `:latest`, and `latest` is just the last thing pushed. The same manifest then runs different code on different days and on different nodes (each node pulls when it first needs the image), a vulnerable or malicious push goes live on the next restart without review, and rolling back means guessing what ran before. A registry port is not a tag (`registry:5000/app` has none); an image pinned by digest (`@sha256:…`) is immutable whatever its tag says; a templated image (Helm) is unknown and not reported.',
      remediation:
        'Use an explicit version tag (`nginx:1.27.3`), or better a digest (`nginx@sha256:…`), which also protects against a tag being moved. The quick fix puts a `<tag>` placeholder where the tag goes for you to fill in. Tools such as Renovate or Dependabot keep pinned tags and digests up to date.',
      notes:
        'Tokens that a build or deploy tool replaces before anything runs are not images and are not reported: upper-case names (`CONTAINER_IMAGE`, `IMAGE:TAG`; a repository is always lower case), `${IMAGE}`, `$IMAGE`, `<image>`, `__IMAGE__`, `@IMAGE@`.',
      invalid: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:latest
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
          image: nginx:1.27.3
`,
    },
    references: {
      peers: {
        'kube-linter': 'latest-tag',
        polaris: 'tagNotSpecified',
        checkov: 'CKV_K8S_14',
        kics: '583053b7',
        trivy: 'KSV-0013',
        kubescape: 'C-0075',
      },
      urls: [
        'https://kubernetes.io/docs/concepts/containers/images/#image-names',
        'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
      ],
    },
  },
  check(ctx) {
    for (const { container, node, image } of containerImages(ctx.object)) {
      const why = mutableTag(image);
      if (!why) continue;
      ctx.report({
        node,
        messageId: why,
        data: { name: container.name, image: image.raw },
        fix: (edit) => edit.setScalar(node, placeholder(withTag(image, TAG_PLACEHOLDER))),
      });
    }
  },
});
