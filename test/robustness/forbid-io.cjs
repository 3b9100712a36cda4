// Preloaded (`node -r` or NODE_OPTIONS) into the CLI and the language server
// by the robustness tests: any attempt to start a process or open a network
// connection is written to stderr as "KUBEWARD-FORBIDDEN <call>" and fails.
const forbid = (module, names) => {
  const target = require(module);
  for (const name of names) {
    if (typeof target[name] !== 'function') continue;
    target[name] = function forbidden() {
      process.stderr.write(`KUBEWARD-FORBIDDEN ${module}.${name}\n`);
      throw new Error(`${module}.${name} is forbidden in Kubeward`);
    };
  }
};
// `kubeward scan --changed-since` runs git: execFileSync('git', args) without a
// shell is let through and written to stderr as "KUBEWARD-GIT <subcommand>".
{
  const child = require('child_process');
  const original = child.execFileSync;
  forbid('child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
  const forbidden = child.execFileSync;
  child.execFileSync = function gitOnly(file, args, options) {
    if (file !== 'git' || !Array.isArray(args) || options?.shell) return forbidden.apply(this, arguments);
    process.stderr.write(`KUBEWARD-GIT ${args[0]}\n`);
    return original.call(this, file, args, options);
  };
}
forbid('net', ['connect', 'createConnection', 'createServer']);
forbid('tls', ['connect', 'createServer']);
forbid('http', ['request', 'get', 'createServer']);
forbid('https', ['request', 'get', 'createServer']);
forbid('http2', ['connect', 'createServer', 'createSecureServer']);
forbid('dgram', ['createSocket']);
forbid('dns', ['lookup', 'resolve', 'resolve4', 'resolve6']);
// A helper thread may run only the program's own bundle (dist/cli.js or
// dist/server.js starting itself), never code given as a string or another file.
{
  const path = require('path');
  const threads = require('worker_threads');
  const Original = threads.Worker;
  const own = process.argv[1] ? path.resolve(process.argv[1]) : undefined;
  threads.Worker = class GuardedWorker extends Original {
    constructor(filename, options) {
      const file = typeof filename === 'string' ? filename : filename instanceof URL ? require('url').fileURLToPath(filename) : undefined;
      if (options?.eval || file === undefined || own === undefined || path.resolve(file) !== own) {
        process.stderr.write('KUBEWARD-FORBIDDEN worker_threads.Worker\n');
        throw new Error('worker_threads.Worker is forbidden in Kubeward, except to run its own bundle');
      }
      process.stderr.write(`KUBEWARD-WORKER ${path.basename(file)}\n`);
      super(filename, options);
    }
  };
}
forbid('vm', ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction', 'Script']);
globalThis.fetch = function forbiddenFetch() {
  process.stderr.write('KUBEWARD-FORBIDDEN fetch\n');
  throw new Error('fetch is forbidden in Kubeward');
};
