// The board's history over HTTP (PROTOCOL.md "History", server net/HistoryApi): the replay (every
// link may read it: the board before the first step and each public step with its ops and time),
// the timeline's changes with names (facilitators and editors) and the board right after a seq
// (what a restore goes back to). Answers results, never throws.
import type { BoardElement, Op } from '../../model/types';

export interface ReplayStep { seq: number; at?: number; ops: Op[]; name?: string | null; server?: boolean }
export interface ReplayPage { oldest: number; newest: number; start: { seq: number; elements: BoardElement[] }; steps: ReplayStep[]; next: number | null }
export interface ChangeRow { seq: number; at?: number; name: string | null; server: boolean; created: string[]; updated: string[]; deleted: string[] }
export interface ChangesPage { oldest: number; newest: number; changes: ChangeRow[]; next: number | null }
export interface PointAnswer { seq: number; at?: number; elements: BoardElement[] }

export type HistoryResult<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string };

/** Pages the replay and the changes list read at once (the server's limits are 5000 and 1000). */
const REPLAY_PAGE = 5000;
const CHANGES_PAGE = 1000;
/** At most this many pages are read for one timeline (25 000 steps). */
const MAX_PAGES = 5;

export class HistoryApi {
  constructor(private readonly boardId: string, private readonly token: () => string) {}

  private async get<T>(path: string): Promise<HistoryResult<T>> {
    let res: Response;
    try {
      res = await fetch(`/api/boards/${encodeURIComponent(this.boardId)}${path}`, { headers: { Authorization: `Bearer ${this.token()}` }, cache: 'no-store' });
    } catch (e) {
      return { ok: false, status: 0, code: 'NETWORK', message: (e as Error).message };
    }
    let body: unknown = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    if (res.ok) return { ok: true, value: body as T };
    const err = (body ?? {}) as { code?: string; message?: string };
    return { ok: false, status: res.status, code: err.code ?? `HTTP_${res.status}`, message: err.message ?? res.statusText };
  }

  /** The whole replay (page after page): the start and every step. */
  async replay(): Promise<HistoryResult<ReplayPage>> {
    const first = await this.get<ReplayPage>(`/replay?limit=${REPLAY_PAGE}`);
    if (!first.ok) return first;
    const out = first.value;
    for (let i = 1; out.next !== null && i < MAX_PAGES; i++) {
      const more = await this.get<ReplayPage>(`/replay?from=${out.next}&limit=${REPLAY_PAGE}`);
      if (!more.ok) return more;
      out.steps.push(...more.value.steps);
      out.next = more.value.next;
      out.newest = more.value.newest;
    }
    return { ok: true, value: out };
  }

  /** Who made each change (names are for facilitators and editors). */
  async changes(): Promise<HistoryResult<ChangeRow[]>> {
    const rows: ChangeRow[] = [];
    let from: number | null = null;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page: HistoryResult<ChangesPage> = await this.get<ChangesPage>(`/history?limit=${CHANGES_PAGE}${from === null ? '' : `&from=${from}`}`);
      if (!page.ok) return page;
      rows.push(...page.value.changes);
      from = page.value.next;
      if (from === null) break;
    }
    return { ok: true, value: rows };
  }

  /** The public board right after seq (facilitators and editors). */
  documentAt(seq: number): Promise<HistoryResult<PointAnswer>> {
    return this.get<PointAnswer>(`/history/${seq}`);
  }
}
