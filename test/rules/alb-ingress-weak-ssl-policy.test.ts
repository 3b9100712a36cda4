import { describe, expect, it } from 'vitest';
import rule from '../../shared-rules/src/rules/alb-ingress-weak-ssl-policy';
import { elbPolicyMinTls } from '../../shared-rules/src/k8s/cloud-ingress';
import { ingressWith } from '../helpers/ingress';
import { ruleTester } from '../rule-tester';

const alb = (policy: string) => ingressWith([`alb.ingress.kubernetes.io/ssl-policy: ${policy}`], { className: 'alb' });

describe('elbPolicyMinTls', () => {
  it('reads the minimum TLS version from AWS policy names', () => {
    expect(elbPolicyMinTls('ELBSecurityPolicy-TLS13-1-2-2021-06')).toBe(12);
    expect(elbPolicyMinTls('ELBSecurityPolicy-TLS13-1-3-2021-06')).toBe(13);
    expect(elbPolicyMinTls('ELBSecurityPolicy-TLS13-1-0-2021-06')).toBe(10);
    expect(elbPolicyMinTls('ELBSecurityPolicy-TLS-1-1-2017-01')).toBe(11);
    expect(elbPolicyMinTls('ELBSecurityPolicy-FS-1-2-Res-2020-10')).toBe(12);
    expect(elbPolicyMinTls('ELBSecurityPolicy-FS-2018-06')).toBe(10);
    expect(elbPolicyMinTls('ELBSecurityPolicy-2016-08')).toBe(10);
    expect(elbPolicyMinTls('my-policy')).toBeUndefined();
  });
});

ruleTester(rule, {
  valid: [
    alb('ELBSecurityPolicy-TLS13-1-2-2021-06'),
    { name: 'FS-1-2 names are TLS 1.2', code: alb('ELBSecurityPolicy-FS-1-2-Res-2020-10') },
    { name: 'a name that is not an AWS policy', code: alb('custom-policy') },
    { name: 'templated', code: alb('{{ .Values.sslPolicy }}') },
    { name: 'not an ALB Ingress', code: ingressWith(['alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-2016-08'], { className: 'nginx' }) },
    {
      name: 'suppressed',
      code: ingressWith(
        ['# kubeward-disable-next-line alb-ingress-weak-ssl-policy -- old devices', 'alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-2016-08'],
        { className: 'alb' },
      ),
    },
  ],
  invalid: [
    {
      name: 'the dated 2016 policy allows TLS 1.0',
      code: alb('ELBSecurityPolicy-2016-08'),
      errors: [{ line: 6, column: 43, endColumn: 68, messageId: 'weak', message: 'still accepts TLS 1.0', severity: 'warning' }],
      output: alb('ELBSecurityPolicy-TLS13-1-2-2021-06'),
      applicability: 'unsafe',
    },
    {
      name: 'a TLS13 policy that still allows TLS 1.1, quoted',
      code: alb('"ELBSecurityPolicy-TLS13-1-1-2021-06"'),
      errors: [{ line: 6, column: 43, endColumn: 80, messageId: 'weak', message: 'TLS 1.1' }],
      output: alb('"ELBSecurityPolicy-TLS13-1-2-2021-06"'),
    },
  ],
});
