/**
 * `.kubeward.yaml` and editor settings, merged into one resolved configuration
 * that both the CLI and the language server hand to the engine.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { MAX_NESTING, nestsDeeperThan } from '../yaml/depth';
import { isExpired, type KubewardException } from './exceptions';
import { matchGlob } from '../text/glob';
import type { Finding, Profile, RuleSetting, Severity } from './types';

export interface IngressSettings {
  /** External auth endpoint for `auth-url` fixes (oauth2-proxy and the like). */
  authUrl?: string;
  authSignin?: string;
  /** cert-manager ClusterIssuer added with TLS fixes. */
  clusterIssuer?: string;
  /** TLS secret name; `{name}` is replaced by the Ingress name. */
  tlsSecretName: string;
  /** Secret holding htpasswd data for basic-auth fixes; `{name}` as above. */
  basicAuthSecret: string;
  /** IngressClass names served by ingress-nginx. */
  nginxClasses: string[];
  /** Hosts that are public on purpose (globs): no auth finding. */
  publicHosts: string[];
}

/** Image settings (`images:` in .kubeward.yaml). */
export interface ImageSettings {
  /** Registries images may come from: hosts, host/path prefixes, globs. Used by image-untrusted-registry. */
  trustedRegistries: string[];
}

export interface KubewardConfig {
  profile?: Profile;
  kubernetesVersion?: string;
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  ingress?: Partial<IngressSettings>;
  images?: Partial<ImageSettings>;
  /** Files larger than this many bytes get one informational finding instead of an analysis. */
  maxFileSize?: number;
  /** Scoped waivers with a reason (see exceptions.ts). */
  exceptions?: KubewardException[];
  /** Rules (ids or globs) that no inline comment or annotation can suppress. */
  enforce?: string[];
  /** Honour other scanners' suppressions (Checkov, kube-linter, Polaris, KICS, Trivy). */
  peerSuppressions?: boolean;
}

export interface ResolvedConfig {
  profile: Profile;
  kubernetesVersion: string;
  /** [major, minor] of kubernetesVersion. */
  kubernetesMinor: [number, number];
  /** Per-rule settings; keys may be globs (`pod-*`). Later entries win. */
  rules: Array<[string, RuleSetting]>;
  ignore: string[];
  ingress: IngressSettings;
  images: ImageSettings;
  maxFileSize: number;
  exceptions: KubewardException[];
  enforce: string[];
  peerSuppressions: boolean;
  /** Changes whenever anything that affects findings changes. */
  fingerprint: string;
}

export const DEFAULT_KUBERNETES_VERSION = '1.33';
export const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;

/**
 * `baseline` by default: it is what Pod Security Admission itself enforces as
 * the sensible minimum, so a finding under it is a real exposure, not a style
 * choice. `restricted` adds the hardening rules for teams that enforce it.
 */
export const DEFAULT_PROFILE: Profile = 'baseline';

export function resolveConfig(...layers: Array<KubewardConfig | undefined>): ResolvedConfig {
  let profile: Profile = DEFAULT_PROFILE;
  let kubernetesVersion = DEFAULT_KUBERNETES_VERSION;
  const rules: Array<[string, RuleSetting]> = [];
  const ignore: string[] = [];
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  const ingress: IngressSettings = {
    tlsSecretName: '{name}-tls',
    basicAuthSecret: '{name}-basic-auth',
    nginxClasses: ['nginx'],
    publicHosts: [],
  };
  const images: ImageSettings = { trustedRegistries: [] };
  const exceptions: KubewardException[] = [];
  const enforce: string[] = [];
  let peerSuppressions = false;
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.profile) profile = layer.profile;
    if (layer.kubernetesVersion) kubernetesVersion = layer.kubernetesVersion;
    if (layer.rules) rules.push(...Object.entries(layer.rules));
    if (layer.ignore) ignore.push(...layer.ignore);
    if (typeof layer.maxFileSize === 'number' && layer.maxFileSize > 0) maxFileSize = layer.maxFileSize;
    if (layer.ingress) {
      for (const [k, v] of Object.entries(layer.ingress)) if (v !== undefined && v !== '') (ingress as unknown as Record<string, unknown>)[k] = v;
    }
    // A later layer's list replaces an earlier one (settings over .kubeward.yaml), as the ingress lists do.
    if (layer.images?.trustedRegistries) images.trustedRegistries = [...layer.images.trustedRegistries];
    if (layer.exceptions) exceptions.push(...layer.exceptions);
    if (layer.enforce) enforce.push(...layer.enforce);
    if (layer.peerSuppressions !== undefined) peerSuppressions = layer.peerSuppressions;
  }
  const m = /^v?(\d+)\.(\d+)/.exec(kubernetesVersion);
  const kubernetesMinor: [number, number] = m ? [Number(m[1]), Number(m[2])] : [1, 33];
  const resolved = { profile, kubernetesVersion, kubernetesMinor, rules, ignore, ingress, images, maxFileSize, exceptions, enforce, peerSuppressions };
  return { ...resolved, fingerprint: JSON.stringify(resolved) };
}

