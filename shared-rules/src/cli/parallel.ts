/**
 * `kubeward scan` on more than one core: helper threads (workers running the
 * CLI bundle itself) read and analyse files beside the main thread. Every
 * thread takes the next file not yet taken (a shared counter), so a slow
 * file or a slow start balances itself. The main thread then handles the
 * results in the files' order, exactly as a one-thread scan would: the
 * output is the same, byte for byte.
 *
 * Used for inputs of at least PARALLEL_MIN_BYTES, in files of at least
 * PARALLEL_MIN_AVERAGE_BYTES on average, on a machine with a second core
 * (`--threads 1` turns it off, `--threads 2` forces it). A helper that fails, or never starts,
 * costs nothing but time: the main thread analyses what it did not return.
 */
import type { ExceptionScope } from '../index';
import fs from 'node:fs';
import os from 'node:os';
import { isMainThread, MessageChannel, parentPort, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { FileAnalyzer, RULES, type CachedDocuments, type FileResult, type ResolvedConfig } from '../index';
import { readFileText } from '../host/files';

/** `workerData` key that makes the CLI bundle run as a scan helper (see bin.ts). */
export const SCAN_HELPER = 'kubewardScanHelper';

/** Smaller inputs are scanned on one thread: starting a helper costs more than it saves. */
export const PARALLEL_MIN_BYTES = 1024 * 1024;

/** Folders of smaller files (on average) are scanned on one thread (see scanThreads). */
export const PARALLEL_MIN_AVERAGE_BYTES = 64 * 1024;

/** A helper that sends nothing for this long is given up on. */
const STALL_MS = 60_000;

export interface SharedFile {
  absolute: string;
  display: string;
  partial: boolean;
  /** For the scopes of exceptions. */
  scope?: ExceptionScope;
}

/** What a helper sends back for one file. */
export interface HelpedFile {
  index: number;
  text?: string;
  bom?: boolean;
  utf8?: boolean;
  result?: Omit<FileResult, 'lines'>;
  cached?: CachedDocuments;
  /** The file could not be read: its error code. */
  readError?: string;
  /** The analysis threw (a bug): the main thread analyses the file again. */
  failed?: string;
}

interface HelperData {
  [SCAN_HELPER]: true;
  files: SharedFile[];
  config: ResolvedConfig;
  /** Int32: [next file, then one state per helper: 0 not started, 1 running, 2 given up, 3 done]. */
  shared: SharedArrayBuffer;
  slot: number;
  port: MessagePort;
}

let helperScript: string | undefined;

/** This thread is a scan helper (the CLI bundle started by shareFiles). */
export function isScanHelper(): boolean {
  return !isMainThread && Boolean((workerData as Record<string, unknown> | undefined)?.[SCAN_HELPER]);
}

/** The bundle that helpers run (the CLI's own file); without it, scans use one thread. */
export function enableScanHelpers(script: string): void {
  helperScript = script;
}

/**
 * How many threads a scan of these files uses: `requested`, or 2 for large
 * inputs of large files when a second core exists. Measured on 2 cores
 * (`npm run bench`, and folders of copies of its generated files): two 10 MB
 * files scan 1.37× faster on two threads, 100 KB and 1 MB files 1.1× faster,
 * but a folder of small manifests (the corpus, 5 KB on average) 10% slower:
 * V8's garbage collector already keeps the second core busy, and each file
 * handed over costs a message both ways.
 */
export function scanThreads(files: readonly SharedFile[], requested: number | undefined): number {
  if (!helperScript || files.length < 2 || files.some((f) => f.absolute === '-')) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(requested, files.length));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores < 2) return 1;
  let bytes = 0;
  for (const f of files) bytes += fs.statSync(f.absolute, { throwIfNoEntry: false })?.size ?? 0; // unreadable: reported when read
  return bytes >= PARALLEL_MIN_BYTES && bytes / files.length >= PARALLEL_MIN_AVERAGE_BYTES ? 2 : 1;
}

/**
 * Scans `files` with `threads - 1` helpers. `here(i)` analyses file i on
 * this thread; what the helpers analysed is returned by index.
 */
export function shareFiles(files: readonly SharedFile[], config: ResolvedConfig, threads: number, here: (index: number) => void): Map<number, HelpedFile> {
  const helped = new Map<number, HelpedFile>();
  const helpers = threads - 1;
  const shared = new Int32Array(new SharedArrayBuffer(4 * (1 + helpers)));
  const workers: Array<{ worker: Worker; port: MessagePort }> = [];
  for (let slot = 1; slot <= helpers; slot++) {
    try {
      const { port1, port2 } = new MessageChannel();
      const data: HelperData = { [SCAN_HELPER]: true, files: [...files], config, shared: shared.buffer as SharedArrayBuffer, slot, port: port2 };
      // Helpers write nothing to stdout: it may be the report.
      const worker = new Worker(helperScript!, { workerData: data, transferList: [port2], stdout: true });
      worker.on('error', () => undefined); // a helper that fails leaves its files to this thread
      workers.push({ worker, port: port1 });
    } catch {
      Atomics.store(shared, slot, 2);
    }
  }

  for (;;) {
    const i = Atomics.add(shared, 0, 1);
    if (i >= files.length) break;
    here(i);
  }

  // Helpers that have not started by now take nothing; running ones finish their file.
  for (let slot = 1; slot <= helpers; slot++) Atomics.compareExchange(shared, slot, 0, 2);
  const drain = () => {
    let got = false;
    for (const { port } of workers) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const file = m.message as HelpedFile;
        helped.set(file.index, file);
        got = true;
      }
    }
    return got;
  };
  let lastProgress = Date.now();
  for (let slot = 1; slot <= helpers; slot++) {
    while (Atomics.load(shared, slot) === 1) {
      Atomics.wait(shared, slot, 1, 100);
      if (drain()) lastProgress = Date.now();
      else if (Date.now() - lastProgress > STALL_MS) break;
    }
  }
  drain();
  for (const { worker, port } of workers) {
    port.close();
    void worker.terminate();
  }
  // Files a helper took but did not finish (it failed): analysed here.
  for (let i = 0; i < files.length; i++) {
    const h = helped.get(i);
    if (h?.failed !== undefined) helped.delete(i);
  }
  return helped;
}

/** The helper thread's side. */
export function runScanHelper(): void {
  const data = workerData as HelperData;
  const shared = new Int32Array(data.shared);
  const { port, files, config, slot } = data;
  if (Atomics.compareExchange(shared, slot, 0, 1) !== 0) {
    port.close();
    return;
  }
  try {
    for (;;) {
      const index = Atomics.add(shared, 0, 1);
      if (index >= files.length) break;
      port.postMessage(analyzeFile(index, files[index]!, config));
    }
  } finally {
    Atomics.store(shared, slot, 3);
    Atomics.notify(shared, slot);
    port.close();
    parentPort?.close();
  }
}

function analyzeFile(index: number, file: SharedFile, config: ResolvedConfig): HelpedFile {
  let read: { text: string; utf8: boolean };
  try {
    read = readFileText(file.absolute);
  } catch (error) {
    return { index, readError: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  try {
    let text = read.text;
    const bom = text.startsWith('\uFEFF');
    if (bom) text = text.slice(1);
    const analyzer = new FileAnalyzer();
    const { lines: _lines, ...result } = analyzer.analyze(text, { rules: RULES, config, file: file.display, partial: file.partial, scope: file.scope });
    return { index, text, bom, utf8: read.utf8, result, cached: analyzer.exportCache() };
  } catch (error) {
    return { index, failed: error instanceof Error ? error.message : String(error) };
  }
}
