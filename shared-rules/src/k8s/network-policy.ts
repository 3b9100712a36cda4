/**
 * NetworkPolicy knowledge (networking.k8s.io/v1): which pods a policy selects,
 * which directions it isolates, whether it denies by default; and the pods a
 * workload runs, as cross-document rules need them. Everything here is plain
 * data for summaries. Also the shape of policy rules and peers, and what
 * "everything" looks like (an empty rule, selector or an all-addresses CIDR).
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import { apiGroup, containersOf, isWorkload, podMetadataPath, podSpecOf, relRange, type K8sObject, type RelRange } from './objects';
import type { YNode } from '../yaml/nav';
import { readLabels, readSelector, type Labels, type MaybeSelector } from './selectors';

/** The part of a rule's context these summaries read: whether a node may hold keys we cannot see. */
export interface UncertaintyOracle {
  isUncertain(node: YNode): boolean;
}

/** Groups whose `NetworkPolicy` kind is the Kubernetes one. */
const K8S_POLICY_GROUPS = new Set(['networking.k8s.io', 'extensions']);

/**
 * Policies of other engines that also isolate pods (Cilium, Calico, Antrea,
 * the AdminNetworkPolicy API). We do not evaluate them: where they exist,
 * whether a pod is isolated is unknown.
 */
export const OTHER_POLICY_KINDS: ReadonlySet<string> = new Set([
  'CiliumNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
]);

export function isK8sNetworkPolicy(object: { kind: string; apiVersion: string | undefined }): boolean {
  return object.kind === 'NetworkPolicy' && object.apiVersion !== undefined && K8S_POLICY_GROUPS.has(apiGroup(object.apiVersion));
}

/** Another engine's policy (or a NetworkPolicy of another group, such as Calico's). */
export function isOtherPolicy(object: { kind: string; apiVersion: string | undefined }): boolean {
  return OTHER_POLICY_KINDS.has(object.kind) || (object.kind === 'NetworkPolicy' && !isK8sNetworkPolicy(object));
}

/** Workloads whose pods run (a PodTemplate runs nothing). */
export function runsPods(kind: string): boolean {
  return isWorkload(kind) && kind !== 'PodTemplate';
}

export interface PodPort {
  port: number;
  protocol: string;
}

export interface PodsSummary {
  type: 'pods';
  /** Pod labels; undefined when templated or merged in. */
  labels: Labels | undefined;
  /** `spec.selector.matchLabels` when literal: the stable identity of the pods. */
  selectorLabels: Labels | undefined;
  ports: PodPort[];
  /** NetworkPolicies do not apply to host-network pods. */
  hostNetwork: boolean;
}

export function summarizePods(object: K8sObject, source: UncertaintyOracle): PodsSummary | undefined {
  if (!runsPods(object.kind)) return undefined;
  const uncertain = (n: YNode) => source.isUncertain(n);
  // Pod labels: unknown when the pod metadata (or the template holding it) may come from a Helm action.
  const metaPath = podMetadataPath(object.kind)!;
  const metaNode = object.root.getIn(metaPath);
  let labels: Labels | undefined;
  if (metaNode?.isMap) {
    const labelsNode = metaNode.get('labels');
    labels = labelsNode === undefined && source.isUncertain(metaNode) ? undefined : readLabels(labelsNode, uncertain);
  } else if (metaNode) labels = source.isUncertain(metaNode) ? undefined : {};
  else {
    const holder = object.root.getIn(metaPath.slice(0, -1));
    labels = holder && !source.isUncertain(holder) ? {} : undefined;
  }
  const matchLabels =
    object.kind === 'Pod' || object.kind === 'CronJob' || object.kind === 'Job' ? undefined : object.root.getIn(['spec', 'selector', 'matchLabels']);
  const selectorLabels = matchLabels ? readLabels(matchLabels, uncertain) : undefined;
  const ports: PodPort[] = [];
  const seen = new Set<string>();
  for (const c of containersOf(object, ['containers'])) {
    for (const p of c.node.get('ports')?.items() ?? []) {
      const port = p.get('containerPort')?.value;
      if (typeof port !== 'number') continue;
      const protocol = p.get('protocol')?.str ?? 'TCP';
      const key = `${protocol}/${port}`;
      if (seen.has(key)) continue;
      ports.push({ port, protocol });
      seen.add(key);
    }
  }
  return {
    type: 'pods',
    labels,
    selectorLabels: selectorLabels && Object.keys(selectorLabels).length > 0 ? selectorLabels : undefined,
    ports,
    hostNetwork: podSpecOf(object)?.get('hostNetwork')?.isTrue ?? false,
  };
}

