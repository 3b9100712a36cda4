import { defineRule } from '../engine/rule';
import type { EditBuilder } from '../fix/edit-builder';
import { quoted } from '../fix/emit';
import { displayName } from '../k8s/objects';
import { cidrContains, isAllAddresses, isUnrestrictedList, METADATA_ADDRESSES, policyRules } from '../k8s/network-policy';

export default defineRule({
  meta: {
    id: 'networkpolicy-egress-cloud-metadata',
    title: 'NetworkPolicy egress reaches the cloud metadata service',
    severity: 'warning',
    category: 'network-policy',
    kinds: ['NetworkPolicy'],
    messages: {
      cidr: 'NetworkPolicy {{name}} allows egress to {{cidr}}, which holds the cloud metadata service {{address}}.',
    },
    fix: { availability: 'sometimes', applicability: 'unsafe', title: 'Exclude the metadata address (except)' },
    since: '0.1.0',
    docs: {
      rationale:
        "The cloud metadata service (`169.254.169.254` on AWS, GCP, Azure and OpenStack, `fd00:ec2::254` on AWS IPv6) hands out the node's instance credentials and bootstrap data to whoever asks from the node's network. An egress rule whose `ipBlock` holds that address, without listing it under `except`, lets the selected pods fetch those credentials: a compromised pod becomes the node's cloud identity.",
      remediation:
        'Add `169.254.169.254/32` (and `fd00:ec2::254/128` for IPv6) to the `except` list of the `ipBlock`, or narrow the CIDR to the networks the pods need. Pods that truly need the metadata service (a cloud controller) should get it through a dedicated, documented policy.',
      invalid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [10.0.0.0/8]
`,
      valid: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [10.0.0.0/8, 169.254.169.254/32]
`,
      notes:
        'An all-addresses CIDR without any `except` is reported by `networkpolicy-allows-all` (its remediation names the metadata address), so it is not reported twice here. Egress rules without `to` (every destination on their ports) are not reported.',
    },
    references: {
      urls: [
        'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
        'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html',
      ],
    },
  },
  check(ctx) {
    const { object } = ctx;
    for (const rule of policyRules(object)) {
      if (rule.direction !== 'egress') continue;
      for (const peer of rule.peers?.items() ?? []) {
        const block = peer.isMap ? peer.get('ipBlock') : undefined;
        const cidr = block?.isMap ? block.get('cidr') : undefined;
        const except = block?.get('except');
        if (!cidr || cidr.str === undefined || except?.templated || (except && !except.isNull && !except.isSeq)) continue;
        const address = METADATA_ADDRESSES.find((ip) => cidrContains(cidr.str!, ip));
        if (!address) continue;
        const excepts = except?.isSeq ? except.items() : [];
        if (excepts.some((e) => e.str === undefined || cidrContains(e.str, address))) continue;
        // Every address without any except: networkpolicy-allows-all reports it.
        if (isAllAddresses(cidr.str) && isUnrestrictedList(except)) continue;
        const exclude = `${address}/${address.includes(':') ? 128 : 32}`;
        // A CIDR of the metadata address alone is a deliberate grant: no fix.
        const alone = cidrContains(exclude, cidr.str.split('/')[0]!.trim()) && Number(cidr.str.split('/')[1]) === Number(exclude.split('/')[1]);
        // Written like the list's items: double-quoted if they are.
        const value = excepts[0]?.quoteStyle === 'double' ? quoted(exclude) : exclude;
        const fix = alone
          ? undefined
          : (edit: EditBuilder) => (except?.isSeq ? edit.appendItem(except, value) : edit.setIn(block!, ['except'], [value], { overwrite: true }));
        ctx.report({ node: cidr, messageId: 'cidr', data: { name: displayName(object), cidr: cidr.str, address }, fix });
      }
    }
  },
});
