/** Manifests the server tests open. */
import { yaml } from '../helpers/yaml-tag';

export const PRIVILEGED_POD = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web # the web pod
  spec:
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          privileged: true # why?
      - name: sidecar
        image: envoy:1.30
        securityContext:
          privileged: true
`;

export const INGRESS = yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: shop # storefront
  spec:
    ingressClassName: nginx
    rules:
      - host: shop.example.com
        http:
          paths:
            - path: /
              pathType: Prefix
              backend:
                service:
                  name: shop
                  port:
                    number: 80
`;

export const SECRET = yaml`
  apiVersion: v1
  kind: Secret
  metadata:
    name: db
  type: Opaque
  data:
    password: czNjcjN0LXBhc3N3b3Jk # s3cr3t-password
    broken: not*base64
`;

/** A file of `count` small documents, one of them with a privileged container. */
export function bigManifest(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  labels:\n    app: app-${i % 17}\ndata:\n  key: "value-${i}"\n  other: |\n    line one ${i}\n    line two\n`,
    );
  }
  docs.push(PRIVILEGED_POD);
  return docs.join('---\n');
}