export interface PeerSelector {
  direction: 'ingress' | 'egress';
  /** The peer's podSelector; undefined when unknown. */
  selector: MaybeSelector;
  /** No namespaceSelector: the peer pods are in the policy's own namespace. */
  sameNamespace: boolean;
  at: RelRange;
}

export interface PolicySummary {
  type: 'policy';
  /** Pods the policy selects; undefined when unknown. */
  podSelector: MaybeSelector;
  podSelectorAt: RelRange | undefined;
  /** Effective policyTypes; undefined when unknown. */
  isolates: { ingress: boolean; egress: boolean } | undefined;
  /** Number of ingress / egress rules; undefined when unknown. */
  ingressRules: number | undefined;
  egressRules: number | undefined;
  peers: PeerSelector[];
}

export function summarizePolicy(object: K8sObject, source: UncertaintyOracle): PolicySummary | undefined {
  if (!isK8sNetworkPolicy(object)) return undefined;
  const uncertain = (n: YNode) => source.isUncertain(n);
  const spec = object.root.get('spec');
  const specKnown = Boolean(spec?.isMap && !source.isUncertain(spec));
  const podSelectorNode = spec?.get('podSelector');
  const podSelector = specKnown ? readSelector(podSelectorNode, uncertain) : undefined;
  const count = (key: 'ingress' | 'egress'): number | undefined => {
    if (!specKnown) return undefined;
    const rules = spec!.get(key);
    if (!rules || rules.isNull) return rules && source.isUncertain(rules) ? undefined : 0;
    if (!rules.isSeq || source.isUncertain(rules)) return undefined;
    return rules.items().length;
  };
  const ingressRules = count('ingress');
  const egressRules = count('egress');
  let isolates: PolicySummary['isolates'];
  const types = spec?.get('policyTypes');
  if (specKnown) {
    if (!types || types.isNull) {
      // Defaults: Ingress always; Egress when the policy has an egress section.
      const egress = spec!.get('egress');
      isolates = types && source.isUncertain(types) ? undefined : { ingress: true, egress: Boolean(egress && !egress.isNull) };
    } else if (types.isSeq && !source.isUncertain(types) && types.items().every((t) => t.str !== undefined)) {
      const list = types.strings();
      isolates = { ingress: list.includes('Ingress'), egress: list.includes('Egress') };
    }
  }
  const peers: PeerSelector[] = [];
  for (const [key, peerKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    for (const rule of spec?.get(key)?.items() ?? []) {
      for (const peer of rule.get(peerKey)?.items() ?? []) {
        const selector = peer.get('podSelector');
        if (!selector) continue;
        peers.push({
          direction: key,
          selector: readSelector(selector, uncertain),
          sameNamespace: !peer.has('namespaceSelector'),
          at: relRange(object, selector, 'key'),
        });
      }
    }
  }
  return {
    type: 'policy',
    podSelector,
    podSelectorAt: podSelectorNode ? relRange(object, podSelectorNode, 'key') : undefined,
    isolates,
    ingressRules,
    egressRules,
    peers,
  };
}

/** Denies all traffic of the namespace in a direction: selects every pod, isolates the direction, allows nothing. */
export function deniesByDefault(policy: PolicySummary, direction: 'ingress' | 'egress'): boolean | undefined {
  if (!policy.podSelector || !policy.isolates) return undefined;
  const everyPod = Object.keys(policy.podSelector.matchLabels).length === 0 && policy.podSelector.requirements.length === 0;
  if (!everyPod || !policy.isolates[direction]) return false;
  const rules = direction === 'ingress' ? policy.ingressRules : policy.egressRules;
  return rules === undefined ? undefined : rules === 0;
}

/** The namespace an ingress controller usually runs in; a fix leaves a placeholder for it. */
export const INGRESS_NAMESPACE_PLACEHOLDER = '<ingress-controller-namespace>';

// ---------------------------------------------------------------- policy rules and peers

export type PolicyDirection = 'ingress' | 'egress';

export interface PolicyRule {
  direction: PolicyDirection;
  node: YNode;
  /** `from` for ingress, `to` for egress. */
  peers: YNode | undefined;
  ports: YNode | undefined;
}

export function peersKey(direction: PolicyDirection): 'from' | 'to' {
  return direction === 'ingress' ? 'from' : 'to';
}

/** Every ingress and egress rule of a NetworkPolicy. */
export function policyRules(object: K8sObject): PolicyRule[] {
  const spec = object.root.get('spec');
  const out: PolicyRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const node of spec?.get(direction)?.items() ?? []) {
      if (!node.isMap) continue;
      out.push({ direction, node, peers: node.get(peersKey(direction)), ports: node.get('ports') });
    }
  }
  return out;
}

