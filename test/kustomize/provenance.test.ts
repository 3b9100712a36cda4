// Every node of the built output says where it comes from: the base
// resource, the patch that set it, the generator literal, or the
// kustomization field that wrote it. Ranges are checked exactly: the text they
// cover and the line it starts on.
import { describe, expect, it } from 'vitest';
import { buildKustomization, emitBuild, emitBuildWithSourceMap, memoryFiles, type KNode, type Origin } from '../../shared-rules/src/kustomize/index';

const files: Record<string, string> = {
  '/l/base/deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: settings
`,
  '/l/base/kustomization.yaml': `resources:
- deploy.yaml
configMapGenerator:
- name: settings
  literals:
  - mode=fast
`,
  '/l/overlay/p.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        securityContext:
          privileged: true
`,
  '/l/overlay/kustomization.yaml': `resources:
- ../base
namespace: prod
namePrefix: dev-
images:
- name: nginx
  newTag: "1.27"
patches:
- path: p.yaml
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          hostNetwork: true
`,
};

const result = buildKustomization('/l/overlay', memoryFiles(files));
const deployment = result.resources.find((r) => r.kind === 'Deployment')!.node;
const configMap = result.resources.find((r) => r.kind === 'ConfigMap')!.node;

function at(n: KNode, ...path: (string | number)[]): KNode {
  let cur: KNode = n;
  for (const p of path) {
    if (typeof p === 'number' && cur.t === 'q') cur = cur.items[p]!;
    else if (typeof p === 'string' && cur.t === 'm') cur = cur.e.get(p)!;
    else throw new Error(`no ${p}`);
    if (!cur) throw new Error(`no ${p}`);
  }
  return cur;
}

/** What a reader sees: the cause, the file, the line (1-based) and the text the range covers. */
function where(o: Origin) {
  const text = files[o.file]!;
  return {
    cause: o.cause,
    field: o.field,
    file: o.file,
    line: text.slice(0, o.range[0]).split('\n').length,
    text: text.slice(o.range[0], o.range[1]),
  };
}

describe('provenance of the built output', () => {
  it('builds without issues', () => expect(result.issues).toEqual([]));

  it('a value untouched by the overlay points at the base resource', () => {
    expect(where(at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'name').o)).toEqual({
      cause: 'resource',
      field: undefined,
      file: '/l/base/deploy.yaml',
      line: 9,
      text: 'app',
    });
  });

  it('a value set by a patch file points at the patch', () => {
    expect(where(at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged').o)).toEqual({
      cause: 'patch',
      field: undefined,
      file: '/l/overlay/p.yaml',
      line: 11,
      text: 'true',
    });
  });

  it('a value set by an inline patch points into the kustomization', () => {
    expect(where(at(deployment, 'spec', 'template', 'spec', 'hostNetwork').o)).toEqual({
      cause: 'patch',
      field: undefined,
      file: '/l/overlay/kustomization.yaml',
      line: 18,
      text: 'true',
    });
  });

  it('an image rewritten by images: points at the images entry', () => {
    const image = at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'image');
    expect(image).toMatchObject({ v: 'nginx:1.27' });
    expect(where(image.o)).toEqual({
      cause: 'field',
      field: 'images',
      file: '/l/overlay/kustomization.yaml',
      line: 6,
      text: 'name: nginx\n  newTag: "1.27"',
    });
  });

  it('the namespace points at the namespace: line, the prefixed name at namePrefix:', () => {
    expect(where(at(deployment, 'metadata', 'namespace').o)).toMatchObject({ cause: 'field', field: 'namespace', line: 3, text: 'prod' });
    expect(where(at(deployment, 'metadata', 'name').o)).toMatchObject({ cause: 'field', field: 'namePrefix', line: 4, text: 'dev-' });
  });

  it('generated data points at the generator literal', () => {
    expect(where(at(configMap, 'data', 'mode').o)).toEqual({
      cause: 'generator',
      field: 'configMapGenerator',
      file: '/l/base/kustomization.yaml',
      line: 6,
      text: 'mode=fast',
    });
  });

  it('a reference to a generated ConfigMap gets its hashed, prefixed name', () => {
    const ref = at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'envFrom', 0, 'configMapRef', 'name');
    const name = at(configMap, 'metadata', 'name');
    expect(name).toMatchObject({ v: expect.stringMatching(/^dev-settings-[a-z0-9]{10}$/) });
    expect(ref).toMatchObject({ v: (name as { v: string }).v });
  });
});

describe('the built text as a virtual document', () => {
  const { text, map } = emitBuildWithSourceMap(result.resources);
  const source = (needle: string, from = 0) => {
    const start = text.indexOf(needle, from);
    expect(start, needle).toBeGreaterThanOrEqual(0);
    const r = map.toSource(start, start + needle.length)!;
    return { file: r.file, text: files[r.file]!.slice(r.start, r.end) };
  };

  it('is what emitBuild prints', () => expect(text).toBe(emitBuild(result.resources)));

  it('maps a range of the built text back to the file and range it came from', () => {
    expect(source('image: nginx:1.27')).toEqual({ file: '/l/overlay/kustomization.yaml', text: 'name: nginx\n  newTag: "1.27"' });
    expect(source('nginx:1.27')).toEqual({ file: '/l/overlay/kustomization.yaml', text: 'name: nginx\n  newTag: "1.27"' });
    expect(source('privileged: true')).toEqual({ file: '/l/overlay/p.yaml', text: 'true' });
    expect(source('name: app')).toEqual({ file: '/l/base/deploy.yaml', text: 'app' });
    expect(source('namespace: prod')).toEqual({ file: '/l/overlay/kustomization.yaml', text: 'prod' });
    expect(source('mode: fast')).toEqual({ file: '/l/base/kustomization.yaml', text: 'mode=fast' });
  });
});
