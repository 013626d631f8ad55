import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.ts';

describe('Mutex', () => {
  it('GIVEN work queued while the lock is held WHEN it runs THEN one at a time, in arrival order', async () => {
    const mutex = new Mutex();
    const events: string[] = [];
    const work = (name: string) => async (): Promise<string> => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([mutex.run(work('a')), mutex.run(work('b')), mutex.run(work('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect({ locked: mutex.locked, waiting: mutex.waiting }).toEqual({ locked: false, waiting: 0 });
  });

  it('GIVEN work that throws WHEN it ends THEN the lock passes on and the error reaches its caller', async () => {
    const mutex = new Mutex();
    const failing = mutex.run(async () => {
      throw new Error('boom');
    });
    const next = mutex.run(async () => 'next');
    expect(mutex.waiting).toBe(1);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    expect(mutex.locked).toBe(false);
  });
});
