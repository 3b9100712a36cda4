/**
 * "Kubeward: Secure this Ingress": every Ingress fix, in a fixed order, for the
 * Ingress under the cursor (or the only one in the file), as one edit.
 *
 * Each step re-analyses the document after the previous one, so later steps
 * see the Ingress as the earlier ones left it (the class annotation can only
 * move to spec.ingressClassName once the Ingress is networking.k8s.io/v1).
 * Answers the command asked for (auth URL, TLS secret name, cert-manager
 * issuer) reach the fixes as configuration, and make their variant preferred.
 */
import { FileAnalyzer } from '../engine/analyze';
import { resolveConfig, type KubewardConfig, type ResolvedConfig } from '../engine/config';
import type { Rule } from '../engine/rule';
import type { Finding } from '../engine/types';
import { applyEdits, type Edit } from '../fix/edit';
import { chooseFix } from '../engine/apply-fixes';
import { CERT_MANAGER_ANNOTATIONS, nginxAnnotation, tlsEntriesOf } from '../k8s/ingress';
import { objectAt, objectsInFile } from '../k8s/locate';
import { annotation, type K8sObject } from '../k8s/objects';
import { RULES } from '../rules/index';

/** Rules whose fixes add TLS (and so ask for the Secret name and the cert-manager issuer). */
const TLS_RULES: readonly string[] = ['ingress-tls-missing', 'ingress-tls-host-not-covered', 'ingress-tls-secret-unset'];
const AUTH_RULE = 'ingress-public-no-auth';

/** What the command needs answered for an Ingress: only what its changes use. */
export type SecureIngressQuestion = 'authUrl' | 'tlsSecretName' | 'clusterIssuer';

/** The order of the steps; any other Ingress rule with a fix runs after these. */
export const SECURE_INGRESS_ORDER: readonly string[] = [
  'ingress-removed-api-version',
  'ingress-class-annotation-deprecated',
  'ingress-tls-missing',
  'ingress-tls-host-not-covered',
  'ingress-tls-secret-unset',
  'ingress-nginx-ssl-redirect-disabled',
  'ingress-public-no-auth',
  'ingress-source-range-open',
  'ingress-nginx-deprecated-annotation',
  'ingress-nginx-snippet-annotation',
  'ingress-nginx-annotation-injection',
  'ingress-nginx-cors-wildcard-with-credentials',
];

export interface SecureIngressOptions {
  /** Offset of the cursor; without it the file must hold exactly one Ingress. */
  offset?: number;
  config?: ResolvedConfig;
  /** The layers the config was resolved from, so answers can be layered on top. */
  configLayers?: KubewardConfig[];
  authUrl?: string;
  /** Where ingress-nginx sends a visitor who is not signed in (`auth-signin`), with `authUrl`. */
  authSignin?: string;
  tlsSecretName?: string;
  clusterIssuer?: string;
  partial?: boolean;
  rules?: readonly Rule[];
}

export type SecureIngressResult =
  | {
      ok: true;
      /** One edit (or none when the Ingress is already secure). */
      edits: Edit[];
      newText: string;
      ingressName: string | undefined;
      /** Rule ids whose fixes were applied, in order. */
      applied: string[];
      /** The titles of the fixes applied, in order, without repeats. */
      changes: string[];
      /** Findings on the Ingress that no fix could resolve. */
      remaining: Finding[];
      /** Placeholder texts the applied fixes wrote, for the user to replace (`<your-cidr>/32`). */
      placeholders: string[];
      /** The questions whose answers this change uses (auth when it adds auth, TLS when it adds TLS). */
      questions: SecureIngressQuestion[];
      /** What the user must still do for the change to work (create Secrets, replace placeholders), one sentence each. */
      todo: string[];
    }
  | { ok: false; error: string };

const MAX_STEPS = 40;

