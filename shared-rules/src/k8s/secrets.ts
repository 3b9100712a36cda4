/**
 * What the secrets rules (and the language server's hover) know about
 * credentials: base64 and UTF-8 as Kubernetes reads Secret data, the names
 * and values that give a credential away, and the values that are only
 * placeholders.
 *
 * No Node `Buffer`, no DOM `atob`/`TextEncoder`: the engine runs in a browser
 * worker too. Every regular expression here is linear in its input (no nested
 * or adjacent unbounded quantifiers over overlapping classes; every run is
 * bounded or stops at a character its class excludes), and a test feeds each
 * one 100,000-character adversarial strings.
 */
import type { K8sObject } from './objects';
import type { YNode } from '../yaml/nav';

// ---------------------------------------------------------------- base64

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

function sextet(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? DECODE[c]! : -1;
}

/**
 * Decodes standard, padded base64 exactly as the API server does for
 * `Secret.data` (Go's `base64.StdEncoding`): line breaks (`\r`, `\n`) are
 * ignored; anything else outside the alphabet, missing padding or text after
 * the padding makes it invalid (`undefined`).
 */
export function decodeBase64(input: string): Uint8Array | undefined {
  const text = input.includes('\n') || input.includes('\r') ? input.replace(/[\r\n]+/g, '') : input;
  const n = text.length;
  if (n % 4 !== 0) return undefined;
  let pad = 0;
  if (n > 0 && text.charCodeAt(n - 1) === 61 /* = */) pad = text.charCodeAt(n - 2) === 61 ? 2 : 1;
  const out = new Uint8Array((n / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < n; i += 4) {
    const last = i + 4 === n;
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = last && pad === 2 ? 0 : sextet(text, i + 2);
    const d = last && pad >= 1 ? 0 : sextet(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const triple = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = (triple >>> 16) & 255;
    if (o < out.length) out[o++] = (triple >>> 8) & 255;
    if (o < out.length) out[o++] = triple & 255;
  }
  return out;
}

/** Standard, padded base64 of bytes. */
export function encodeBase64Bytes(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const triple = (a << 16) | (b << 8) | c;
    chunk += ALPHABET[(triple >>> 18) & 63]! + ALPHABET[(triple >>> 12) & 63]!;
    chunk += i + 1 < bytes.length ? ALPHABET[(triple >>> 6) & 63]! : '=';
    chunk += i + 2 < bytes.length ? ALPHABET[triple & 63]! : '=';
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** base64 of a string's UTF-8 bytes (what `echo -n … | base64` gives). */
export function encodeBase64(text: string): string {
  return encodeBase64Bytes(encodeUtf8(text));
}

// ---------------------------------------------------------------- UTF-8

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function encodeUtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else cp = 0xfffd;
    } else if (cp >= 0xdc00 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out[o++] = cp;
    else if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 63);
    } else if (cp < 0x10000) {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 63);
      out[o++] = 0x80 | (cp & 63);
    } else {
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 63);
      out[o++] = 0x80 | ((cp >> 6) & 63);
      out[o++] = 0x80 | (cp & 63);
    }
  }
  return out.slice(0, o);
}

/**
 * Decodes UTF-8. `strict` (default) returns undefined on any malformed,
 * overlong or surrogate sequence; otherwise each bad sequence becomes U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array, strict = true): string | undefined {
  const parts: string[] = [];
  let units: number[] = [];
  const flush = () => {
    parts.push(String.fromCharCode(...units));
    units = [];
  };
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    let cp = -1;
    let len = 1;
    if (b0 < 0x80) cp = b0;
    else if (b0 >= 0xc2 && b0 <= 0xdf) {
      len = 2;
      const b1 = bytes[i + 1];
      if (b1 !== undefined && (b1 & 0xc0) === 0x80) cp = ((b0 & 31) << 6) | (b1 & 63);
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      len = 3;
      const b1 = bytes[i + 1];
      const b2 = bytes[i + 2];
      if (b1 !== undefined && b2 !== undefined && (b1 & 0xc0) === 0x80 && (b2 & 0xc0) === 0x80) {
        const v = ((b0 & 15) << 12) | ((b1 & 63) << 6) | (b2 & 63);
        if (v >= 0x800 && (v < 0xd800 || v > 0xdfff)) cp = v;
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      len = 4;
      const b1 = bytes[i + 1];
      const b2 = bytes[i + 2];
      const b3 = bytes[i + 3];
      if (b1 !== undefined && b2 !== undefined && b3 !== undefined && (b1 & 0xc0) === 0x80 && (b2 & 0xc0) === 0x80 && (b3 & 0xc0) === 0x80) {
        const v = ((b0 & 7) << 18) | ((b1 & 63) << 12) | ((b2 & 63) << 6) | (b3 & 63);
        if (v >= 0x10000 && v <= 0x10ffff) cp = v;
      }
    }
    if (cp < 0) {
      if (strict) return undefined;
      units.push(0xfffd);
      i++;
    } else {
      if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 1023));
      else units.push(cp);
      i += len;
    }
    if (units.length >= 4096) flush();
  }
  flush();
  return parts.join('');
}

export interface DecodedSecretValue {
  /** The decoded text (lossy, with U+FFFD, when the bytes are not UTF-8). */
  text: string;
  /** Not printable UTF-8 text: invalid UTF-8 or control characters other than tab and line breaks. */
  binary: boolean;
  byteLength: number;
}

