/**
 * Decodes a Secret `data` value as Kubernetes does (standard base64, padding
 * required). Local to the server until the engine's `decodeSecretValue`
 * (shared-rules/src/source/secrets.ts) is available to it.
 */
export type DecodedSecret =
  | { ok: true; text: string; bytes: number }
  | { ok: true; text: undefined; bytes: number } // binary data
  | { ok: false; reason: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeBase64Value(value: string): DecodedSecret {
  // Line breaks inside a folded or block scalar are not part of the value's data.
  const compact = value.replace(/[\r\n\t ]+/g, '');
  if (!BASE64.test(compact)) return { ok: false, reason: 'not valid base64: Kubernetes rejects this Secret' };
  const bytes = Buffer.from(compact, 'base64');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: true, text: undefined, bytes: bytes.length };
  }
  // Control characters other than white space: binary (a keystore, a DER certificate…).
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { ok: true, text: undefined, bytes: bytes.length };
  return { ok: true, text, bytes: bytes.length };
}