export function secureIngress(text: string, options: SecureIngressOptions = {}): SecureIngressResult {
  const rules = options.rules ?? RULES;
  const answers: KubewardConfig = {
    ingress: {
      ...(options.authUrl ? { authUrl: options.authUrl } : {}),
      ...(options.authUrl && options.authSignin ? { authSignin: options.authSignin } : {}),
      ...(options.tlsSecretName ? { tlsSecretName: options.tlsSecretName } : {}),
      ...(options.clusterIssuer ? { clusterIssuer: options.clusterIssuer } : {}),
    },
  };
  const config = options.configLayers ? resolveConfig(...options.configLayers, answers) : layer(options.config ?? resolveConfig(), answers);

  const ingressRuleIds = new Set(
    rules.filter((r) => r.meta.kinds !== '*' && r.meta.kinds.includes('Ingress') && r.meta.fix.availability !== 'none').map((r) => r.meta.id),
  );
  const order = [
    ...SECURE_INGRESS_ORDER.filter((id) => ingressRuleIds.has(id)),
    ...[...ingressRuleIds].filter((id) => !SECURE_INGRESS_ORDER.includes(id)).sort(),
  ];

  const target = findIngress(text, options.offset);
  if (!target.ok) return target;

  let current = text;
  let span = target.span;
  const applied: string[] = [];
  const changes = new Set<string>();
  const placeholders = new Set<string>();
  let steps = 0;
  for (const ruleId of order) {
    // A rule may need several rounds (one finding per host, per annotation…).
    for (let round = 0; round < 10 && steps < MAX_STEPS; round++) {
      const findings = fixableFindings(current, span, ruleId, rules, config, options.partial);
      const fix = findings.map((f) => chooseFix(f, 'display-only')).find((f) => f !== undefined);
      if (!fix) break;
      const next = applyEdits(current, fix.edits);
      if (next === current) break;
      span = [span[0], span[1] + (next.length - current.length)];
      current = next;
      applied.push(ruleId);
      changes.add(fix.title);
      for (const p of fix.placeholders ?? []) placeholders.add(p);
      steps++;
    }
  }
  const remaining = new FileAnalyzer()
    .analyze(current, { rules, config, partial: options.partial, range: span })
    .findings.filter((f) => f.object?.kind === 'Ingress' && f.start >= span[0] && f.start < span[1] && ingressRuleIds.has(f.ruleId));
  const written = [...placeholders].filter((p) => current.includes(p));
  const questions: SecureIngressQuestion[] = [];
  if (applied.includes(AUTH_RULE)) questions.push('authUrl');
  if (applied.some((id) => TLS_RULES.includes(id))) questions.push('tlsSecretName', 'clusterIssuer');
  const secured = applied.length > 0 ? objectAt(current, target.span[0])?.object : undefined;
  const todo = secured ? followUps(secured, applied, written, remaining) : [];
  return {
    ok: true,
    edits: minimalEdit(text, current),
    newText: current,
    ingressName: target.name,
    applied,
    changes: [...changes],
    remaining,
    placeholders: written,
    questions,
    todo,
  };
}

/** What is left to the user once the Ingress is edited: the Secrets it now names, the placeholders, the sign-in page. */
function followUps(ingress: K8sObject, applied: readonly string[], placeholders: readonly string[], remaining: readonly Finding[]): string[] {
  const ns = ingress.namespace ? ` -n ${ingress.namespace}` : '';
  const out: string[] = [];
  if (applied.includes(AUTH_RULE)) {
    const secret = nginxAnnotation(ingress, 'auth-secret')?.str;
    if (nginxAnnotation(ingress, 'auth-type')?.str === 'basic' && secret) {
      out.push(
        `Create the basic-auth Secret "${secret}": \`htpasswd -c auth <user>\`, then \`kubectl create secret generic ${secret} --from-file=auth${ns}\`.`,
      );
    }
    if (nginxAnnotation(ingress, 'auth-url') && !nginxAnnotation(ingress, 'auth-signin')) {
      out.push(
        "Set `nginx.ingress.kubernetes.io/auth-signin` to your proxy's sign-in page (oauth2-proxy: `https://<proxy>/oauth2/start?rd=$escaped_request_uri`), or visitors get a bare 401.",
      );
    }
  }
  if (applied.some((id) => TLS_RULES.includes(id))) {
    const issuerKey = CERT_MANAGER_ANNOTATIONS.find((k) => annotation(ingress, k)?.str);
    const issuer = issuerKey ? annotation(ingress, issuerKey)!.str : undefined;
    for (const secret of new Set(
      tlsEntriesOf(ingress)
        .map((t) => t.secretName?.str)
        .filter((n): n is string => Boolean(n)),
    )) {
      if (issuer)
        out.push(
          `cert-manager creates the TLS Secret "${secret}" through ${issuerKey === 'cert-manager.io/issuer' ? 'Issuer' : 'ClusterIssuer'} "${issuer}": check that it exists (\`kubectl get ${issuerKey === 'cert-manager.io/issuer' ? `issuer ${issuer}${ns}` : `clusterissuer ${issuer}`}\`).`,
        );
      else out.push(`Create the TLS Secret "${secret}": \`kubectl create secret tls ${secret} --cert=tls.crt --key=tls.key${ns}\`.`);
    }
  }
  for (const p of placeholders) out.push(`Replace \`${p}\` with a real value.`);
  if (remaining.length > 0) out.push(`Fix by hand: ${[...new Set(remaining.map((f) => f.ruleId))].join(', ')}.`);
  return out;
}

