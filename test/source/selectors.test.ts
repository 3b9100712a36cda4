import { describe, expect, it } from 'vitest';
import { describeSelector, EVERYTHING, mapSelectorMatches, selectorMatches, type Selector } from '../../shared-rules/src/k8s/selectors';

const sel = (matchLabels: Record<string, string>, requirements: Selector['requirements'] = []): Selector => ({ matchLabels, requirements });

describe('label selectors', () => {
  const pod = { app: 'web', tier: 'frontend' };

  it.each([
    ['{} selects everything, even unknown labels', EVERYTHING, undefined, true],
    ['matchLabels subset', sel({ app: 'web' }), pod, true],
    ['matchLabels mismatch', sel({ app: 'api' }), pod, false],
    ['matchLabels on a missing key', sel({ env: 'prod' }), pod, false],
    ['In', sel({}, [{ key: 'tier', operator: 'In', values: ['frontend', 'backend'] }]), pod, true],
    ['In, key missing', sel({}, [{ key: 'env', operator: 'In', values: ['prod'] }]), pod, false],
    ['NotIn excludes', sel({}, [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }]), pod, false],
    ['NotIn, key missing, selects', sel({}, [{ key: 'env', operator: 'NotIn', values: ['prod'] }]), pod, true],
    ['Exists', sel({}, [{ key: 'app', operator: 'Exists', values: [] }]), pod, true],
    ['DoesNotExist', sel({}, [{ key: 'app', operator: 'DoesNotExist', values: [] }]), pod, false],
    ['labels and expressions are ANDed', sel({ app: 'web' }, [{ key: 'tier', operator: 'In', values: ['backend'] }]), pod, false],
    ['unknown labels', sel({ app: 'web' }), undefined, undefined],
    ['unknown selector', undefined, pod, undefined],
  ] as const)('%s', (_, selector, labels, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });

  it('a Service selector: {} selects nothing', () => {
    expect(mapSelectorMatches({}, pod)).toBe(false);
    expect(mapSelectorMatches({ app: 'web' }, pod)).toBe(true);
  });

  it('describes selectors for messages', () => {
    expect(
      describeSelector(
        sel({ app: 'web' }, [
          { key: 'tier', operator: 'NotIn', values: ['a', 'b'] },
          { key: 'x', operator: 'DoesNotExist', values: [] },
        ]),
      ),
    ).toBe('app=web, tier notin (a,b), !x');
    expect(describeSelector(EVERYTHING)).toBe('{}');
  });
});
