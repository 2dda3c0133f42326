import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../../../core/datasync/serial-queue.ts';

describe('SerialQueue', () => {
  it('run() starts a task only after the previous one settled, even if it failed', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const slow = q.run(async () => {
      log.push('a+');
      await new Promise((r) => setTimeout(r, 5));
      log.push('a-');
      throw new Error('a failed');
    });
    const fast = q.run(() => {
      log.push('b');
      return 2;
    });
    expect(q.pending).toBe(2);
    await expect(slow).rejects.toThrow('a failed');
    expect(await fast).toBe(2);
    await q.idle();
    expect(log).toEqual(['a+', 'a-', 'b']);
    expect(q.pending).toBe(0);
  });
});
