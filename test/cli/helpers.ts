/** Runs the built CLI (`npm test` builds dist/ first) in temporary folders. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CLI = path.resolve(__dirname, '../../dist/cli.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kubeward(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Run {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does) first`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const created: string[] = [];

/** Removes every folder `workspace` made (call from afterAll). */
export function removeWorkspaces(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A temporary folder holding `files` (path → content); symlinks as `{ link: target }`. */
export function workspace(files: Record<string, string | { link: string } | { dir: true }>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-cli-'));
  created.push(root);
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(root, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(full, content);
    else if ('link' in content) fs.symlinkSync(content.link, full);
    else fs.mkdirSync(full, { recursive: true });
  }
  return root;
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: string;
  message: string;
}

export const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
`;

export const CLEAN_POD = POD.replace('privileged: true', 'privileged: false');