/** Absent, null or an empty list: for `from`/`to` and `ports` that means "all". */
export function isUnrestrictedList(node: YNode | undefined): boolean {
  return !node || node.isNull || (node.isSeq && node.items().length === 0 && !node.templated);
}

/**
 * A label selector that selects everything: `{}`, or only empty
 * `matchLabels`/`matchExpressions`. Templated selectors are not empty.
 */
export function isEmptySelector(node: YNode | undefined): boolean {
  if (!node || node.templated || !node.isMap) return false;
  for (const [key, value] of node.entries()) {
    if (key !== 'matchLabels' && key !== 'matchExpressions') return false;
    if (!value || value.isNull) continue;
    if (value.templated) return false;
    if (value.isMap && value.keys().length === 0) continue;
    if (value.isSeq && value.items().length === 0) continue;
    return false;
  }
  return true;
}

/** `0.0.0.0/0`, `::/0` and any other prefix of length 0: every address. */
export function isAllAddresses(cidr: string): boolean {
  const m = /^\s*([0-9a-fA-F:.]{2,45})\/0+\s*$/.exec(cidr);
  return Boolean(m && (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(m[1]!) || m[1]!.includes(':')));
}

/**
 * The ports of a policy rule as people read them: `8080`, `metrics`,
 * `UDP 53`, `TCP 3000-3100`; undefined when a port is templated.
 */
export function describePorts(ports: YNode): string[] | undefined {
  if (ports.templated) return undefined;
  const out: string[] = [];
  for (const p of ports.items()) {
    const port = p.get('port');
    const protocol = p.get('protocol')?.str;
    const end = p.get('endPort')?.value;
    if (port?.templated || (port && port.value === undefined)) return undefined;
    const value = port === undefined ? 'every port' : `${String(port.value as string | number)}${typeof end === 'number' ? `-${end}` : ''}`;
    out.push(protocol && protocol !== 'TCP' ? `${protocol} ${value}` : value);
  }
  return out;
}

// ---------------------------------------------------------------- addresses

/** The cloud metadata service (AWS, GCP, Azure, OpenStack on IPv4; AWS on IPv6): node credentials. */
export const METADATA_ADDRESSES = ['169.254.169.254', 'fd00:ec2::254'] as const;

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(p));
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]{2,39}$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

/** True when `cidr` (`10.0.0.0/8`, `fd00::/8`) holds the address `ip` of the same family. */
export function cidrContains(cidr: string, ip: string): boolean {
  const m = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(cidr);
  if (!m) return false;
  const v4 = ip.includes('.');
  const bits = v4 ? 32 : 128;
  const parse = v4 ? parseIPv4 : parseIPv6;
  const base = parse(m[1]!);
  const address = parse(ip);
  const prefix = Number(m[2]);
  if (base === undefined || address === undefined || prefix > bits) return false;
  const shift = BigInt(bits - prefix);
  return base >> shift === address >> shift;
}