/**
 * A `Secret.data` value as Kubernetes will store it, for hovers and rules:
 * undefined when it is not valid base64 (the API server rejects it).
 */
export function decodeSecretValue(base64: string): DecodedSecretValue | undefined {
  const bytes = decodeBase64(base64);
  if (!bytes) return undefined;
  const strict = decodeUtf8(bytes);
  if (strict === undefined) return { text: decodeUtf8(bytes, false)!, binary: true, byteLength: bytes.length };
  const binary = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(strict);
  return { text: strict, binary, byteLength: bytes.length };
}

// ---------------------------------------------------------------- placeholders

const PLACEHOLDER =
  /^(?:replace[-_. ]?me|to[-_. ]?do|fix[-_. ]?me|tbd|tbc|redacted|placeholder|set[-_. ]?me|x{3,}|\*{3,}|\.{3,}|-{3,}|\.{3}[^.]{1,100}\.{3}|none|null|nil|n\/a|<[^<>]*>|\$\{[^{}]*\}|\$\([^()]*\)|\{\{[^{}]*\}\}|%[^%]+%|__[A-Za-z0-9_]+__|@[A-Za-z0-9_]+@|(?:your|dummy|fake|example|sample)[-_ ]?[\w.-]{0,60}|(?:insert|enter|put|replace|change|set|add)[-_ ](?!(?:me|it)$)[\w .-]{1,60}|(?:some[-_ ])?(?:value|val|token|key|string)|some[-_ ](?:secret|password|passwd)|foo|bar|baz|foobar)$/i;

/**
 * True for values that only stand in for a secret: empty, `REPLACE_ME`,
 * `<password>`, `${DB_PASSWORD}`, `$(TOKEN)`, `xxxx`, `***`, `yourpassword`,
 * `INSERT_TOKEN`, `fake_password`, and bare generic words (`value`, `token`)
 * that examples use in place of one. Not the well-known defaults that
 * deployments keep unchanged (`password`, `admin`, `changeme`): those are
 * weak credentials (`isWeakCredential`).
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (v.length > 200) return false;
  return PLACEHOLDER.test(v);
}

const WEAK_CREDENTIAL =
  /^(?:password|passwd|pass|passw0rd|p@ssw0rd|secret|admin|administrator|root|toor|changeme|change[-_. ]me|changeit|change[-_. ]it|default|guest|letmein|qwerty|test|12345|123456|12345678|123456789|password1|admin123|secret123)$/i;

/** A well-known default password (`password`, `admin`, `changeme`): a weak credential, not a placeholder. */
export function isWeakCredential(value: string): boolean {
  return WEAK_CREDENTIAL.test(value.trim());
}

/** `$(VAR)` references that Kubernetes expands from other env vars. */
const ENV_REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_.-]{0,252}\)/;

export function hasEnvReference(value: string): boolean {
  return ENV_REFERENCE.test(value);
}

// ---------------------------------------------------------------- sensitive values

export interface SensitivePattern {
  id: string;
  /** What it is, for messages: "a private key". */
  what: string;
  regex: RegExp;
  /** Extra check on a match (placeholders in URL passwords). */
  accept?: (match: RegExpExecArray) => boolean;
}

