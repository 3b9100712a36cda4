/**
 * `kubeward-language-server`: the Kubeward language server for any LSP client.
 *
 *   kubeward-language-server --stdio        (Neovim, Emacs, Helix, Zed…)
 *   kubeward-language-server --node-ipc     (VS Code)
 *
 * Also `--socket=<port>` and `--pipe=<name>`. It makes no network call, starts
 * no process and evaluates nothing from the workspace.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { RULES, VERSION, type Rule } from '../../shared-rules/src/index';
import { AnalysisHelper, isAnalysisHelper, runAnalysisHelper } from './parallel';
import { startServer } from './server';
import { TEST_RULES_VARIABLE, testRules } from './testRules';

/** esbuild defines it: false in the production bundle, which so carries no test rule. */
declare const KUBEWARD_TEST_RULES_BUILD: boolean;

function extraRules(): Rule[] {
  return KUBEWARD_TEST_RULES_BUILD ? testRules(process.env[TEST_RULES_VARIABLE]) : [];
}

const USAGE = `kubeward-language-server ${VERSION}

Usage: kubeward-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>
`;

export function main(argv: readonly string[] = process.argv.slice(2)): void {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const transport = argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
  if (!transport || argv.includes('--help') || argv.includes('-h')) {
    (transport ? process.stdout : process.stderr).write(USAGE);
    if (!transport) process.exitCode = 2;
    return;
  }
  // createConnection picks the transport from the command line.
  const connection = createConnection(ProposedFeatures.all);
  // VS Code's node-ipc: the parent went away without a word.
  if (argv.includes('--node-ipc')) process.on('disconnect', () => process.exit(0));
  const log = (message: string) => connection.console.error(message);
  // This bundle is also the helper thread's script (see parallel.ts).
  const helper = AnalysisHelper.useful() ? new AnalysisHelper(__filename, log) : undefined;
  startServer(connection, { extraRules: extraRules(), helper });
}

if (isAnalysisHelper()) runAnalysisHelper([...RULES, ...extraRules()]);
else main();
