import { describe, expect, it } from 'vitest';
import { setLang } from '../src/ui/i18n';
import { statusOf } from '../src/ui/topbar';

const pending = (n: number) => Array.from({ length: n }, (_, i) => ({ cid: i + 1, ops: [], sent: false }));

describe('the status pill', () => {
  it('tells the truth about the connection and the unsent edits', () => {
    (globalThis as { document?: unknown }).document ??= { documentElement: {} };
    setLang('en');
    expect(statusOf({ state: 'connected', pending: [], savingPaused: false })).toEqual({ cls: 'ok', label: 'Connected' });
    expect(statusOf({ state: 'connected', pending: pending(2), savingPaused: false }).label).toBe('Connected · 2 unsent');
    expect(statusOf({ state: 'reconnecting', pending: pending(1), savingPaused: false })).toEqual({ cls: 'warn', label: 'Reconnecting… · 1 unsent' });
    expect(statusOf({ state: 'connected', pending: pending(3), savingPaused: true })).toEqual({ cls: 'warn', label: 'Saving paused · 3 edits waiting' });
    expect(statusOf({ state: 'failed', pending: pending(3), savingPaused: false }).cls).toBe('bad');
    setLang('zh');
    expect(statusOf({ state: 'reconnecting', pending: pending(1), savingPaused: false }).label).toBe('正在重新连接… · 1 项未发送');
    expect(statusOf({ state: 'connected', pending: pending(3), savingPaused: true }).label).toBe('保存已暂停 · 3 项修改等待中');
    setLang('en');
  });
});
