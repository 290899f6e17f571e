import { describe, expect, it } from 'vitest';
import { closeAction } from '../src/sync/close';

describe('closeAction', () => {
  it('stops for good on removal, a bad link, a deleted board and an old page', () => {
    for (const code of [4403, 4401, 4404, 4400]) expect(closeAction(code), String(code)).toBe('final');
  });

  it('resumes after everything else: network loss, too slow, unavailable, restarts, my heartbeat', () => {
    for (const code of [undefined, 1000, 1001, 1006, 1007, 1008, 1009, 1011, 1012, 4000, 4408, 4503]) {
      expect(closeAction(code), String(code)).toBe('resume');
    }
  });
});