/**
 * Values that are credentials whatever their key is called, most specific
 * first: Polaris'
 * `sensitiveContainerEnvVar` value pattern, Kubescape's `sensitiveValues`
 * and the well-known token formats of the big providers.
 */
export const SENSITIVE_VALUE_PATTERNS: readonly SensitivePattern[] = [
  { id: 'private-key', what: 'a private key', regex: /-{3,5}BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-{3,5}/ },
  {
    id: 'jwt',
    what: 'a JSON Web Token',
    regex: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/,
  },
  { id: 'aws-access-key-id', what: 'an AWS access key ID', regex: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/ },
  { id: 'github-token', what: 'a GitHub token', regex: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/ },
  { id: 'gitlab-token', what: 'a GitLab token', regex: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/ },
  { id: 'google-api-key', what: 'a Google API key', regex: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/ },
  { id: 'slack-token', what: 'a Slack token', regex: /(?<![A-Za-z0-9])xox[abposr]-[0-9A-Za-z-]{10,72}/ },
  { id: 'slack-webhook', what: 'a Slack webhook URL', regex: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}/ },
  { id: 'stripe-key', what: 'a Stripe live key', regex: /(?<![A-Za-z0-9])(?:sk|rk)_live_[0-9A-Za-z]{20,99}/ },
  { id: 'sendgrid-key', what: 'a SendGrid API key', regex: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/ },
  { id: 'npm-token', what: 'an npm token', regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
  { id: 'azure-storage-key', what: 'an Azure storage account key', regex: /AccountKey=[A-Za-z0-9+/]{40,100}={0,2}/ },
  {
    id: 'url-credentials',
    what: 'a URL with a password',
    regex: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:@/"'<>]{0,128}:([^\s@/"'<>]{1,128})@/,
    accept: (m) => !isPlaceholderValue(m[1]!) && !hasEnvReference(m[1]!),
  },
];

/** Values shorter than this cannot hold any of the patterns. */
const MIN_PATTERN_LENGTH = 8;

export interface SensitiveMatch {
  pattern: SensitivePattern;
  /** Offset and text of the match inside the value. */
  index: number;
  text: string;
}

function firstAccepted(pattern: SensitivePattern, value: string): RegExpExecArray | undefined {
  if (!pattern.accept) return pattern.regex.exec(value) ?? undefined;
  const global = new RegExp(pattern.regex.source, 'g');
  // A bounded number of candidates: a placeholder password is skipped, a later real one found.
  for (let i = 0; i < 64; i++) {
    const m = global.exec(value);
    if (!m) return undefined;
    if (pattern.accept(m)) return m;
  }
  return undefined;
}

/**
 * A credential-looking thing inside a value, if any: the most specific
 * pattern wins (a GitHub token inside a URL with a password is a GitHub token).
 */
export function findSensitiveValue(value: string): SensitiveMatch | undefined {
  if (value.length < MIN_PATTERN_LENGTH) return undefined;
  for (const pattern of SENSITIVE_VALUE_PATTERNS) {
    const m = firstAccepted(pattern, value);
    if (m) return { pattern, index: m.index, text: m[0] };
  }
  return undefined;
}

const PRIVATE_KEY = SENSITIVE_VALUE_PATTERNS[0]!;

/** A PEM private key inside a value. */
export function findPrivateKey(value: string): SensitiveMatch | undefined {
  if (!value.includes('PRIVATE KEY')) return undefined;
  const m = PRIVATE_KEY.regex.exec(value);
  return m ? { pattern: PRIVATE_KEY, index: m.index, text: m[0] } : undefined;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]{0,65536}?-----END CERTIFICATE-----/g;

/** True when the text is one or more PEM certificates and nothing else (public, not a secret). */
export function isPublicCertificate(text: string): boolean {
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return false;
  return text.replace(CERTIFICATE_BLOCK, '').trim() === '';
}

// ---------------------------------------------------------------- sensitive names

/**
 * Whole names from Polaris' `sensitiveContainerEnvVar` and Kubescape's
 * `sensitiveKeyNames` that the word rules below would not catch.
 */
const SENSITIVE_EXACT = /^(?:AWS_SECRET_ACCESS_KEY|GOOGLE_APPLICATION_CREDENTIALS|OCI_CLI_KEY_CONTENT|AZURE_[A-Z0-9_]{1,64}KEY)$/i;

