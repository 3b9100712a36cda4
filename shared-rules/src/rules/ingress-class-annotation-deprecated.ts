import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { CLASS_ANNOTATION, GCE_CLASSES, INGRESS_API_VERSION, isValidClassName } from '../k8s/ingress';
import { insertBeforeKey } from '../fix/recipes';
import { annotationsOf, type K8sObject } from '../k8s/objects';

/**
 * Removes an annotation; when it is the only one in a block map, the whole
 * `annotations:` key goes too (an empty `annotations:` would read as null),
 * unless that would take comments with it.
 */
function removeAnnotation(edit: EditBuilder, object: K8sObject, key: string): void {
  const annotations = annotationsOf(object)!;
  const metadata = object.metadata!;
  const only = annotations.entries().length === 1 && !annotations.isFlow;
  if (only) {
    const [start] = annotations.keyRange;
    const [, end] = annotations.range;
    if (!edit.source.text.slice(start, end).includes('#')) {
      edit.removePair(metadata, 'annotations');
      return;
    }
  }
  edit.removePair(annotations, key);
}

export default defineRule({
  meta: {
    id: 'ingress-class-annotation-deprecated',
    title: 'Ingress selects its controller with the deprecated class annotation',
    severity: 'info',
    category: 'api-version',
    kinds: ['Ingress'],
    deprecation: true,
    messages: {
      deprecated: 'Ingress "{{name}}" selects its controller with the deprecated kubernetes.io/ingress.class',
      conflict: 'Ingress "{{name}}" has ingress.class "{{class}}" but spec.ingressClassName "{{field}}"',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Move the class to spec.ingressClassName' },
    since: '0.1.0',
    docs: {
      rationale:
        'The `kubernetes.io/ingress.class` annotation was never formally specified and is deprecated since Kubernetes 1.18 in favour of `spec.ingressClassName`, which names an `IngressClass` object. Controllers handle the pair differently — ingress-nginx gives the field precedence, the original proposal had the annotation win — so an Ingress whose two classes differ can be picked up by an unexpected controller (or by two), and the security annotations written for one controller mean nothing to the other. Controllers that drop the annotation leave such Ingresses unserved or served by the default class.',
      remediation:
        'On `networking.k8s.io/v1`, set `spec.ingressClassName` to the class and delete the annotation (an `IngressClass` of that name must exist in the cluster). When both are set and differ, decide which controller should serve the Ingress and keep only that class.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    kubernetes.io/ingress.class: nginx
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: shop, port: { number: 80 } }
`,
      notes:
        'Not reported for `gce` and `gce-internal`: the GKE Ingress controller reads only the annotation. The fix is offered only on `networking.k8s.io/v1` (convert a v1beta1 Ingress with `ingress-removed-api-version` first), only when the value is a valid IngressClass name (`azure/application-gateway` is not), and never on a conflict, which needs a person to choose. When the annotation was the only one, the `annotations:` key is removed with it. The field names an `IngressClass` object, which the annotation did not need: when the workspace has IngressClasses and none of that name, the opt-in `ingress-class-not-found` reports the moved class.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/ingress/#deprecated-annotation',
        'https://kubernetes.github.io/ingress-nginx/user-guide/k8s-122-migration/',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    const annotations = annotationsOf(object);
    const ann = annotations?.get(CLASS_ANNOTATION);
    if (!ann || ann.isNull) return;
    const cls = ann.str;
    if (cls !== undefined && GCE_CLASSES.includes(cls)) return;
    const field = object.root.get('spec')?.get('ingressClassName');
    const fieldSet = Boolean(field && !field.isNull);
    const fieldValue = fieldSet ? field!.str : undefined;
    const name = object.name ?? 'this Ingress';
    if (fieldSet && fieldValue !== undefined && cls !== undefined && fieldValue !== cls) {
      ctx.report({ node: ann, at: 'key', messageId: 'conflict', severity: 'warning', data: { name, class: cls, field: fieldValue } });
      return;
    }
    const fixable = object.apiVersion === INGRESS_API_VERSION && cls !== undefined && isValidClassName(cls) && !(fieldSet && fieldValue === undefined);
    ctx.report({
      node: ann,
      at: 'key',
      messageId: 'deprecated',
      data: { name, class: cls ?? '<class>' },
      fix: fixable
        ? (edit) => {
            if (!fieldSet && !insertBeforeKey(edit, object.root.get('spec'), undefined, 'ingressClassName', cls)) {
              edit.setIn(object.root, ['spec', 'ingressClassName'], cls, { overwrite: true });
            }
            removeAnnotation(edit, object, CLASS_ANNOTATION);
          }
        : undefined,
    });
  },
});