/** The severity the user set for a rule, when the setting is a severity (not off, on or unset). */
export function configuredSeverity(config: ResolvedConfig, ruleId: string): Severity | undefined {
  const setting = ruleSetting(config, ruleId);
  return setting === undefined || setting === 'off' || setting === 'on' ? undefined : setting;
}

/** The user's setting for a rule, or undefined to use its default. */
export function ruleSetting(config: ResolvedConfig, ruleId: string): RuleSetting | undefined {
  let setting: RuleSetting | undefined;
  for (const [pattern, value] of config.rules) {
    if (pattern === ruleId || (pattern.includes('*') && matchGlob(pattern, ruleId))) setting = value;
  }
  return setting;
}

/** True when the target Kubernetes version is at least major.minor. */
export function targetsAtLeast(config: ResolvedConfig, major: number, minor: number): boolean {
  const [a, b] = config.kubernetesMinor;
  return a > major || (a === major && b >= minor);
}

// ---------------------------------------------------------------- .kubeward.yaml

const SETTINGS: readonly RuleSetting[] = ['off', 'on', 'hint', 'info', 'warning', 'error'];

export interface ConfigParseResult {
  config: KubewardConfig;
  /** `config-invalid` findings with offsets into the config text. */
  findings: Finding[];
}

/**
 * Parses and validates `.kubeward.yaml`. Never throws; a bad file gives findings and the defaults.
 * Exceptions past their `expires` date (compared with `today`) apply to nothing and are findings.
 */
