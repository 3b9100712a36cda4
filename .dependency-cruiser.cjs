/**
 * The layers of Kubeward and the one direction their imports run
 * (ARCHITECTURE.md explains them). `npm run lint` fails on any import below
 * that breaks one of these rules.
 *
 *   text <- yaml <- k8s <- fix <- engine <- rules <- commands <- index
 *   text, yaml <- helm;  text, yaml, k8s <- kustomize  (rendered sources)
 *   host (Node) <- cli | server;  client -> protocol only
 */
const SR = '^shared-rules/src/';
const layer = (name) => `${SR}${name}/`;
const below = {
  text: [],
  yaml: ['text'],
  k8s: ['text', 'yaml'],
  // Rendered sources: pure, fed files through an interface (host/ reads the disk for them).
  helm: ['text', 'yaml'],
  kustomize: ['text', 'yaml', 'k8s'],
  fix: ['text', 'yaml', 'k8s'],
  engine: ['text', 'yaml', 'k8s', 'fix'],
  rules: ['text', 'yaml', 'k8s', 'fix', 'engine'],
  docs: ['text', 'yaml', 'k8s', 'fix', 'engine'],
  commands: ['text', 'yaml', 'k8s', 'fix', 'engine', 'rules'],
};
const layerRules = Object.entries(below).map(([name, allowed]) => ({
  name: `layer-${name}`,
  comment: `shared-rules/src/${name}/ may import only ${allowed.length ? allowed.join(', ') : 'itself'} (and npm packages)`,
  severity: 'error',
  from: { path: layer(name) },
  to: {
    path: SR,
    pathNot: [layer(name), ...allowed.map(layer)],
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'engine-is-portable',
      comment: 'shared-rules/ outside host/ and cli/ runs in a browser worker too: no Node built-ins, no VS Code or LSP libraries',
      severity: 'error',
      from: { path: SR, pathNot: [`${SR}(cli|host)/`] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-no-editor-libraries',
      severity: 'error',
      from: { path: SR },
      to: { path: '^node_modules/(vscode|vscode-languageserver|vscode-languageclient|vscode-languageserver-textdocument|vscode-jsonrpc)/' },
    },
    {
      name: 'host-below-cli',
      comment: 'host/ is shared by the CLI and the server: it must not import either',
      severity: 'error',
      from: { path: `${SR}host/` },
      to: { path: [`${SR}cli/`, '^server/'] },
    },
    {
      name: 'server-not-cli',
      comment: 'the server uses host/ for Node work, never the CLI',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: `${SR}cli/` },
    },
    {
      name: 'client-protocol-only',
      comment: 'the VS Code client talks to the server; of shared-rules it knows only the protocol',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: SR, pathNot: `${SR}protocol\\.ts$` },
    },
    {
      name: 'no-test-imports',
      comment: 'shipped code and tools never import tests',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|test/corpus)/' },
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
