/**
 * Entry point of the VS Code extension. Activation only registers the commands
 * and the language status item; the language client (dist/language-client.js,
 * with vscode-languageclient) is loaded and started right after, off the
 * activation path. The analysis itself lives in the language server
 * (dist/server.js).
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../shared-rules/src/protocol';
import type { KubewardClient } from './client';
import { registerCommands, type CommandHost } from './commands';
import { DOCUMENT_SELECTOR } from './selector';
import { KubewardStatus } from './status';

/** When this bundle started evaluating: activation cost is measured from here (docs/requirements.md, Targets: under 50 ms). */
const loadedAt = performance.now();

/** What the extension exports (`vscode.extensions.getExtension(...).exports`), for tests and other extensions. */
export interface KubewardApi {
  /** Settles when the language server has answered `initialize` (rejects when it could not start). */
  readonly ready: Promise<void>;
  /** The last `kubeward/status` the server sent, as the language status item shows it. */
  status(): StatusParams | undefined;
  /**
   * Milliseconds this extension spends on activation: evaluating this bundle plus running activate()
   * (not VS Code's own work between the two; the language client loads after).
   */
  readonly activationMs: number;
}

let client: Promise<KubewardClient> | undefined;

export function activate(context: vscode.ExtensionContext): KubewardApi {
  const activateStart = performance.now();
  const status = new KubewardStatus(DOCUMENT_SELECTOR);
  context.subscriptions.push(status);
  let loaded: Promise<KubewardClient> | undefined;
  const host: CommandHost = {
    context,
    status,
    client: () =>
      (loaded ??= new Promise<KubewardClient>((resolve, reject) =>
        // after activation returns: loading vscode-languageclient is the expensive part
        setImmediate(() => {
          try {
            // esbuild keeps this require: dist/language-client.js is its own bundle (see esbuild.mjs)
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, after activation
            const mod = require('./language-client.js') as typeof import('./client');
            const k = new mod.KubewardClient(context, status);
            k.start().then(() => resolve(k), reject);
          } catch (e) {
            status.failed(e instanceof Error ? e.message : String(e));
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- forwards what the load threw
            reject(e);
          }
        }),
      )),
  };
  context.subscriptions.push(...registerCommands(host));
  client = host.client();
  const ready = client.then(() => undefined);
  ready.catch(() => undefined); // reported by the client (output channel, status item)
  return { ready, status: () => status.last, activationMs: evaluatedIn + performance.now() - activateStart };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  const k = await c?.catch(() => undefined);
  await k?.dispose();
}

/** Time to evaluate this bundle (the last statement of the module). */
const evaluatedIn = performance.now() - loadedAt;