/** Substrings that make a name sensitive (Polaris: password, token, bearer, secret; Kubescape: credential). */
const SENSITIVE_SUBSTRINGS = ['password', 'passphrase', 'secret', 'token', 'bearer', 'credential'];

/** Whole words that make a name sensitive (Kubescape: pwd, jwt, key; common shorthands). */
const SENSITIVE_WORDS = new Set([
  'pwd',
  'passwd',
  'pass',
  'pw',
  'jwt',
  'apikey',
  'privatekey',
  'secretkey',
  'accesskey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'clientkey',
  'authkey',
  'dsn',
  'connectionstring',
]);

/** `<something>_KEY` is a credential unless the something says otherwise. */
const NON_SECRET_KEY_QUALIFIERS = new Set([
  'public',
  'pub',
  'cache',
  'sort',
  'partition',
  'primary',
  'foreign',
  'idempotency',
  'routing',
  'shard',
  'hash',
  'lookup',
  'object',
  'group',
  'index',
  'map',
  'unique',
  'dedup',
  'metric',
  'label',
  'header',
  'query',
  'bucket',
  'kms',
  'feature',
]);

/**
 * A last word that says the variable is *about* a credential, not the
 * credential itself: `SECRET_NAME`, `TOKEN_PATH`, `PASSWORD_MIN_LENGTH`,
 * `JWT_ISSUER`, `TOKEN_TTL_SECONDS`.
 */
const NON_SECRET_LAST_WORDS = new Set([
  'name',
  'names',
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'location',
  'url',
  'uri',
  'endpoint',
  'host',
  'hostname',
  'port',
  'ttl',
  'expiry',
  'expiration',
  'expires',
  'expire',
  'lifetime',
  'timeout',
  'length',
  'len',
  'size',
  'min',
  'max',
  'count',
  'limit',
  'enabled',
  'enable',
  'disabled',
  'disable',
  'required',
  'type',
  'mode',
  'kind',
  'ref',
  'header',
  'field',
  'format',
  'id',
  'ids',
  'user',
  'username',
  'issuer',
  'audience',
  'algorithm',
  'alg',
  'version',
  'policy',
  'rotation',
  'interval',
  'period',
  'namespace',
  'store',
  'provider',
  'class',
  'selector',
  'label',
  'prefix',
  'suffix',
  'hint',
  'regex',
  'pattern',
  'strength',
  'complexity',
  'validation',
  'validator',
  'verify',
  'verification',
  'seconds',
  'secs',
  'sec',
  'minutes',
  'mins',
  'hours',
  'days',
  'ms',
  'duration',
]);

/** Splits `dbPassword`, `DB_PASSWORD`, `db-password.txt` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .slice(0, 256)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/**
 * Why a variable or key name says it holds a credential ("password",
 * "token"…), or undefined. Names that describe a credential rather than hold
 * it (`SECRET_NAME`, `TOKEN_FILE`, `PASSWORD_MIN_LENGTH`) do not count.
 */
export function sensitiveNameReason(name: string): string | undefined {
  if (SENSITIVE_EXACT.test(name)) return name;
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  const last = words[words.length - 1]!;
  const keyLike = last === 'key' || last === 'keys';
  // `API_KEY`, `ENCRYPTION_KEY`, `KEY` alone; not `CACHE_KEY` or `PUBLIC_KEY`.
  if (keyLike && NON_SECRET_KEY_QUALIFIERS.has(words[words.length - 2] ?? '')) return undefined;
  if (!keyLike && NON_SECRET_LAST_WORDS.has(last)) return undefined;
  const joined = words.join('');
  for (const s of SENSITIVE_SUBSTRINGS) if (joined.includes(s)) return s;
  for (const w of words) if (SENSITIVE_WORDS.has(w)) return w;
  return keyLike ? 'key' : undefined;
}

