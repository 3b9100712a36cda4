/**
 * "Kubeward: Migrate this Ingress to Gateway API": converts the Ingress under
 * the cursor (or the only one in the file) and inserts the new objects as
 * documents right after it, in the file's own style, as one edit.
 *
 * The Ingress is kept: ingress-nginx goes on serving it while the Gateway
 * implementation serves the new objects, so traffic can be moved (DNS, load
 * balancer) and checked before the Ingress is deleted. The edit only inserts,
 * so one undo takes it back. A comment above the new objects lists what was
 * not converted, and the result's `notes` say the same for the caller.
 */
import type { Edit } from '../fix/edit';
import { EditBuilder, NoFix } from '../fix/edit-builder';
import { detectStyle, emitBlockLines, type EmitValue, type SourceStyle } from '../fix/emit';
import { objectAt } from '../k8s/locate';
import { GATEWAY_GROUP } from '../k8s/gateway';
import { convertIngress, type GatewayCandidate, type MigrationNote, type MigrationOptions, type OutObject, type ServiceInfo } from '../k8s/ingress-to-gateway';
import { splitDocuments } from '../yaml/split';
import { parseManifestDocuments } from '../yaml/parse';

export interface MigrateIngressOptions extends Omit<MigrationOptions, 'ingresses' | 'gateways' | 'services' | 'taken'> {
  /** Offset of the cursor; without it the file must hold exactly one Ingress. */
  offset?: number;
  /** What the rest of the workspace holds (the file's own objects are always read). */
  workspace?: { gateways?: readonly GatewayCandidate[]; services?: readonly ServiceInfo[]; ingresses?: readonly unknown[]; taken?: Iterable<string> };
}

export type MigrateIngressResult =
  | {
      ok: true;
      edits: Edit[];
      newText: string;
      ingressName: string;
      objects: OutObject[];
      notes: MigrationNote[];
      gateway: { name: string; namespace: string | undefined; created: boolean };
    }
  | { ok: false; error: string; candidates?: GatewayCandidate[] };

/** The first line of the comment above migrated objects; a second run on the same Ingress finds it. */
export function migratedMarker(name: string): string {
  return `# Migrated from Ingress "${name}" by Kubeward.`;
}

interface FileObject {
  value: Record<string, unknown>;
  /** Offsets of the document's chunk. */
  start: number;
  end: number;
}

/** The file's objects with their chunks (templated or broken documents are skipped). */
export function fileObjects(text: string): FileObject[] {
  const out: FileObject[] = [];
  for (const chunk of splitDocuments(text)) {
    const chunkText = text.slice(chunk.start, chunk.end);
    let docs;
    try {
      docs = parseManifestDocuments(chunkText);
    } catch {
      continue;
    }
    for (const doc of docs) {
      if (doc.errors.length) continue;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch {
        continue;
      }
      if (value && typeof value === 'object' && !Array.isArray(value))
        out.push({ value: value as Record<string, unknown>, start: chunk.start, end: chunk.end });
    }
  }
  return out;
}

const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A Gateway as the converter needs it. */
export function gatewayCandidate(value: unknown): GatewayCandidate | undefined {
  const o = rec(value);
  if (o.kind !== 'Gateway' || typeof o.apiVersion !== 'string' || !o.apiVersion.startsWith(`${GATEWAY_GROUP}/`)) return undefined;
  const meta = rec(o.metadata);
  const spec = rec(o.spec);
  if (typeof meta.name !== 'string') return undefined;
  const listeners = (Array.isArray(spec.listeners) ? spec.listeners : []).map(rec).map((l) => ({
    name: String((l.name as string | undefined) ?? ''),
    ...(typeof l.protocol === 'string' ? { protocol: l.protocol } : {}),
    ...(typeof l.port === 'number' ? { port: l.port } : {}),
    ...(typeof l.hostname === 'string' ? { hostname: l.hostname } : {}),
    tlsMode: typeof rec(l.tls).mode === 'string' ? (rec(l.tls).mode as string) : 'Terminate',
  }));
  return {
    name: meta.name,
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
    ...(typeof spec.gatewayClassName === 'string' ? { gatewayClassName: spec.gatewayClassName } : {}),
    listeners,
  };
}

export function serviceInfo(value: unknown): ServiceInfo | undefined {
  const o = rec(value);
  if (o.kind !== 'Service' || o.apiVersion !== 'v1') return undefined;
  const meta = rec(o.metadata);
  if (typeof meta.name !== 'string') return undefined;
  const ports = (Array.isArray(rec(o.spec).ports) ? (rec(o.spec).ports as unknown[]) : []).map(rec).filter((p) => typeof p.port === 'number');
  return {
    name: meta.name,
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
    ports: ports.map((p) => ({
      ...(typeof p.name === 'string' ? { name: p.name } : {}),
      port: p.port as number,
      ...(typeof p.appProtocol === 'string' ? { appProtocol: p.appProtocol } : {}),
    })),
  };
}

export function takenKey(value: unknown): string | undefined {
  const o = rec(value);
  const meta = rec(o.metadata);
  return typeof o.kind === 'string' && typeof meta.name === 'string'
    ? `${o.kind}/${typeof meta.namespace === 'string' ? meta.namespace : ''}/${meta.name}`
    : undefined;
}

