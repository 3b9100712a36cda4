import rule from '../../shared-rules/src/rules/networkpolicy-egress-cloud-metadata';
import { cidrContains } from '../../shared-rules/src/k8s/network-policy';
import { describe, expect, it } from 'vitest';
import { yaml } from '../helpers/yaml-tag';
import { ruleTester } from '../rule-tester';

describe('cidrContains', () => {
  it('IPv4 and IPv6 prefixes', () => {
    expect(cidrContains('0.0.0.0/0', '169.254.169.254')).toBe(true);
    expect(cidrContains('169.254.0.0/16', '169.254.169.254')).toBe(true);
    expect(cidrContains('169.254.169.254/32', '169.254.169.254')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '169.254.169.254')).toBe(false);
    expect(cidrContains('::/0', 'fd00:ec2::254')).toBe(true);
    expect(cidrContains('fd00::/8', 'fd00:ec2::254')).toBe(true);
    expect(cidrContains('fe80::/10', 'fd00:ec2::254')).toBe(false);
    expect(cidrContains('::/0', '169.254.169.254')).toBe(false);
    expect(cidrContains('not-a-cidr', '169.254.169.254')).toBe(false);
  });
});

ruleTester(rule, {
  valid: [
    {
      name: 'the metadata address excepted; private ranges only; ingress; no except at all (allows-all reports it)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: egress }
        spec:
          podSelector: {}
          ingress:
            - from: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] } }]
          egress:
            - to:
                - ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8, 169.254.0.0/16] }
                - ipBlock: { cidr: "::/0", except: ["fd00:ec2::254/128"] }
                - ipBlock: { cidr: 10.0.0.0/8 }
                - ipBlock: { cidr: 0.0.0.0/0 }
      `,
    },
    {
      name: 'templated except lists are unknown',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: egress }
        spec:
          podSelector: {}
          egress:
            - to:
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except: {{ toYaml .Values.except }}
      `,
    },
  ],
  invalid: [
    {
      name: 'except lists that leave the metadata address; link-local and IPv6 ranges; block and flow lists',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: egress }
        spec:
          podSelector: {}
          egress:
            - to:
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except:
                      - 10.0.0.0/8
                - ipBlock: { cidr: "::/0", except: ["2001:db8::/32"] }
                - ipBlock: { cidr: 169.254.0.0/16 }
      `,
      errors: [
        {
          line: 9,
          column: 19,
          endColumn: 28,
          messageId: 'cidr',
          severity: 'warning',
          message: 'NetworkPolicy "egress" allows egress to 0.0.0.0/0, which holds the cloud metadata service 169.254.169.254.',
        },
        { line: 12, column: 28, endColumn: 34, message: 'allows egress to ::/0, which holds the cloud metadata service fd00:ec2::254.' },
        { line: 13, column: 28, endColumn: 42, message: 'allows egress to 169.254.0.0/16' },
      ],
      output: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: egress }
        spec:
          podSelector: {}
          egress:
            - to:
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except:
                      - 10.0.0.0/8
                      - "169.254.169.254/32"
                - ipBlock: { cidr: "::/0", except: ["2001:db8::/32", "fd00:ec2::254/128"] }
                - ipBlock: { cidr: 169.254.0.0/16, except: ["169.254.169.254/32"] }
      `,
      applicability: 'unsafe',
    },
    {
      name: 'the metadata address alone is a deliberate grant: reported, no fix',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: cloud-controller }
        spec:
          podSelector: {}
          egress:
            - to: [{ ipBlock: { cidr: 169.254.169.254/32 } }]
      `,
      errors: [{ line: 7, column: 31, endColumn: 49 }],
      output: null,
    },
  ],
});
