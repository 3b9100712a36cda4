import rule from '../../shared-rules/src/rules/namespace-psa-not-enforced';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'an enforced level; control-plane namespaces; templated labels',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: { pod-security.kubernetes.io/enforce: baseline }
        ---
        apiVersion: v1
        kind: Namespace
        metadata: { name: kube-system }
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{ .Release.Namespace }}
          labels:
            {{- include "chart.labels" . | nindent 4 }}
      `,
    },
    {
      name: 'a Kustomize patch may leave the labels to its base',
      partial: true,
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: { name: shop }
      `,
    },
  ],
  invalid: [
    {
      name: 'no label at all: information, with the baseline labels as fix',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
      `,
      errors: [
        {
          line: 3,
          column: 1,
          endColumn: 9,
          messageId: 'none',
          severity: 'info',
          message: 'Namespace "shop" has no pod-security.kubernetes.io/enforce label: the cluster default applies, often privileged.',
        },
      ],
      output: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            pod-security.kubernetes.io/enforce: baseline
            pod-security.kubernetes.io/enforce-version: latest
            pod-security.kubernetes.io/audit: baseline
            pod-security.kubernetes.io/warn: baseline
      `,
    },
    {
      name: 'only warn and audit: the strictest of them becomes enforced',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            team: checkout
            pod-security.kubernetes.io/warn: restricted
            pod-security.kubernetes.io/audit: baseline
      `,
      errors: [
        {
          line: 5,
          column: 3,
          endColumn: 9,
          messageId: 'notEnforced',
          severity: 'warning',
          message: 'Namespace "shop" only warns and audits Pod Security restricted: violating pods are still admitted.',
        },
      ],
      output: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            team: checkout
            pod-security.kubernetes.io/warn: restricted
            pod-security.kubernetes.io/audit: baseline
            pod-security.kubernetes.io/enforce: restricted
      `,
    },
    {
      name: 'enforce: privileged admits everything',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: agents
          labels: { pod-security.kubernetes.io/enforce: privileged }
      `,
      errors: [{ line: 5, column: 49, endColumn: 59, messageId: 'privileged', message: 'Namespace "agents" enforces the privileged Pod Security level' }],
      output: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: agents
          labels: { pod-security.kubernetes.io/enforce: baseline }
      `,
    },
  ],
});
