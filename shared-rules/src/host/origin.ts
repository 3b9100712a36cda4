/**
 * The chart or overlay a file belongs to, part of a finding's fingerprint:
 * the same Deployment name in two charts is two objects, while moving an
 * object to another file of its chart keeps its identity.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KUSTOMIZATION_FILES, type Origin } from '../index';
import { isFile } from './files';

const CHART_FILES = ['Chart.yaml', 'Chart.yml'];

/** `name:` of a Chart.yaml, read without a YAML parser (it is a top-level scalar). */
function chartName(file: string): string | undefined {
  try {
    const m = /^name:[ \t]*["']?([^"'#\s]+)/m.exec(fs.readFileSync(file, 'utf8'));
    return m?.[1];
  } catch {
    return undefined;
  }
}

export class Origins {
  private readonly byDir = new Map<string, Origin>();
  /** Folder that overlay folders are named relative to (the working folder). */
  constructor(root: string) {
    this.root = path.resolve(root);
  }
  private readonly root: string;

  of(file: string): Origin {
    if (file === '-') return undefined;
    return this.ofDir(path.dirname(path.resolve(file)), 0);
  }

  private ofDir(dir: string, depth: number): Origin {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    let origin: Origin;
    const chart = CHART_FILES.map((n) => path.join(dir, n)).find(isFile);
    if (chart) origin = `chart:${chartName(chart) ?? path.basename(dir)}`;
    else if (KUSTOMIZATION_FILES.some((n) => isFile(path.join(dir, n)))) origin = `kustomize:${path.relative(this.root, dir).split(path.sep).join('/') || '.'}`;
    else {
      const parent = path.dirname(dir);
      // Not above the working folder, and not forever.
      origin = parent === dir || dir === this.root || depth > 32 ? undefined : this.ofDir(parent, depth + 1);
    }
    this.byDir.set(dir, origin);
    return origin;
  }
}
