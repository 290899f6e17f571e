// The board's feedback over HTTP (PROTOCOL.md "Customer feedback"): import a CSV, list items, tag
// them onto a card. Each call carries the page's board token; a refusal is thrown as an Error with
// the server's code and message.
export interface FeedbackItem {
  id: string; text: string; channel?: string; date?: string; rating?: number; touchpoint?: string;
  card?: string; match?: 'touchpoint' | 'keywords' | 'tag'; row: number; importedAt: number;
}
export interface FeedbackPage { total: number; offset: number; limit: number; items: FeedbackItem[] }
export interface RowIssue { row: number; column?: string; message: string }
export interface ImportReport {
  rows: number; imported: number; matched: number; unmatched: number; skipped: number; cards: number;
  matchedBy: { touchpoint: number; keywords: number }; charset: string; seq?: number;
  errors: RowIssue[]; warnings: RowIssue[];
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export class FeedbackApi {
  constructor(private readonly boardId: string, private readonly token: () => string) {}

  private url(path = ''): string {
    return `/api/boards/${encodeURIComponent(this.boardId)}/feedback${path}`;
  }

  private async call<T>(url: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(url, { ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${this.token()}` } });
    let body: unknown = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    if (!res.ok) {
      const b = (body ?? {}) as { code?: string; message?: string };
      throw new ApiError(res.status, b.code ?? `HTTP ${res.status}`, b.message ?? `HTTP ${res.status}`);
    }
    return body as T;
  }

  /** The file goes as it is: the server detects UTF-8 or GB18030. */
  importCsv(file: Blob): Promise<ImportReport> {
    return this.call(this.url(), { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: file });
  }

  list(q: { card?: string; offset?: number; limit?: number }): Promise<FeedbackPage> {
    const p = new URLSearchParams();
    if (q.card) p.set('card', q.card);
    else p.set('unmatched', '1');
    p.set('offset', String(q.offset ?? 0));
    p.set('limit', String(q.limit ?? 50));
    return this.call(`${this.url()}?${p.toString()}`);
  }

  tag(items: string[], card: string | null): Promise<{ tagged: number; seq: number }> {
    return this.call(this.url('/tag'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items, card }) });
  }
}
