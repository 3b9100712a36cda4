/**
 * `kubeward migrate <paths…>`: "Migrate this Ingress to Gateway API" for
 * every Ingress of the files (canaries go with their main Ingress). The other
 * files named are the workspace: their Gateways, Services and Ingresses count.
 * Prints each file as it would be with the new objects inserted after their
 * Ingress (which is kept), or with `--write` writes it and says what it did.
 */
import fs from 'node:fs';
import {
  fileObjects,
  gatewayCandidate,
  migrateIngress,
  serviceInfo,
  takenKey,
  type GatewayCandidate,
  type MigrateIngressOptions,
  type ServiceInfo,
} from '../index';
import { collectTargets, readFileText, UsageError } from '../host/files';

export interface MigrateArgs {
  paths: readonly string[];
  cwd: string;
  write: boolean;
  gateway?: { name: string; namespace?: string };
  newGateway: boolean;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Exit code: 0 every Ingress migrated (or none found), 1 some could not be, 2 usage or I/O error. */
export function runMigrate(args: MigrateArgs): number {
  if (args.paths.length === 0) throw new UsageError('migrate needs the files (or folders) of the Ingresses');
  const targets = collectTargets(args.paths, args.cwd, [], args.cwd).filter((t) => t.absolute !== '-');
  const texts = new Map<string, string>();
  for (const t of targets) texts.set(t.absolute, readFileText(t.absolute).text);
  let failed = false;
  let found = 0;
  /** Ingresses that could not be migrated (file:offset), not tried again. */
  const skipped = new Set<string>();
  for (const t of targets) {
    let text = texts.get(t.absolute)!;
    // The workspace: the other files.
    const workspace = { gateways: [] as GatewayCandidate[], services: [] as ServiceInfo[], ingresses: [] as unknown[], taken: [] as string[] };
    for (const [file, other] of texts) {
      if (file === t.absolute) continue;
      for (const o of fileObjects(other)) {
        const g = gatewayCandidate(o.value);
        if (g) workspace.gateways.push(g);
        const s = serviceInfo(o.value);
        if (s) workspace.services.push(s);
        if (o.value.kind === 'Ingress') workspace.ingresses.push(o.value);
        const k = takenKey(o.value);
        if (k) workspace.taken.push(k);
      }
    }
    // One Ingress at a time, each on the text the previous one left (later ones attach to the Gateway written before).
    for (let round = 0; round < 200; round++) {
      const ingresses = fileObjects(text).filter((o) => o.value.kind === 'Ingress');
      const next = ingresses.find(
        (o) =>
          !isCanary(o.value) &&
          !text.includes(
            `# Migrated from Ingress "${String(((o.value.metadata as { name?: unknown } | undefined)?.name as string | undefined) ?? '')}" by Kubeward.`,
          ) &&
          !skipped.has(`${t.absolute}:${o.start}`),
      );
      if (!next) break;
      found++;
      const options: MigrateIngressOptions = {
        offset: next.start,
        workspace,
        ...(args.gateway ? { gateway: args.gateway } : {}),
        ...(args.newGateway ? { newGateway: true } : {}),
      };
      const result = migrateIngress(text, options);
      const name = String(((next.value.metadata as { name?: unknown } | undefined)?.name as string | undefined) ?? '');
      if (!result.ok) {
        failed = true;
        skipped.add(`${t.absolute}:${next.start}`);
        const choices = result.candidates?.length
          ? ` (--gateway ${result.candidates.map((g) => (g.namespace ? `${g.namespace}/${g.name}` : g.name)).join(' | ')}, or --new-gateway)`
          : '';
        args.stderr(`${t.display}: Ingress "${name}": ${result.error}${choices}\n`);
        continue;
      }
      const manual = result.notes.filter((n) => n.status === 'manual').length;
      const kinds = new Map<string, number>();
      for (const o of result.objects) kinds.set(String(o.kind as string), (kinds.get(String(o.kind as string)) ?? 0) + 1);
      const summary = `${t.display}: Ingress "${name}" → ${[...kinds].map(([k, n]) => `${n} ${k}${n > 1 ? 's' : ''}`).join(', ')}${result.gateway.created ? '' : ` on Gateway "${result.gateway.name}"`}; ${manual} item(s) to do by hand (listed in the comment above them)\n`;
      (args.write ? args.stdout : args.stderr)(summary);
      text = result.newText;
    }
    if (args.write && text !== texts.get(t.absolute)) {
      try {
        fs.writeFileSync(t.absolute, text);
      } catch (error) {
        throw new UsageError(`cannot write ${t.display}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      texts.set(t.absolute, text);
    } else if (!args.write && text !== texts.get(t.absolute)) {
      args.stdout(`# ${t.display}\n${text}${text.endsWith('\n') ? '' : '\n'}`);
    }
  }
  if (found === 0 && !failed) args.stderr('kubeward: no Ingress to migrate in these files\n');
  return failed ? 1 : 0;
}

function isCanary(value: Record<string, unknown>): boolean {
  const annotations = (value.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
  return /^(true|yes|on|1)$/i.test(String((annotations?.['nginx.ingress.kubernetes.io/canary'] as string | boolean | undefined) ?? ''));
}