const BOOLEANISH = /^(?:true|false|yes|no|y|n|on|off|enabled?|disabled?|none|null|nil|0|1)$/i;
const PATHLIKE = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\)/;
const URL_WITHOUT_USERINFO = /^[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\/[^@\s]*$/;

/**
 * True when a value under a sensitive name can still be a real credential:
 * not empty, not a placeholder, not a `$(VAR)` reference, not a flag, a
 * number of a few digits, a file path or a plain URL.
 */
export function couldBeCredential(value: string): boolean {
  const v = value.trim();
  if (v.length < 3) return false;
  if (isPlaceholderValue(v) || hasEnvReference(v)) return false;
  if (BOOLEANISH.test(v)) return false;
  if (/^\d{1,3}$/.test(v)) return false;
  if (v.length <= 4096 && (PATHLIKE.test(v) || URL_WITHOUT_USERINFO.test(v))) return false;
  return true;
}

// ---------------------------------------------------------------- Secret objects

export type SecretField = 'data' | 'stringData';

export interface SecretEntry {
  field: SecretField;
  key: string;
  /** The value node (a scalar; templated values are left out). */
  node: YNode;
  /** The value as written (numbers and booleans as their source text would read). */
  raw: string;
  /**
   * What the Secret will hold, as text: the decoded `data` value, the
   * `stringData` value; for `data` that is not valid base64, the text as
   * written (someone pasted plain text).
   */
  plain: string;
  /** `data` value that the API server will not decode. */
  invalidBase64: boolean;
  /** Decoded bytes are not printable text (a keystore, a binary blob). */
  binary: boolean;
}

/** `type` of a Secret (`Opaque` when absent); undefined when templated. */
export function secretTypeOf(object: K8sObject): string | undefined {
  const type = object.root.get('type');
  if (!type || type.isNull) return 'Opaque';
  return type.str;
}

/** Secrets that only stand for something the cluster fills in (service-account token stubs). */
export function isStubSecretType(type: string | undefined): boolean {
  return type === 'kubernetes.io/service-account-token';
}

/** Literal entries of a Secret's `data` and `stringData` (templated and null values are left out). */
export function secretEntries(object: K8sObject, fields: readonly SecretField[] = ['data', 'stringData']): SecretEntry[] {
  const out: SecretEntry[] = [];
  for (const field of fields) {
    const map = object.root.get(field);
    if (!map?.isMap) continue;
    for (const [key, node] of map.entries()) {
      if (!node?.isScalar || node.isNull || node.templated) continue;
      const raw = node.str;
      if (raw === undefined) continue;
      if (field === 'stringData') {
        out.push({ field, key, node, raw, plain: raw, invalidBase64: false, binary: false });
        continue;
      }
      const decoded = node.scalarType === 'string' ? decodeSecretValue(raw) : undefined;
      out.push({ field, key, node, raw, plain: decoded?.text ?? raw, invalidBase64: !decoded, binary: decoded?.binary ?? false });
    }
  }
  return out;
}

/** Extensions of files people keep in ConfigMaps (code, config, templates). */
const FILE_EXTENSION =
  /\.(?:py|js|mjs|cjs|ts|rb|go|java|php|pl|lua|sh|bash|ps1|sql|json|ya?ml|toml|ini|cfg|conf|cnf|config|properties|env|xml|html?|css|txt|md|tpl|tmpl|j2|jinja2?|rego|rules|policy|lock|csv)$/i;

/** True when a ConfigMap key names a file (`password_validation.py`, `nginx.conf`), not a variable. */
export function isFileKey(key: string): boolean {
  return FILE_EXTENSION.test(key);
}

export const TLS_SECRET_TYPE = 'kubernetes.io/tls';
/** The keys a TLS Secret carries: the certificate chain and its private key. */
export const TLS_KEYS = ['tls.crt', 'tls.key'] as const;

/**
 * The TLS keys a Secret lacks (under `data` or `stringData`): empty when it
 * has both; undefined when a template, a merge or a patch may hold them.
 */
export function missingTlsKeys(object: K8sObject, uncertain: (node: YNode) => boolean): string[] | undefined {
  const data = object.root.get('data');
  const stringData = object.root.get('stringData');
  const present = new Set([...(data?.keys() ?? []), ...(stringData?.keys() ?? [])]);
  const missing = TLS_KEYS.filter((k) => !present.has(k));
  if (missing.length === 0) return [];
  // A templated or merged map may hold the keys; so may an empty `data:` in a
  // Helm template (`{{ toYaml … }}` on the next line is blanked by the mask).
  for (const map of [data, stringData]) {
    if (map && (map.templated || uncertain(map) || (map.isNull && map.host.templateRegions.length > 0))) return undefined;
  }
  // Where the keys would go: a template there may add them.
  const parent = data?.isMap ? data : stringData?.isMap ? stringData : object.root;
  if (uncertain(parent)) return undefined;
  return missing;
}
