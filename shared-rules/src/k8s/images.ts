/**
 * Container image references, as the container runtime reads them:
 * `[registry[:port]/]repository[:tag][@digest]`. A registry is the first
 * path component when it has a dot or a port or is `localhost`; otherwise
 * the image is on Docker Hub (`docker.io`, `library/` for single names).
 * Grammar: https://github.com/distribution/reference/blob/main/reference.go
 */
import { matchGlob } from '../text/glob';
import { containersOf, type ContainerRef, type K8sObject } from './objects';
import type { YNode } from '../yaml/nav';

export interface ImageRef {
  /** The text as written. */
  raw: string;
  /** Registry host as written, undefined when implied (Docker Hub). */
  registry: string | undefined;
  /** Registry host as the runtime resolves it (`docker.io` when implied). */
  domain: string;
  /** Repository path without registry, tag or digest (`library/nginx`). */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

const DOCKER_HUB = 'docker.io';

/** Parses an image reference; undefined for an empty or malformed one. */
export function parseImage(raw: string): ImageRef | undefined {
  const text = raw.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (digest === '') return undefined;
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  // The tag follows the last ':' of the last path component (a registry port is not a tag).
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '') return undefined;
  }
  if (rest === '') return undefined;
  let domain = (registry ?? DOCKER_HUB).toLowerCase();
  if (domain === 'index.docker.io' || domain === 'registry-1.docker.io') domain = DOCKER_HUB;
  const repository = domain === DOCKER_HUB && !rest.includes('/') ? `library/${rest}` : rest;
  return { raw: text, registry, domain, repository, tag, digest };
}

/**
 * Pinned by content: the runtime pulls exactly these bytes whatever the tag
 * says. Any `@<algorithm>:<hex>` counts (a malformed digest is the API's to
 * reject, and a `<digest>` placeholder is the user's to fill in).
 */
export function isDigestPinned(image: ImageRef): boolean {
  return image.digest !== undefined;
}

/** Why the image can change under the same name: no tag or `latest`, unless pinned by digest. */
export function mutableTag(image: ImageRef): 'none' | 'latest' | undefined {
  if (image.digest !== undefined) return undefined;
  if (image.tag === undefined) return 'none';
  if (image.tag === 'latest') return 'latest';
  return undefined;
}

/** The reference with its tag replaced (or added), digest dropped. */
export function withTag(image: ImageRef, tag: string): string {
  const name = image.registry ? `${image.registry}/${stripLibrary(image)}` : stripLibrary(image);
  return `${name}:${tag}`;
}

function stripLibrary(image: ImageRef): string {
  // Keep the name as the user wrote it: `nginx`, not `library/nginx`.
  const written = image.raw.split('@')[0]!;
  const afterRegistry = image.registry ? written.slice(image.registry.length + 1) : written;
  const lastSlash = afterRegistry.lastIndexOf('/');
  const colon = afterRegistry.indexOf(':', lastSlash + 1);
  return colon === -1 ? afterRegistry : afterRegistry.slice(0, colon);
}

/** `k8s.gcr.io` was frozen in April 2023; its images are served by `registry.k8s.io`. */
export const DEPRECATED_REGISTRIES: ReadonlyMap<string, string> = new Map([['k8s.gcr.io', 'registry.k8s.io']]);

/** The image with its registry host replaced, everything else as written. */
export function withRegistry(image: ImageRef, registry: string): string {
  if (!image.registry) return `${registry}/${image.raw}`;
  return `${registry}${image.raw.slice(image.registry.length)}`;
}

/**
 * True when `domain/repository` is covered by an allowlist entry: a host
 * (`registry.k8s.io`), a host and path prefix (`ghcr.io/acme`), either
 * with globs (`*.dkr.ecr.*.amazonaws.com`).
 */
export function registryTrusted(image: ImageRef, trusted: readonly string[]): boolean {
  const full = `${image.domain}/${image.repository}`;
  for (const raw of trusted) {
    // Trailing slashes cut by a loop: /\/+$/ is quadratic on a long run of slashes.
    let entry = raw.trim();
    while (entry.endsWith('/')) entry = entry.slice(0, -1);
    if (entry === '') continue;
    const slash = entry.indexOf('/');
    const host = (slash === -1 ? entry : entry.slice(0, slash)).toLowerCase();
    const normalizedHost = host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
    entry = normalizedHost + (slash === -1 ? '' : entry.slice(slash));
    if (matchGlob(entry, full) || matchGlob(`${entry}/**`, full)) return true;
  }
  return false;
}

export interface ContainerImage {
  container: ContainerRef;
  node: YNode;
  image: ImageRef;
}

/**
 * A token that a build or deploy tool replaces before anything runs:
 * `CONTAINER_IMAGE`, `IMAGE_NAME:TAG` (a repository is never upper case),
 * `${IMAGE}`, `$IMAGE`, `<image>`, `__IMAGE__`, `@IMAGE@`.
 */
export function isImagePlaceholder(raw: string): boolean {
  const text = raw.trim();
  return (
    /^[A-Z][A-Z0-9_]*(?::[A-Za-z0-9_.-]+)?$/.test(text) ||
    /^(?:\$\{[^{}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|<[^<>]*>|__[A-Za-z0-9_]+__|@[A-Za-z0-9_]+@)(?::.*)?$/.test(text)
  );
}

/** Literal images of every container (templated images and build-tool placeholders are unknown and skipped). */
export function containerImages(object: K8sObject): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const container of containersOf(object)) {
    const node = container.node.get('image');
    const text = node?.value;
    if (!node || typeof text !== 'string' || isImagePlaceholder(text)) continue;
    const image = parseImage(text);
    if (image) out.push({ container, node, image });
  }
  return out;
}