export function parseConfigFile(text: string, knownRuleIds: ReadonlySet<string>, today: Date = new Date()): ConfigParseResult {
  const findings: Finding[] = [];
  const problem = (node: Node | null | undefined, message: string, severity: Severity = 'error') => {
    const r = node?.range ?? [0, Math.min(text.length, 1)];
    findings.push({ ruleId: 'config-invalid', severity, message, start: r[0], end: Math.max(r[1], r[0]) });
  };
  // A value with no text (`profile:`) is flagged at its key.
  const at = (value: Node | null | undefined, key: Node): Node => (value?.range && value.range[1] > value.range[0] ? value : key);
  const config: KubewardConfig = {};
  if (nestsDeeperThan(text)) {
    problem(undefined, `.kubeward.yaml is nested more than ${MAX_NESTING} levels deep, too deep to read safely; the defaults apply.`);
    return { config: {}, findings };
  }
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    problem(undefined, `.kubeward.yaml could not be read (${String(error)}); the defaults apply.`);
    return { config: {}, findings };
  }
  for (const error of doc.errors) {
    findings.push({
      ruleId: 'config-invalid',
      severity: 'error',
      message: `.kubeward.yaml is not valid YAML: ${error.message.split('\n')[0]}. The defaults apply until it is fixed.`,
      start: error.pos[0],
      end: Math.max(error.pos[1], error.pos[0] + 1),
    });
  }
  if (doc.errors.length > 0) return { config: {}, findings };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, findings };
  if (!isMap(root)) {
    problem(root, '.kubeward.yaml must be a mapping of settings (profile, kubernetesVersion, rules, ignore, ingress, images).');
    return { config: {}, findings };
  }
  for (const pair of root.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    const scalar = isScalar(value) ? value.value : undefined;
    switch (key) {
      case 'profile':
        if (scalar === 'baseline' || scalar === 'restricted') config.profile = scalar;
        else problem(at(value, keyNode), `profile must be "baseline" or "restricted", not ${JSON.stringify(scalar ?? null)}.`);
        break;
      case 'kubernetesVersion':
        if ((typeof scalar === 'string' || typeof scalar === 'number') && /^v?\d+\.\d+(\.\d+)?$/.test(String(scalar))) {
          // As written: YAML reads 1.30 as the number 1.3, but the user meant 1.30.
          const written = typeof scalar === 'number' && value?.range ? text.slice(value.range[0], value.range[1]) : String(scalar);
          config.kubernetesVersion = /^v?\d+\.\d+(\.\d+)?$/.test(written) ? written : String(scalar);
          if (typeof scalar === 'number')
            problem(
              value,
              `kubernetesVersion should be quoted ("${config.kubernetesVersion}"): YAML reads ${config.kubernetesVersion} as the number ${String(scalar)}.`,
              'warning',
            );
        } else problem(at(value, keyNode), 'kubernetesVersion must look like "1.31".');
        break;
      case 'maxFileSize':
        if (typeof scalar === 'number' && scalar > 0) config.maxFileSize = scalar;
        else problem(at(value, keyNode), 'maxFileSize must be a positive number of bytes.');
        break;
      case 'rules':
        if (!isMap(value)) {
          problem(at(value, keyNode), 'rules must map rule ids (or globs such as "pod-*") to off, on, hint, info, warning or error.');
          break;
        }
        config.rules = {};
        for (const rulePair of value.items) {
          const idNode = rulePair.key as Node;
          const id = isScalar(idNode) ? String(idNode.value) : '';
          const settingNode = rulePair.value as Node | null;
          const setting = isScalar(settingNode) ? settingNode.value : undefined;
          const normalized = setting === false ? 'off' : setting;
          if (!SETTINGS.includes(normalized as RuleSetting)) {
            problem(at(settingNode, idNode), `"${id}" must be set to one of ${SETTINGS.join(', ')}.`);
            continue;
          }
          if (!id.includes('*') && !knownRuleIds.has(id)) {
            const suggestion = closest(id, knownRuleIds);
            problem(
              idNode,
              `Unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} Run \`kubeward scan --list-rules\` for the ids.`,
              'warning',
            );
            continue;
          }
          config.rules[id] = normalized as RuleSetting;
        }
        break;
      case 'ignore':
        if (isSeq(value) && value.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
          config.ignore = value.items.map((i) => String((i as { value: unknown }).value));
        } else problem(at(value, keyNode), 'ignore must be a list of glob strings, such as ["charts/*/tests/**"].');
        break;
      case 'ingress': {
        if (!isMap(value)) {
          problem(
            at(value, keyNode),
            'ingress must be a mapping (authUrl, authSignin, clusterIssuer, tlsSecretName, basicAuthSecret, nginxClasses, publicHosts).',
          );
          break;
        }
        const ingress: Partial<IngressSettings> = {};
        for (const p of value.items) {
          const k = isScalar(p.key) ? String(p.key.value) : '';
          const v = p.value as Node | null;
          if (['authUrl', 'authSignin', 'clusterIssuer', 'tlsSecretName', 'basicAuthSecret'].includes(k)) {
            if (isScalar(v) && typeof v.value === 'string') (ingress as Record<string, unknown>)[k] = v.value;
            else problem(at(v, p.key as Node), `ingress.${k} must be a string.`);
          } else if (k === 'nginxClasses' || k === 'publicHosts') {
            if (isSeq(v) && v.items.every((i) => isScalar(i) && typeof i.value === 'string'))
              ingress[k] = v.items.map((i) => String((i as { value: unknown }).value));
            else problem(at(v, p.key as Node), `ingress.${k} must be a list of strings.`);
          } else problem(p.key as Node, `Unknown ingress setting "${k}".`, 'warning');
        }
        config.ingress = ingress;
        break;
      }
      case 'images': {
        if (!isMap(value)) {
          problem(value ?? keyNode, 'images must be a mapping (trustedRegistries).');
          break;
        }
        const images: Partial<ImageSettings> = {};
        for (const p of value.items) {
          const k = isScalar(p.key) ? String(p.key.value) : '';
          const v = p.value as Node | null;
          if (k === 'trustedRegistries') {
            if (isSeq(v) && v.items.every((i) => isScalar(i) && typeof i.value === 'string' && i.value.trim() !== ''))
              images.trustedRegistries = v.items.map((i) => String((i as { value: unknown }).value).trim());
            else
              problem(
                v ?? (p.key as Node),
                'images.trustedRegistries must be a list of registries, such as ["registry.example.com", "ghcr.io/acme", "*.dkr.ecr.*.amazonaws.com"].',
              );
          } else problem(p.key as Node, `Unknown images setting "${k}".`, 'warning');
        }
        config.images = images;
        break;
      }
      case 'peerSuppressions':
        if (typeof scalar === 'boolean') config.peerSuppressions = scalar;
        else problem(at(value, keyNode), 'peerSuppressions must be true or false.');
        break;
      case 'enforce':
        if (isSeq(value) && value.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
          config.enforce = [];
          for (const item of value.items) {
            const id = String((item as { value: unknown }).value);
            if (!id.includes('*') && !knownRuleIds.has(id)) problem(item as Node, unknownRule(id, knownRuleIds), 'warning');
            else config.enforce.push(id);
          }
        } else problem(at(value, keyNode), 'enforce must be a list of rule ids or globs, such as [pod-privileged, "rbac-*"].');
        break;
      case 'exceptions':
        if (!isSeq(value)) {
          problem(
            at(value, keyNode),
            'exceptions must be a list of entries with rule, reason and optional scopes (paths, objects, containers, chart, overlay) and expires.',
          );
          break;
        }
        config.exceptions = [];
        for (const item of value.items) {
          const exception = parseException(item as Node, text, knownRuleIds, problem);
          if (!exception) continue;
          if (exception.expires && isExpired(exception.expires, today)) {
            exception.expired = true;
            const r = (item as Node).range ?? [0, 0];
            const line = text.indexOf('\n', r[0]);
            findings.push({
              ruleId: 'exception-expired',
              messageId: 'expired',
              severity: 'warning',
              message: `The exception for ${exception.rule} expired on ${exception.expires}; its findings are reported again.`,
              start: r[0],
              end: line === -1 || line > r[1] ? r[1] : line,
            });
          }
          config.exceptions.push(exception);
        }
        break;
      default:
        problem(
          keyNode,
          `Unknown setting "${key}"; .kubeward.yaml knows profile, kubernetesVersion, rules, ignore, ingress, images, maxFileSize, exceptions, enforce and peerSuppressions.`,
          'warning',
        );
    }
  }
  return { config, findings };
}

