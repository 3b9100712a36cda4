/**
 * ServiceAccounts and the pods that use them: which account a pod runs as,
 * and whether an account turns off the automatic mounting of its API token.
 * Source: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
 * ("If both the ServiceAccount and the Pod's .spec specify a value for
 * automountServiceAccountToken, the Pod spec takes precedence.")
 */
import type { K8sObject } from './objects';
import type { YNode } from '../yaml/nav';
import { lookup, type Uncertain } from './pod-security';

/**
 * The account a pod spec runs as: `serviceAccountName`, else the deprecated
 * `serviceAccount`, else (or when empty) `default`. Undefined when a template
 * or a merge may name it.
 */
export function serviceAccountNameOf(spec: YNode, uncertain: Uncertain): string | undefined {
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const found = lookup(spec, [field], uncertain);
    if (found.state === 'unknown') return undefined;
    if (found.state === 'set') {
      const name = found.node.str;
      if (name === undefined) return undefined;
      return name === '' ? 'default' : name;
    }
  }
  return 'default';
}

/** What a ServiceAccount says about token automounting. */
export type Automount = 'disabled' | 'enabled' | 'unset' | 'unknown';

export function automountOf(account: K8sObject, uncertain: Uncertain): Automount {
  const found = lookup(account.root, ['automountServiceAccountToken'], uncertain);
  if (found.state === 'unknown') return 'unknown';
  if (found.state === 'unset') return 'unset';
  const value = found.node.value;
  if (value === false) return 'disabled';
  if (value === true) return 'enabled';
  // A string "false" is rejected by the API server: it disables nothing.
  return 'unset';
}
