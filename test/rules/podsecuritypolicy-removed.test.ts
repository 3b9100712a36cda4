import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../shared-rules/src/index';
import rule from '../../shared-rules/src/rules/podsecuritypolicy-removed';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

ruleTester(rule, {
  valid: [
    yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
        labels:
          pod-security.kubernetes.io/enforce: restricted
    `,
    {
      name: 'a custom resource of the same kind in another API group',
      code: yaml`
        apiVersion: policies.example.com/v1
        kind: PodSecurityPolicy
        metadata: { name: p }
      `,
    },
    {
      name: 'suppressed on the line above',
      code: yaml`
        # kubeward-disable-next-line podsecuritypolicy-removed -- cluster pinned to 1.24 until Q3
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata: { name: legacy }
        spec: { privileged: false }
      `,
    },
    {
      name: 'suppressed by annotation',
      code: yaml`
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata:
          name: legacy
          annotations:
            ignore.kubeward.io/podsecuritypolicy-removed: "cluster pinned to 1.24"
        spec: { privileged: false }
      `,
    },
  ],
  invalid: [
    {
      name: 'a PodSecurityPolicy at a version that never served it (policy/v1) is still one',
      // A privileged policy maps to enforce: privileged, which namespace-psa-not-enforced reports.
      allowNewFindings: ['namespace-psa-not-enforced'],
      code: yaml`
        apiVersion: policy/v1
        kind: PodSecurityPolicy
        metadata:
          name: psp
        spec:
          privileged: true
      `,
      errors: [
        {
          line: 1,
          column: 13,
          endColumn: 22,
          messageId: 'neverServed',
          severity: 'error',
          message: 'PodSecurityPolicy "psp" uses policy/v1, which never served it; PodSecurityPolicy is gone since 1.25.',
        },
      ],
      output: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: <namespace>
          labels:
            pod-security.kubernetes.io/enforce: privileged
            pod-security.kubernetes.io/enforce-version: latest
            pod-security.kubernetes.io/audit: baseline
            pod-security.kubernetes.io/warn: baseline
      `,
      applicability: 'display-only',
    },
    {
      name: 'a restricted policy alone: replaced by a Namespace to name, comments kept',
      code: yaml`
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata:
          name: restricted
        spec:
          privileged: false
          # Required to prevent escalations to root.
          allowPrivilegeEscalation: false
          requiredDropCapabilities: [ALL]
          runAsUser:
            rule: MustRunAsNonRoot
          seLinux:
            rule: RunAsAny
          volumes: [configMap, secret, emptyDir]
      `,
      errors: [
        {
          line: 1,
          column: 13,
          endColumn: 27,
          messageId: 'removed',
          severity: 'error',
          message: 'PodSecurityPolicy "restricted" uses policy/v1beta1, which Kubernetes stopped serving in 1.25',
        },
      ],
      output: yaml`
        # Required to prevent escalations to root.
        apiVersion: v1
        kind: Namespace
        metadata:
          name: <namespace>
          labels:
            pod-security.kubernetes.io/enforce: restricted
            pod-security.kubernetes.io/enforce-version: latest
            pod-security.kubernetes.io/audit: restricted
            pod-security.kubernetes.io/warn: restricted
      `,
      applicability: 'display-only',
    },
    {
      name: 'a baseline policy next to a Namespace: labels merged into it, the policy removed',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            team: checkout
        ---
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata:
          name: default
        spec:
          privileged: false
          allowPrivilegeEscalation: false
          runAsUser:
            rule: RunAsAny
          volumes: [configMap, secret, emptyDir, nfs]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app
      `,
      errors: [{ line: 8, column: 13, endColumn: 27, message: 'PodSecurityPolicy "default" uses policy/v1beta1, which Kubernetes stopped serving in 1.25' }],
      output: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            team: checkout
            pod-security.kubernetes.io/enforce: baseline
            pod-security.kubernetes.io/enforce-version: latest
            pod-security.kubernetes.io/audit: baseline
            pod-security.kubernetes.io/warn: baseline
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app
      `,
      applicability: 'unsafe',
      fixes: [
        {
          title: 'Replace the PodSecurityPolicy with a Namespace with Pod Security Admission labels',
          output: yaml`
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels:
                team: checkout
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: <namespace>
              labels:
                pod-security.kubernetes.io/enforce: baseline
                pod-security.kubernetes.io/enforce-version: latest
                pod-security.kubernetes.io/audit: baseline
                pod-security.kubernetes.io/warn: baseline
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: app
          `,
        },
      ],
    },
    {
      name: 'a privileged policy and two Namespaces (flow style, CRLF): every Namespace, or one; system and labelled ones left alone',
      // A privileged policy maps to enforce: privileged, which namespace-psa-not-enforced reports.
      allowNewFindings: ['namespace-psa-not-enforced'],
      code: crlf(yaml`
        apiVersion: extensions/v1beta1
        kind: PodSecurityPolicy
        metadata: {name: privileged}
        spec: {privileged: true, hostNetwork: true, volumes: ['*']}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: agents}
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: monitoring
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: kube-system}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: locked, labels: {pod-security.kubernetes.io/enforce: restricted}}
      `),
      errors: [
        { line: 1, column: 13, endColumn: 31, message: 'PodSecurityPolicy "privileged" uses extensions/v1beta1, which Kubernetes stopped serving in 1.25' },
      ],
      output: crlf(yaml`
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: agents, labels: {pod-security.kubernetes.io/enforce: privileged, pod-security.kubernetes.io/enforce-version: latest, pod-security.kubernetes.io/audit: baseline, pod-security.kubernetes.io/warn: baseline}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: monitoring
          labels:
            pod-security.kubernetes.io/enforce: privileged
            pod-security.kubernetes.io/enforce-version: latest
            pod-security.kubernetes.io/audit: baseline
            pod-security.kubernetes.io/warn: baseline
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: kube-system}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: locked, labels: {pod-security.kubernetes.io/enforce: restricted}}
      `),
      fixes: [
        {
          title: 'Add Pod Security Admission labels to Namespace "monitoring" and remove the PodSecurityPolicy',
          output: crlf(yaml`
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: agents}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: monitoring
              labels:
                pod-security.kubernetes.io/enforce: privileged
                pod-security.kubernetes.io/enforce-version: latest
                pod-security.kubernetes.io/audit: baseline
                pod-security.kubernetes.io/warn: baseline
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: kube-system}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: locked, labels: {pod-security.kubernetes.io/enforce: restricted}}
          `),
        },
      ],
    },
    {
      name: 'a target below 1.25: deprecated, a warning; 4-space indentation',
      config: { kubernetesVersion: '1.24' },
      code: yaml`
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata:
            name: restricted
        spec:
            privileged: false
            allowPrivilegeEscalation: false
            requiredDropCapabilities: [ALL]
            runAsUser:
                rule: MustRunAsNonRoot
            volumes: [configMap, secret, emptyDir]
      `,
      errors: [
        {
          line: 1,
          column: 13,
          endColumn: 27,
          messageId: 'deprecated',
          severity: 'warning',
          message: 'PodSecurityPolicy "restricted" uses policy/v1beta1, removed in Kubernetes 1.25',
        },
      ],
      output: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
            name: <namespace>
            labels:
                pod-security.kubernetes.io/enforce: restricted
                pod-security.kubernetes.io/enforce-version: latest
                pod-security.kubernetes.io/audit: restricted
                pod-security.kubernetes.io/warn: restricted
      `,
    },
    {
      name: 'in a List: the policy item is replaced in place (removing List items is refused)',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Namespace
            metadata: { name: shop }
          - apiVersion: policy/v1beta1
            kind: PodSecurityPolicy
            metadata: { name: default }
            spec: { privileged: false }
      `,
      errors: [{ line: 7, column: 17, endColumn: 31 }],
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Namespace
            metadata: { name: shop }
          - apiVersion: v1
            kind: Namespace
            metadata:
              name: <namespace>
              labels:
                pod-security.kubernetes.io/enforce: baseline
                pod-security.kubernetes.io/enforce-version: latest
                pod-security.kubernetes.io/audit: baseline
                pod-security.kubernetes.io/warn: baseline
      `,
    },
    {
      name: 'Helm: still removed, but a templated policy is not rewritten',
      code: yaml`
        {{- if .Values.psp.enabled }}
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata:
          name: {{ include "chart.fullname" . }}
        spec:
          privileged: {{ .Values.psp.privileged }}
        {{- end }}
      `,
      errors: [
        { line: 2, column: 13, endColumn: 27, message: 'PodSecurityPolicy (templated name) uses policy/v1beta1, which Kubernetes stopped serving in 1.25' },
      ],
      output: null,
    },
  ],
});

describe("podsecuritypolicy-removed on every PodSecurityPolicy of the corpus (the peers' PSP fixtures included)", () => {
  const corpus = path.resolve(__dirname, '..', 'corpus');
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [path.join(dir, e.name)] : []));
  const withPolicies = files(corpus).filter((f) => /^kind:\s*PodSecurityPolicy\s*$/m.test(fs.readFileSync(f, 'utf8')));
  it('finds them (Checkov, KICS, kubesec, kubernetes/examples)', () => expect(withPolicies.length).toBeGreaterThanOrEqual(10));
  for (const file of withPolicies) {
    it(`flags each one: ${path.relative(corpus, file)}`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const policies = (text.match(/^kind:\s*PodSecurityPolicy\s*$/gm) ?? []).length;
      expect(lint(text).findings.filter((f) => f.ruleId === rule.meta.id)).toHaveLength(policies);
    });
  }
});