function unknownRule(id: string, known: ReadonlySet<string>): string {
  const suggestion = closest(id, known);
  return `Unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} Run \`kubeward scan --list-rules\` for the ids.`;
}

const EXCEPTION_KEYS = ['rule', 'reason', 'expires', 'paths', 'objects', 'containers', 'chart', 'overlay'];

/** One entry of `exceptions:`, or undefined (with a config-invalid finding) when it cannot be used. */
function parseException(
  node: Node,
  text: string,
  knownRuleIds: ReadonlySet<string>,
  problem: (node: Node | null | undefined, message: string, severity?: Severity) => void,
): KubewardException | undefined {
  if (!isMap(node)) {
    problem(node, 'Each exception must be a mapping with rule and reason.');
    return undefined;
  }
  const exception: Partial<KubewardException> = {};
  let valid = true;
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    const target = value?.range && value.range[1] > value.range[0] ? value : keyNode;
    const string = isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number') ? String(value.value).trim() : undefined;
    if (!EXCEPTION_KEYS.includes(key)) {
      problem(keyNode, `Unknown exception field "${key}"; an exception has ${EXCEPTION_KEYS.join(', ')}.`);
      valid = false;
    } else if (key === 'rule' || key === 'reason' || key === 'chart' || key === 'overlay') {
      if (!string) {
        problem(target, `exception ${key} must be a non-empty string.`);
        valid = false;
      } else if (key === 'reason' && string === '<reason>') {
        problem(value, 'Write the reason for this exception in place of <reason>.');
        valid = false;
      } else if (key === 'rule' && !string.includes('*') && !knownRuleIds.has(string)) {
        problem(value, unknownRule(string, knownRuleIds));
        valid = false;
      } else exception[key] = string;
    } else if (key === 'expires') {
      // YAML reads an unquoted 2026-06-30 as a string here (the core schema has no timestamps).
      const written = value?.range ? text.slice(value.range[0], value.range[1]).replace(/^["']|["']$/g, '') : '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(written) || Number.isNaN(Date.parse(`${written}T00:00:00Z`))) {
        problem(target, 'exception expires must be a date written YYYY-MM-DD (the last day the exception applies).');
        valid = false;
      } else exception.expires = written;
    } else {
      const list = isSeq(value) ? value.items : isScalar(value) ? [value] : [];
      const strings = list.map((i) => (isScalar(i) && (typeof i.value === 'string' || typeof i.value === 'number') ? String(i.value).trim() : ''));
      if (strings.length === 0 || strings.some((s) => s === '')) {
        problem(target, `exception ${key} must be a list of strings${key === 'objects' ? ' written kind/namespace/name (globs allowed)' : ''}.`);
        valid = false;
      } else if (key === 'objects' && strings.some((s) => ![2, 3].includes(s.split('/').length))) {
        problem(target, 'exception objects must be written kind/namespace/name, or kind/name for cluster-scoped objects.');
        valid = false;
      } else exception[key as 'paths' | 'objects' | 'containers'] = strings;
    }
  }
  if (valid && (!exception.rule || !exception.reason)) {
    problem(
      node,
      exception.rule
        ? `The exception for ${exception.rule} needs a reason: say why the finding is accepted.`
        : 'An exception needs a rule (an id or a glob) and a reason.',
    );
    return undefined;
  }
  return valid ? (exception as KubewardException) : undefined;
}

function closest(id: string, known: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(id.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(id, candidate, bestDistance);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
