/**
 * A helper thread for the first analysis of a large file.
 *
 * Opening a 1 MB manifest means parsing and checking some 1,800 documents.
 * The main thread and one helper thread (a worker running this same bundle)
 * take the file's documents in turns: each document is claimed once, through
 * a shared array of flags, by whichever thread reaches it first. The helper
 * sends its analyses back; the main thread adds them to the document's cache
 * and assembles the result, which is the same as a one-thread analysis (each
 * document is analysed alone, by the same code). Later analyses (keystrokes)
 * only re-check the edited document, on the main thread.
 *
 * Used only where it pays: a second core, a file of at least
 * PARALLEL_MIN_CHARS and nothing cached yet. A failed or missing helper is
 * never an error: the main thread analyses whatever the helper did not.
 */
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FileAnalyzer, type CachedDocuments, type ResolvedConfig, type Rule } from '../../shared-rules/src/index';

/** `workerData` key that makes the server bundle run as a helper thread (see main.ts). */
export const HELPER_THREAD = 'kubewardAnalysisHelper';

/** Smaller files are analysed on the main thread: handing them over costs more than it saves. */
export const PARALLEL_MIN_CHARS = 192 * 1024;

/** This thread is the server's helper (the server bundle started by AnalysisHelper). */
export function isAnalysisHelper(): boolean {
  return !isMainThread && Boolean((workerData as Record<string, unknown> | undefined)?.[HELPER_THREAD]);
}

export interface SharedJob {
  config: ResolvedConfig;
  file: string;
  partial: boolean;
}

interface JobMessage extends SharedJob {
  id: number;
  text: string;
  /** Int32 cancel flag, then one byte per document: 0 free, 1 main thread, 2 helper. */
  claims: SharedArrayBuffer;
}

interface DoneMessage {
  id: number;
  cached?: CachedDocuments;
  error?: string;
}

/** One analysis shared with the helper. */
export interface SharedAnalysis {
  /** AnalyzeOptions.claim for the main thread. */
  claim(documentIndex: number): boolean;
  /** The helper's analyses; undefined when it failed or was cancelled. */
  readonly done: Promise<CachedDocuments | undefined>;
  /** A newer version superseded the text: the helper stops at its next document. */
  cancel(): void;
}

/** Upper bound of a text's document count (a document takes at least 3 characters: `---`). */
function maxDocuments(length: number): number {
  return Math.floor(length / 3) + 2;
}

function claimsOf(buffer: SharedArrayBuffer): { cancelled: Int32Array; flags: Uint8Array } {
  return { cancelled: new Int32Array(buffer, 0, 1), flags: new Uint8Array(buffer, 4) };
}

export class AnalysisHelper {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, (message: DoneMessage | undefined) => void>();

  /**
   * @param script the bundle to run in the helper thread (the server's own file)
   * @param log where the helper's failures are reported
   */
  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
    private readonly minChars = PARALLEL_MIN_CHARS,
  ) {}

  /** A second core exists. */
  static useful(): boolean {
    return (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length) > 1;
  }

  /** Starts the helper on `text`, or undefined when the main thread should work alone. */
  start(text: string, job: SharedJob): SharedAnalysis | undefined {
    if (text.length < this.minChars) return undefined;
    const worker = this.ensureWorker();
    if (!worker) return undefined;
    const id = ++this.nextId;
    const buffer = new SharedArrayBuffer(4 + maxDocuments(text.length));
    const { cancelled, flags } = claimsOf(buffer);
    const done = new Promise<CachedDocuments | undefined>((resolve) => {
      this.pending.set(id, (message) => {
        if (message?.error) this.log(`Kubeward: the helper thread failed on ${job.file} (the main thread analysed its share): ${message.error}`);
        resolve(message?.cached);
      });
    });
    const message: JobMessage = { id, text, claims: buffer, config: job.config, file: job.file, partial: job.partial };
    worker.postMessage(message);
    return {
      claim: (i) => i >= flags.length || Atomics.compareExchange(flags, i, 0, 1) === 0,
      done,
      cancel: () => Atomics.store(cancelled, 0, 1),
    };
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      // The helper's stdout is not ours: the server's stdout may be the LSP channel.
      const worker = new Worker(this.script, { workerData: { [HELPER_THREAD]: true }, stdout: true });
      worker.stdout.pipe(process.stderr);
      worker.on('message', (message: DoneMessage) => {
        const settle = this.pending.get(message.id);
        this.pending.delete(message.id);
        settle?.(message);
      });
      const lost = (why: string) => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.failed = true;
        this.log(`Kubeward: the helper thread stopped (${why}); large files are analysed on the main thread only.`);
        for (const settle of this.pending.values()) settle(undefined);
        this.pending.clear();
      };
      worker.on('error', (error) => lost(error instanceof Error ? error.message : String(error)));
      worker.on('exit', (code) => lost(`exit code ${code}`));
      worker.unref();
      this.worker = worker;
    } catch (error) {
      this.failed = true;
      this.log(`Kubeward: no helper thread (${error instanceof Error ? error.message : String(error)}); large files are analysed on the main thread only.`);
    }
    return this.worker;
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failed = true;
    for (const settle of this.pending.values()) settle(undefined);
    this.pending.clear();
    void worker?.terminate();
  }
}

/** The helper thread's side: analyses the documents it claims, and sends back their cache entries. */
export function runAnalysisHelper(rules: readonly Rule[]): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: JobMessage) => {
    const { cancelled, flags } = claimsOf(job.claims);
    const analyzer = new FileAnalyzer();
    try {
      analyzer.analyze(job.text, {
        rules,
        config: job.config,
        file: job.file,
        partial: job.partial,
        claim: (i) => i < flags.length && Atomics.load(cancelled, 0) === 0 && Atomics.compareExchange(flags, i, 0, 2) === 0,
      });
      const done: DoneMessage = { id: job.id, cached: Atomics.load(cancelled, 0) === 0 ? analyzer.exportCache() : undefined };
      port.postMessage(done);
    } catch (error) {
      const done: DoneMessage = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      port.postMessage(done);
    }
  });
}
