import { describe, expect, it } from 'vitest';
import { isAllAddresses } from '../../shared-rules/src/k8s/network-policy';

describe('isAllAddresses', () => {
  it.each(['0.0.0.0/0', '::/0', '0::0/0', '10.0.0.0/0', ' 0.0.0.0/00 '])('%j is every address', (c) => expect(isAllAddresses(c)).toBe(true));
  it.each(['0.0.0.0/1', '10.0.0.0/8', '::/1', '0.0.0.0', 'foo/0', '/0', '0.0.0.0/0/0'])('%j is not', (c) => expect(isAllAddresses(c)).toBe(false));
});
