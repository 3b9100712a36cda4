/**
 * Entry point of the VS Code extension: start the language client, register
 * the commands and the status item, stop everything on deactivation. The
 * analysis itself lives in the language server (dist/server.js).
 */
import type * as vscode from 'vscode';
import type { StatusParams } from '../../shared-rules/src/protocol';
import { KubewardClient } from './client';

/** What the extension exports (`vscode.extensions.getExtension(...).exports`), for tests and other extensions. */
export interface KubewardApi {
  /** Settles when the language server has answered `initialize` (rejects when it could not start). */
  readonly ready: Promise<void>;
  /** The last `kubeward/status` the server sent, as the language status item shows it. */
  status(): StatusParams | undefined;
}

let kubeward: KubewardClient | undefined;

export function activate(context: vscode.ExtensionContext): KubewardApi {
  kubeward = new KubewardClient(context);
  // Not awaited: activation stays cheap; commands wait for the server themselves.
  const ready = kubeward.start();
  ready.catch(() => undefined); // reported by the client (output channel, status item)
  const k = kubeward;
  return { ready, status: () => k.status.last };
}

export async function deactivate(): Promise<void> {
  const k = kubeward;
  kubeward = undefined;
  await k?.dispose();
}
