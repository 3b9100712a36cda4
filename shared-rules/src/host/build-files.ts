/** The Kustomize build's files (BuildFiles) read from the disk. */
import fs from 'node:fs';
import type { BuildFiles } from '../kustomize/files';

export function diskFiles(): BuildFiles {
  return {
    read: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    list: (d) => {
      try {
        return fs.readdirSync(d).sort();
      } catch {
        return [];
      }
    },
    isDir: (p) => {
      try {
        return fs.statSync(p).isDirectory();
      } catch {
        return false;
      }
    },
  };
}