export function migrateIngress(text: string, options: MigrateIngressOptions = {}): MigrateIngressResult {
  const objects = fileObjects(text);
  const ingresses = objects.filter((o) => o.value.kind === 'Ingress');
  if (ingresses.length === 0) return { ok: false, error: 'There is no Ingress in this file.' };
  let target: FileObject | undefined;
  if (options.offset === undefined) {
    if (ingresses.length > 1) return { ok: false, error: 'This file has several Ingresses: put the cursor inside the one to migrate.' };
    target = ingresses[0];
  } else {
    target = ingresses.find((i) => options.offset! >= i.start && options.offset! <= i.end) ?? (ingresses.length === 1 ? ingresses[0] : undefined);
    if (!target) return { ok: false, error: 'The cursor is not inside an Ingress: put it inside the one to migrate.' };
  }
  const chunkText = text.slice(target!.start, target!.end);
  if (/\{\{|\{%/.test(chunkText)) return { ok: false, error: 'This Ingress is a template: migrate the rendered manifest.' };
  const name = String((rec(target!.value.metadata).name as string | undefined) ?? '');
  if (text.includes(migratedMarker(name))) return { ok: false, error: `Ingress "${name}" is already migrated in this file.` };

  const ws = options.workspace ?? {};
  const ingressNamespace = typeof rec(target!.value.metadata).namespace === 'string' ? (rec(target!.value.metadata).namespace as string) : '';
  const own = objects.map((o) => ({ o, g: gatewayCandidate(o.value) })).filter((x): x is { o: FileObject; g: GatewayCandidate } => Boolean(x.g));
  const gateways = [...own.map((x) => x.g), ...(ws.gateways ?? [])];
  const gatewayKey = (g: { name: string; namespace?: string }) => `${g.namespace ?? ingressNamespace}/${g.name}`;
  const services = [...objects.map((o) => serviceInfo(o.value)).filter((s): s is ServiceInfo => Boolean(s)), ...(ws.services ?? [])];
  const taken = new Set<string>([...objects.map((o) => takenKey(o.value)).filter((k): k is string => Boolean(k)), ...(ws.taken ?? [])]);
  const result = convertIngress(target!.value, {
    ...options,
    ingresses: [...ingresses.map((i) => i.value), ...(ws.ingresses ?? [])],
    gateways: dedupe(gateways),
    editableGateways: new Set(own.map((x) => gatewayKey(x.g))),
    services,
    taken,
  });
  if (!result.ok) return result;

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const style = detectStyle(text, eol);
  // Listeners for the new hosts, added to the Gateway of this file the routes attach to.
  const listenerEdits: Edit[] = [];
  if (result.gateway.addListeners.length) {
    const gw = own.find((x) => gatewayKey(x.g) === `${result.gateway.namespace ?? ingressNamespace}/${result.gateway.name}`);
    const edits = gw ? appendListeners(text, gw.o, result.gateway.addListeners, style) : undefined;
    if (!edits)
      return {
        ok: false,
        error: `Gateway "${result.gateway.name}" needs listeners for this Ingress, and Kubeward cannot add them to its text (templated, or written in flow style).`,
      };
    listenerEdits.push(...edits);
  }
  const comment = commentLines(name, result.notes);
  const docs = result.objects.map((o, i) => [...(i === 0 ? comment : []), ...emitBlockLines(o as EmitValue, 0, style)].join(eol));
  const at = target!.end;
  const before = text.slice(0, at);
  const needsBreak = before.length > 0 && !before.endsWith('\n');
  const insert = `${needsBreak ? eol : ''}${docs.map((d) => `---${eol}${d}${eol}`).join('')}`;
  const edits: Edit[] = [...listenerEdits, { start: at, end: at, text: insert }].sort((x, y) => x.start - y.start);
  let newText = text;
  for (const e of [...edits].reverse()) newText = newText.slice(0, e.start) + e.text + newText.slice(e.end);
  return { ok: true, edits, newText, ingressName: name, objects: result.objects, notes: result.notes, gateway: result.gateway };
}

/** Edits appending listeners to a Gateway's spec.listeners, in its own style; undefined when its text cannot take them. */
function appendListeners(text: string, gateway: FileObject, listeners: readonly OutObject[], style: SourceStyle): Edit[] | undefined {
  const chunk = text.slice(gateway.start, gateway.end);
  const at = chunk.search(/^kind:/m);
  const located = objectAt(text, gateway.start + Math.max(at, 0));
  const seq = located?.object.root.get('spec')?.get('listeners');
  if (!located || !seq?.isSeq || seq.templated) return undefined;
  try {
    const builder = new EditBuilder({ text: located.original, templateRegions: located.regions, style });
    for (const l of listeners) builder.appendItem(seq, l as EmitValue);
    return builder.build().map((e) => ({ start: e.start + located.chunk.start, end: e.end + located.chunk.start, text: e.text }));
  } catch (error) {
    if (error instanceof NoFix) return undefined;
    throw error;
  }
}

function dedupe(list: GatewayCandidate[]): GatewayCandidate[] {
  const seen = new Set<string>();
  return list.filter((g) => {
    const k = `${g.namespace ?? ''}/${g.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The comment above the new objects: where they come from, and every annotation left to do. */
export function commentLines(name: string, notes: readonly MigrationNote[]): string[] {
  const lines = [migratedMarker(name), '# Keep the Ingress until traffic has moved to the Gateway, then delete it.'];
  const manual = notes.filter((n) => n.status === 'manual' || n.change);
  if (manual.length) {
    lines.push('# Not converted or changed (do it yourself):');
    for (const n of manual) lines.push(`#   ${n.subject}: ${n.message}${n.remedy ? ` ${n.remedy}` : ''}`.replace(/[\r\n]+/g, ' '));
  }
  return lines;
}
