/**
 * JSON patch (RFC 6902) on KNodes, as kustomize applies `patches` whose text
 * is a list of operations: add, remove, replace, move, copy, test. A failing
 * operation throws a Json6902Error naming it.
 */
import { clone, isKMap, isKSeq, sameValue, type KNode } from './node';

export class Json6902Error extends Error {}

export interface PatchOp {
  op: string;
  path: string;
  from?: string;
  value?: KNode;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Json6902Error(`path "${path}" does not start with /`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolve(root: KNode, parts: string[], what: string): KNode {
  let cur: KNode = root;
  for (const p of parts) {
    let next: KNode | undefined;
    if (isKMap(cur)) next = cur.e.get(p);
    else if (isKSeq(cur) && /^\d+$/.test(p)) next = cur.items[Number(p)];
    if (!next) throw new Json6902Error(`${what}: no value at /${parts.join('/')}`);
    cur = next;
  }
  return cur;
}

function index(parent: KNode, last: string, forAdd: boolean, path: string): number {
  if (!isKSeq(parent)) return -1;
  if (forAdd && last === '-') return parent.items.length;
  if (!/^\d+$/.test(last)) throw new Json6902Error(`${path}: "${last}" is not an index`);
  const i = Number(last);
  if (i > parent.items.length || (!forAdd && i === parent.items.length)) throw new Json6902Error(`${path}: index ${i} out of range`);
  return i;
}

function add(root: KNode, path: string, value: KNode): KNode {
  const parts = pointer(path);
  if (!parts.length) return value;
  const last = parts.pop()!;
  const parent = resolve(root, parts, `add ${path}`);
  if (isKMap(parent)) parent.e.set(last, value);
  else if (isKSeq(parent)) parent.items.splice(index(parent, last, true, path), 0, value);
  else throw new Json6902Error(`add ${path}: parent is not a map or list`);
  return root;
}

function remove(root: KNode, path: string): KNode {
  const parts = pointer(path);
  const last = parts.pop();
  if (last === undefined) throw new Json6902Error('remove: cannot remove the whole document');
  const parent = resolve(root, parts, `remove ${path}`);
  if (isKMap(parent)) {
    if (!parent.e.has(last)) throw new Json6902Error(`remove ${path}: no such field`);
    parent.e.delete(last);
  } else if (isKSeq(parent)) parent.items.splice(index(parent, last, false, path), 1);
  else throw new Json6902Error(`remove ${path}: parent is not a map or list`);
  return root;
}

export function applyJson6902(doc: KNode, ops: PatchOp[]): KNode {
  let root = clone(doc);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        root = add(root, op.path, need(op));
        break;
      case 'remove':
        root = remove(root, op.path);
        break;
      case 'replace': {
        // As in the JSON patch library kustomize uses, replacing a missing map key sets it.
        const parts = pointer(op.path);
        const parent = resolve(root, parts.slice(0, -1), `replace ${op.path}`);
        if (isKMap(parent)) root = add(root, op.path, need(op));
        else {
          resolve(root, parts, `replace ${op.path}`);
          root = add(remove(root, op.path), op.path, need(op));
        }
        break;
      }
      case 'move': {
        const v = resolve(root, pointer(op.from ?? ''), `move from ${op.from}`);
        root = add(remove(root, op.from ?? ''), op.path, v);
        break;
      }
      case 'copy':
        root = add(root, op.path, clone(resolve(root, pointer(op.from ?? ''), `copy from ${op.from}`)));
        break;
      case 'test':
        if (!sameValue(resolve(root, pointer(op.path), `test ${op.path}`), need(op))) throw new Json6902Error(`test ${op.path}: value differs`);
        break;
      default:
        throw new Json6902Error(`unknown operation "${op.op}"`);
    }
  }
  return root;
}

function need(op: PatchOp): KNode {
  if (!op.value) throw new Json6902Error(`${op.op} ${op.path}: no value`);
  return op.value;
}
