import { describe, expect, it } from 'vitest';
import { DependencyCycleError } from '../../../core/errors.ts';
import { startOrder } from '../../../core/start-order.ts';

describe('startOrder', () => {
  it('startOrder() puts every plugin after the plugins it needs', () => {
    const order = startOrder([
      { name: 'policy', needs: ['contiv', 'ksr'] },
      { name: 'contiv', needs: ['ksr', 'vpp'] },
      { name: 'vpp', needs: [] },
      { name: 'ksr', needs: [] },
    ]);
    expect(order).toEqual(['vpp', 'ksr', 'contiv', 'policy']);
  });

  it('startOrder() keeps build order between independent plugins', () => {
    expect(startOrder([{ name: 'b', needs: [] }, { name: 'a', needs: [] }, { name: 'c', needs: [] }])).toEqual(['b', 'a', 'c']);
  });

  it('startOrder() ignores needs naming plugins that are not in the graph', () => {
    expect(startOrder([{ name: 'a', needs: ['gone'] }])).toEqual(['a']);
  });

  it('startOrder() throws a DependencyCycleError listing the cycle members in order', () => {
    const run = () =>
      startOrder([
        { name: 'x', needs: ['a'] },
        { name: 'a', needs: ['b'] },
        { name: 'b', needs: ['c'] },
        { name: 'c', needs: ['a'] },
        { name: 'free', needs: [] },
      ]);
    expect(run).toThrow(DependencyCycleError);
    expect(run).toThrow('dependency cycle between plugins: a -> b -> c -> a');
    try {
      run();
    } catch (err: unknown) {
      expect((err as DependencyCycleError).cycle).toEqual(['a', 'b', 'c', 'a']);
    }
  });

  it('startOrder() reports a plugin needing itself as a one-member cycle', () => {
    expect(() => startOrder([{ name: 'self', needs: ['self'] }])).toThrow('self -> self');
  });
});