function layer(config: ResolvedConfig, answers: KubewardConfig): ResolvedConfig {
  return resolveConfig(
    {
      profile: config.profile,
      kubernetesVersion: config.kubernetesVersion,
      rules: Object.fromEntries(config.rules),
      ignore: config.ignore,
      ingress: config.ingress,
      maxFileSize: config.maxFileSize,
    },
    answers,
  );
}

function fixableFindings(
  text: string,
  span: [number, number],
  ruleId: string,
  rules: readonly Rule[],
  config: ResolvedConfig,
  partial: boolean | undefined,
): Finding[] {
  return new FileAnalyzer()
    .analyze(text, { rules, config, partial, withFixes: true, range: span })
    .findings.filter((f) => f.ruleId === ruleId && f.start >= span[0] && f.start <= span[1] && f.fixes?.length);
}

/** The Ingress at the cursor, or the only one in the file: its object span. */
function findIngress(text: string, offset: number | undefined): { ok: true; span: [number, number]; name: string | undefined } | { ok: false; error: string } {
  const ingresses = listIngresses(text);
  if (ingresses.length === 0) return { ok: false, error: 'There is no Ingress in this file.' };
  if (offset === undefined) {
    if (ingresses.length > 1) return { ok: false, error: 'This file has several Ingresses: put the cursor inside the one to secure.' };
    return { ok: true, span: ingresses[0]!.span, name: ingresses[0]!.name };
  }
  const hit = ingresses.find((i) => offset >= i.span[0] && offset <= i.span[1]) ?? (ingresses.length === 1 ? ingresses[0] : undefined);
  if (!hit) return { ok: false, error: 'The cursor is not inside an Ingress: put it inside the one to secure.' };
  return { ok: true, span: hit.span, name: hit.name };
}

/** Ingress objects of a file with their spans. */
export function listIngresses(text: string): Array<{ span: [number, number]; name: string | undefined }> {
  return objectsInFile(text)
    .filter(({ object }) => object.kind === 'Ingress')
    .map(({ object, span }) => ({ span, name: object.name }));
}

/**
 * Edits covering only the lines that changed between two texts: common
 * prefix and suffix trimmed, then a line-level LCS over what is left, so
 * unchanged lines in between are never rewritten.
 */
export function minimalEdit(before: string, after: string): Edit[] {
  if (before === after) return [];
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Start at a line start.
  while (prefix > 0 && before[prefix - 1] !== '\n') prefix--;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // End just after a line break (or at the end of the text).
  while (suffix > 0 && before[before.length - suffix - 1] !== '\n') suffix--;
  const a = splitLines(before.slice(prefix, before.length - suffix));
  const b = splitLines(after.slice(prefix, after.length - suffix));
  if (a.length * b.length > 4_000_000) return [{ start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) }];
  // LCS table over lines.
  const n = a.length;
  const m = b.length;
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  let offset = prefix;
  let pending: Edit | undefined;
  const flush = () => {
    if (pending) edits.push(pending);
    pending = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush();
      offset += a[i]!.length;
      i++;
      j++;
    } else if (j < m && (i >= n || dp[i]![j + 1]! >= dp[i + 1]![j]!)) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.text += b[j]!;
      j++;
    } else {
      pending ??= { start: offset, end: offset, text: '' };
      pending.end += a[i]!.length;
      offset += a[i]!.length;
      i++;
    }
  }
  flush();
  return edits;
}

/** Lines with their line breaks kept. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
