import { defineRule, type SummarizeContext, type WorkspaceFix } from '../engine/rule';
import type { ObjectSummary } from '../engine/workspace';
import { formatScalar, type EmitValue } from '../fix/emit';
import { NoFix, type EditBuilder } from '../fix/edit-builder';
import { forwards, GATEWAY_GROUP, hostnameCovers, hostnamesIntersect, isGatewayApi, listenersOf, redirectsToHttps, routeRulesOf } from '../k8s/gateway';
import type { K8sObject } from '../k8s/objects';
import {
  documentSlot,
  fileEdits,
  fileRange,
  freeName,
  mayShareNamespace,
  newDocumentEdit,
  relEdits,
  type DocumentSlot,
  type RelEdit,
} from '../engine/workspace-docs';
import { relRange, type RelRange } from '../k8s/objects';

const ID = 'httproute-missing-https-redirect';
/** Stands for the HTTPS listener's name in edits prepared before we know it. */
const MARKER = 'kubeward-https-listener';

interface ListenerData {
  name: string | undefined;
  protocol: string | undefined;
  port: number | undefined;
  hostname: string | undefined;
  templated: boolean;
}

interface ParentRefData {
  name: string;
  namespace: string | undefined;
  sectionName: string | undefined;
  port: number | undefined;
  at: RelRange;
  /** Prepared edits (MARKER for the listener name): bind this ref to another listener, or drop it. */
  bind: RelEdit[] | undefined;
  remove: RelEdit[] | undefined;
}

type Data =
  | { type: 'gateway'; listeners: ListenerData[] | undefined }
  | { type: 'route'; hostnames: string[] | undefined; forwards: boolean; redirects: boolean; parentRefs: ParentRefData[]; slot: DocumentSlot };

const dataOf = (s: ObjectSummary) => s.data[ID] as Data | undefined;

function prepare(source: SummarizeContext, object: K8sObject, make: (edit: EditBuilder) => void): RelEdit[] | undefined {
  try {
    const builder = source.edit();
    make(builder);
    return relEdits(object, builder.build());
  } catch (error) {
    if (error instanceof NoFix) return undefined;
    throw error;
  }
}

function summarize(object: K8sObject, source: SummarizeContext): Data | undefined {
  if (!isGatewayApi(object)) return undefined;
  if (object.kind === 'Gateway') {
    const node = object.root.get('spec')?.get('listeners');
    const known = node?.isSeq && !source.isUncertain(node);
    return {
      type: 'gateway',
      listeners: known
        ? listenersOf(object).map((l) => ({ name: l.name, protocol: l.protocol, port: l.port, hostname: l.hostname, templated: l.templated }))
        : undefined,
    };
  }
  if (object.kind !== 'HTTPRoute') return undefined;
  const spec = object.root.get('spec');
  const hostnamesNode = spec?.get('hostnames');
  const hostnames =
    !hostnamesNode || hostnamesNode.isNull
      ? hostnamesNode && source.isUncertain(hostnamesNode)
        ? undefined
        : []
      : hostnamesNode.isSeq && !source.isUncertain(hostnamesNode) && hostnamesNode.items().every((h) => h.str !== undefined)
        ? hostnamesNode.strings()
        : undefined;
  const rules = routeRulesOf(object);
  const parentRefs: ParentRefData[] = [];
  for (const ref of spec?.get('parentRefs')?.items() ?? []) {
    if (!ref.isMap || ref.templated) continue;
    const nameNode = ref.get('name');
    const name = nameNode?.str;
    const group = ref.get('group')?.str ?? GATEWAY_GROUP;
    const kind = ref.get('kind')?.str ?? 'Gateway';
    if (!nameNode || name === undefined || group !== GATEWAY_GROUP || kind !== 'Gateway') continue;
    const section = ref.get('sectionName');
    const port = ref.get('port')?.value;
    parentRefs.push({
      name,
      namespace: ref.get('namespace')?.str,
      sectionName: section?.str,
      port: typeof port === 'number' ? port : undefined,
      at: relRange(object, section?.str ? section : nameNode),
      bind: prepare(source, object, (edit) => (section ? edit.setScalar(section, MARKER) : edit.insertPair(ref, 'sectionName', MARKER))),
      remove: prepare(source, object, (edit) => edit.removeItem(ref)),
    });
  }
  return {
    type: 'route',
    hostnames,
    // A rule that sends requests to backends instead of redirecting them.
    forwards: rules.some((r) => forwards(r) && !redirectsToHttps(r)),
    redirects: rules.length > 0 && rules.every(redirectsToHttps),
    parentRefs,
    slot: documentSlot(object, source),
  };
}

