/**
 * Kustomize patches are partial objects by design: a file that a
 * `kustomization.yaml` names as a patch may omit any field.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { nestsDeeperThan } from '../yaml/depth';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** A path (either slash) whose file name is a kustomization's. */
export function isKustomizationFile(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return (KUSTOMIZATION_FILES as readonly string[]).includes(name);
}

/** Paths (relative to the kustomization's folder) that it uses as patches. */
export function kustomizePatchPaths(kustomizationText: string): string[] {
  if (nestsDeeperThan(kustomizationText)) return [];
  let doc;
  try {
    doc = parseDocument(kustomizationText, { prettyErrors: false });
  } catch {
    return [];
  }
  const root = doc.contents;
  if (!isMap(root)) return [];
  const out: string[] = [];
  const add = (v: unknown) => {
    if (isScalar(v) && typeof v.value === 'string' && !v.value.includes('\n')) out.push(normalize(v.value));
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const value = pair.value;
    if (!isSeq(value)) continue;
    if (key === 'patchesStrategicMerge') value.items.forEach(add);
    else if (key === 'patches' || key === 'patchesJson6902') {
      for (const item of value.items) {
        if (isMap(item)) add(item.get('path', true));
        else add(item); // older form: a plain path
      }
    }
  }
  return out;
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}
