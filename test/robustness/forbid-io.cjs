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
forbid('child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
forbid('net', ['connect', 'createConnection', 'createServer']);
forbid('tls', ['connect', 'createServer']);
forbid('http', ['request', 'get', 'createServer']);
forbid('https', ['request', 'get', 'createServer']);
forbid('http2', ['connect', 'createServer', 'createSecureServer']);
forbid('dgram', ['createSocket']);
forbid('dns', ['lookup', 'resolve', 'resolve4', 'resolve6']);
forbid('worker_threads', ['Worker']);
forbid('vm', ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction', 'Script']);
globalThis.fetch = function forbiddenFetch() {
  process.stderr.write('KUBEWARD-FORBIDDEN fetch\n');
  throw new Error('fetch is forbidden in Kubeward');
};
