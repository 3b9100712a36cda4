/** Node's side of the Helm renderer: a chart folder on disk as ChartFiles. */
import fs from 'node:fs';
import path from 'node:path';
import type { ChartFiles } from '../helm/chart';

/** The chart folder on disk; paths that leave it (.., absolute, symlinks out) read as missing. */
export class NodeChartFiles implements ChartFiles {
  private readonly root: string;
  constructor(root: string) {
    this.root = fs.realpathSync(root);
  }
  private resolve(rel: string): string | undefined {
    const full = path.resolve(this.root, rel);
    let real: string;
    try {
      real = fs.realpathSync(full);
    } catch {
      return undefined;
    }
    if (real !== this.root && !real.startsWith(this.root + path.sep)) return undefined;
    return real;
  }
  read(rel: string): string | undefined {
    const f = this.resolve(rel);
    if (!f) return undefined;
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  }
  readBytes(rel: string): Uint8Array | undefined {
    const f = this.resolve(rel);
    if (!f) return undefined;
    try {
      return new Uint8Array(fs.readFileSync(f));
    } catch {
      return undefined;
    }
  }
  list(dir: string): string[] {
    const d = this.resolve(dir || '.');
    if (!d) return [];
    try {
      return fs
        .readdirSync(d, { withFileTypes: true })
        .map((e) => {
          const isDir =
            e.isDirectory() || (e.isSymbolicLink() && this.resolve(path.join(dir, e.name)) !== undefined && fs.statSync(path.join(d, e.name)).isDirectory());
          return isDir ? `${e.name}/` : e.name;
        })
        .sort();
    } catch {
      return [];
    }
  }
}