/** How specific a listener hostname is: none < wildcard (longer is more specific) < exact. */
function specificity(hostname: string | undefined): number {
  if (hostname === undefined) return 0;
  return hostname.startsWith('*.') ? hostname.length : 10_000;
}

/**
 * True when requests for `hostname` on `listener`'s port go to another HTTP
 * listener with a more specific hostname (the Gateway picks the most specific
 * listener), so `listener` never sees them.
 */
function shadowed(listener: ListenerData, hostname: string | undefined, listeners: readonly ListenerData[]): boolean {
  if (hostname === undefined) return false;
  return listeners.some(
    (o) =>
      o !== listener &&
      o.protocol === 'HTTP' &&
      o.port === listener.port &&
      specificity(o.hostname) > specificity(listener.hostname) &&
      hostnameCovers(o.hostname, hostname),
  );
}

/** The route's hostnames may meet the listener's (a route without hostnames takes the listener's). */
function servesOn(listener: ListenerData, hostnames: readonly string[]): boolean {
  return hostnames.length === 0 || hostnames.some((h) => hostnamesIntersect(listener.hostname, h));
}

export default defineRule({
  meta: {
    id: ID,
    title: 'HTTPRoute serves its backends over plain HTTP instead of redirecting',
    severity: 'warning',
    category: 'gateway-api',
    kinds: ['HTTPRoute'],
    messages: {
      plain: 'HTTPRoute "{{name}}" serves HTTP listener "{{listener}}" of "{{gateway}}" instead of redirecting',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Bind to HTTPS and add a redirect route' },
    since: '0.1.0',
    docs: {
      rationale:
        "A route attached to a Gateway without `sectionName` attaches to every listener that accepts it, HTTP included; one attached to the HTTP listener by name does so on purpose. Either way its backends are served over plain HTTP even though the Gateway has an HTTPS listener for the same hostname: nothing moves users to HTTPS, so logins and cookies can still cross the network in clear text. The Gateway API answer is two routes: the application route bound to the HTTPS listener, and a route on the HTTP listener whose only rule is a `RequestRedirect` to `https` (status 301). This rule reads the parent Gateway's listeners from another document, so it runs across files.",
      remediation:
        'Set `sectionName` of the parent reference to the HTTPS listener, and add an HTTPRoute bound to the HTTP listener that redirects: `rules: [{filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]}]` (no `backendRefs`).',
      invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: example
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      hostname: shop.example.com
    - name: https
      protocol: HTTPS
      port: 443
      hostname: shop.example.com
      tls:
        certificateRefs:
          - name: web-tls
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
spec:
  parentRefs:
    - name: web
  hostnames:
    - shop.example.com
  rules:
    - backendRefs:
        - name: shop
          port: 80
`,
      valid: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: web
spec:
  gatewayClassName: example
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      hostname: shop.example.com
    - name: https
      protocol: HTTPS
      port: 443
      hostname: shop.example.com
      tls:
        certificateRefs:
          - name: web-tls
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
spec:
  parentRefs:
    - name: web
      sectionName: https
  hostnames:
    - shop.example.com
  rules:
    - backendRefs:
        - name: shop
          port: 80
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop-https-redirect
spec:
  parentRefs:
    - name: web
      sectionName: http
  hostnames:
    - shop.example.com
  rules:
    - filters:
        - type: RequestRedirect
          requestRedirect:
            scheme: https
            statusCode: 301
`,
      notes:
        "Silent when the parent Gateway is not in the workspace (its listeners are unknown), when an HTTP listener with a more specific hostname takes the HTTPS hostname's plain requests (a catch-all route on a listener without hostname), when listeners, hostnames or the route are templated, in Kustomize patches, and when the Gateway has no HTTPS listener for the hostname (that is `gateway-http-only-listener`). The fix is offered when exactly one HTTPS listener fits; it does not add a redirect route when one for that HTTP listener is already in the workspace.",
    },
    references: {
      urls: [
        'https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/#http-to-https-redirects',
        'https://gateway-api.sigs.k8s.io/api-types/httproute/#attaching-to-gateways',
      ],
    },
  },
  summarize,
  checkWorkspace(ctx) {
    const { summary, index } = ctx;
    const data = dataOf(summary);
    if (summary.partial || data?.type !== 'route' || !data.forwards || !data.hostnames) return;
    const hostnames = data.hostnames;
    const routes = index.byKind('HTTPRoute');
    for (const ref of data.parentRefs) {
      const gateways = index
        .byKind('Gateway')
        .filter(
          (g) =>
            g.name === ref.name && mayShareNamespace(g, { namespace: ref.namespace ?? summary.namespace, file: summary.file }) && dataOf(g)?.type === 'gateway',
        );
      if (gateways.length !== 1) continue;
      const listeners = (dataOf(gateways[0]!) as Extract<Data, { type: 'gateway' }>).listeners;
      if (!listeners || listeners.some((l) => l.templated)) continue;
      const attached = listeners.filter((l) =>
        ref.sectionName !== undefined ? l.name === ref.sectionName : ref.port !== undefined ? l.port === ref.port : true,
      );
      const http = attached.filter((l) => l.protocol === 'HTTP' && servesOn(l, hostnames));
      const https = listeners.filter(
        (l) =>
          l.protocol === 'HTTPS' &&
          servesOn(l, hostnames) &&
          http.some((h) => hostnamesIntersect(h.hostname, l.hostname) && !shadowed(h, l.hostname, listeners)),
      );
      if (http.length === 0 || https.length === 0) continue;

      const target = https[0]!;
      // Built only when fixes are asked for, not on every keystroke.
      const fixes = (): WorkspaceFix[] => {
        const out: WorkspaceFix[] = [];
        if (https.length === 1 && ref.port === undefined && target.name) {
          const alreadyBound = data.parentRefs.some((r) => r !== ref && r.name === ref.name && r.namespace === ref.namespace && r.sectionName === target.name);
          const rebind = alreadyBound ? ref.remove : ref.bind?.map((e) => ({ ...e, text: e.text.split(MARKER).join(formatScalar(target.name!, true)) }));
          if (rebind) {
            const edits = fileEdits(summary, rebind);
            // HTTP listeners that no redirect route in the workspace answers yet.
            const unanswered = http.filter(
              (l) =>
                !routes.some((r) => {
                  const d = dataOf(r);
                  return (
                    d?.type === 'route' &&
                    d.redirects &&
                    d.hostnames !== undefined &&
                    (d.hostnames.length === 0 || hostnames.every((h) => d.hostnames!.includes(h))) &&
                    d.parentRefs.some((p) => p.name === ref.name && p.sectionName === l.name)
                  );
                }),
            );
            let placeholders: string[] = [];
            if (unanswered.length > 0) {
              const metadata: { [key: string]: EmitValue } = { name: freeName(routes, summary.namespace, [`${summary.name ?? 'route'}-https-redirect`]) };
              if (summary.namespace) metadata.namespace = summary.namespace;
              const spec: { [key: string]: EmitValue } = {
                parentRefs: unanswered.map((l) =>
                  ref.namespace ? { name: ref.name, namespace: ref.namespace, sectionName: l.name! } : { name: ref.name, sectionName: l.name! },
                ),
              };
              if (hostnames.length > 0) spec.hostnames = [...hostnames];
              spec.rules = [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }];
              const doc = newDocumentEdit(summary, data.slot, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata, spec });
              edits.push(doc.edit);
              placeholders = doc.placeholders;
            }
            out.push({
              title: unanswered.length > 0 ? 'Bind to HTTPS and add a redirect route' : 'Bind to the HTTPS listener',
              applicability: 'unsafe',
              edits,
              placeholders,
            });
          }
        }
        return out;
      };
      ctx.report({
        range: fileRange(summary, ref.at),
        messageId: 'plain',
        data: {
          name: summary.name ?? 'this HTTPRoute',
          listener: http[0]!.name ?? '',
          gateway: ref.name,
          host: target.hostname ?? hostnames[0] ?? 'its hostnames',
        },
        fix: fixes,
      });
    }
  },
});
