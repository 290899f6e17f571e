import { describe, expect, it } from 'vitest';
import { Backoff } from '../src/sync/backoff';

describe('Backoff', () => {
  it('doubles from the base up to the cap, without jitter when random is 0', () => {
    const b = new Backoff({ baseMs: 1000, capMs: 30_000, jitter: 0.5, random: () => 0 });
    expect(Array.from({ length: 8 }, () => b.next())).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(b.attempts).toBe(8);
    b.reset();
    expect(b.next()).toBe(1000);
  });

  it('shortens each delay by up to the jitter fraction, never above the cap', () => {
    let r = 1;
    const b = new Backoff({ baseMs: 1000, capMs: 30_000, jitter: 0.5, random: () => r });
    expect(b.next()).toBe(500);
    r = 0.5;
    expect(b.next()).toBe(1500);
    for (let i = 0; i < 10; i++) expect(b.next()).toBeLessThanOrEqual(30_000);
  });

  it('spreads the retries of many clients that failed at once', () => {
    const seeds = [0.05, 0.3, 0.55, 0.8, 0.95];
    const delays = seeds.map((s) => new Backoff({ baseMs: 1000, capMs: 30_000, jitter: 0.5, random: () => s }).next());
    expect(new Set(delays).size).toBe(seeds.length);
  });
});
