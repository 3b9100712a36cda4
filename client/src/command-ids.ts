/**
 * Ids of the commands the client registers itself, apart from their code
 * (commands.ts), so that the language client (client.ts) can name them
 * without importing the commands, which import it.
 */
import { Commands } from '../../shared-rules/src/protocol';

/** Palette command that picks a rule and shows its page (client only; the server's `kubeward.showDocumentation` takes a rule id). */
export const SHOW_RULE_DOCUMENTATION = 'kubeward.showRuleDocumentation';

/**
 * Commands this client registers itself; sent in `initializationOptions.clientCommands`
 * so that the server does not advertise them and vscode-languageclient does not register them twice.
 */
export const CLIENT_COMMANDS: readonly string[] = [
  Commands.secureIngress,
  Commands.migrateIngress,
  Commands.scanWorkspace,
  SHOW_RULE_DOCUMENTATION,
  Commands.revealSecretValue,
];
