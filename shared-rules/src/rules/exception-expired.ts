import { defineRule } from '../engine/rule';

/** Reported in .kubeward.yaml for an exception past its `expires` date. */
export default defineRule({
  meta: {
    id: 'exception-expired',
    title: 'Exception past its end date',
    severity: 'warning',
    category: 'kubeward',
    kinds: [],
    engine: true,
    messages: { expired: 'The exception for {{rule}} expired on {{date}}; its findings are reported again.' },
    fix: { availability: 'none' },
    since: '0.1.0',
    docs: {
      rationale:
        'An exception in `.kubeward.yaml` can carry an `expires` date: the day after it, the exception applies to nothing, the findings it covered are reported again, and the exception itself is reported here, so a temporary waiver cannot quietly become permanent.',
      remediation: 'Fix the findings and remove the exception, or review it again and move its `expires` date with a reason that still holds.',
      invalid: '',
      valid:
        'exceptions:\n  - rule: pod-privileged\n    reason: the node agent needs the host devices until it moves to a device plugin\n    objects: [DaemonSet/kube-system/node-agent]\n    expires: 2999-12-31\n',
    },
    references: {},
  },
});
