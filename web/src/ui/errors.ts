// Telling the user what went wrong: a refused edit as a toast (translated by error code), and the
// end of the connection as a page-blocking message (by error code or by close code).
import type { ErrorCode } from '../model/types';
import type { Failure, SyncClient } from '../sync/client';
import { h, toast } from './dom';
import { hasKey, t } from './i18n';

export function showError(code: ErrorCode): void {
  const key = `err.${code}`;
  toast(hasKey(key) ? t(key) : code, 'error');
}

/** The text for a failure: `err.CODE` for a server error, `close.NNNN` for a final close code. */
export function failureText(f: Failure): string {
  const key = f.kind === 'error' ? `err.${f.code}` : `close.${f.closeCode}`;
  return hasKey(key) ? t(key) : f.kind === 'error' ? f.code : `${f.closeCode} ${f.reason}`.trim();
}

export function showFailure(root: HTMLElement, f: Failure): void {
  const box = h('div', { class: 'failure' },
    h('h2', { text: t('failedTitle') }),
    h('p', { text: failureText(f) }),
    h('a', { class: 'btn primary', href: '/', text: t('backHome') }));
  root.append(h('div', { class: 'modal-backdrop' }, box));
}

/** When the socket keeps failing, ask the HTTP API whether the link itself is the problem. */
export class LinkCheck {
  private running = false;

  constructor(private readonly client: SyncClient, private readonly boardId: string, private readonly token: () => string) {}

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // a hung server must not hang the check for good
      const r = await fetch(`/api/boards/${encodeURIComponent(this.boardId)}?token=${encodeURIComponent(this.token())}`, { signal: AbortSignal.timeout(10_000) });
      if (r.status === 404) this.client.fail('BOARD_NOT_FOUND');
      else if (r.status === 401 || r.status === 403) this.client.fail('UNAUTHORIZED');
    } catch {
      // server unreachable: keep retrying
    } finally {
      this.running = false;
    }
  }
}
