// The HTTP API calls of the page (PROTOCOL.md "HTTP API"): create a board (with the creation key
// when the server asks for one), the board's links for a facilitator, personal links, deleting a
// board. Every call answers a result instead of throwing, so callers show what went wrong; a 404
// or 405 on an endpoint an older server does not have is `unsupported`, so the UI can say so.
//
// Board tokens go in an `Authorization: Bearer` header; the read of a board's metadata keeps the
// older `?token=` query parameter of PROTOCOL.md.
import type { BoardLinksAnswer, PersonalLink } from '../protocol/messages';
import type { Role } from '../model/types';
import { lang } from './i18n';

export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; code: string; message: string; unsupported: boolean };

export interface CreatedBoard { id: string; title: string; template: string; links: Record<string, string>; tokens: Record<string, string> }

async function call<T>(method: string, path: string, opts: { token?: string | null; body?: unknown } = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), cache: 'no-store' });
  } catch (e) {
    return { ok: false, status: 0, code: 'NETWORK', message: (e as Error).message, unsupported: false };
  }
  let body: unknown = null;
  try { body = res.status === 204 ? null : await res.json(); } catch { /* not JSON */ }
  if (res.ok) return { ok: true, value: body as T };
  const err = (body ?? {}) as { code?: string; message?: string };
  // an endpoint this server does not have (Vert.x answers 405 for a known path and another method)
  const unsupported = res.status === 405 || res.status === 501 || (res.status === 404 && err.code !== 'BOARD_NOT_FOUND');
  return { ok: false, status: res.status, code: err.code ?? `HTTP_${res.status}`, message: err.message ?? res.statusText, unsupported };
}

/** The WebSocket address of a board for a token (PROTOCOL.md "Transport"). */
export function socketUrl(boardId: string, token: string): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}/ws/boards/${encodeURIComponent(boardId)}?token=${encodeURIComponent(token)}`;
}

const board = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

/** POST /api/boards; `key` is the server's creation key (JB_CREATE_TOKEN) if it has one. */
export async function createBoard(title: string, template: string, key: string | null): Promise<ApiResult<CreatedBoard>> {
  // the cards of a template come in the language chosen on the start page
  const r = await call<CreatedBoard>('POST', '/api/boards', { token: key, body: { title, template, lang: lang() } });
  if (!r.ok) return r;
  const b = r.value;
  // links point at the server's public URL; keep them relative to where this page runs
  const links: Record<string, string> = {};
  // the data token is no page link (integrations push with it): the share dialog shows it apart
  for (const [role, token] of Object.entries(b.tokens ?? {})) if (role !== 'data') links[role] = `${location.origin}/b/${b.id}#t=${token}`;
  return { ok: true, value: { ...b, links: Object.keys(links).length ? links : b.links } };
}

/** GET /api/boards/{id}/links with the facilitator token: the role links (and personal links), never rotated. */
export function boardLinks(boardId: string, token: string): Promise<ApiResult<BoardLinksAnswer>> {
  return call<BoardLinksAnswer>('GET', `${board(boardId)}/links`, { token });
}

/** POST /api/boards/{id}/links: a personal link for one named person. */
export function createPersonalLink(boardId: string, token: string, name: string, role: Role): Promise<ApiResult<PersonalLink>> {
  return call<PersonalLink>('POST', `${board(boardId)}/links`, { token, body: { name, role } });
}

/** DELETE /api/boards/{id}/links/{linkId}: revoke one personal link (its sockets close with 4401). */
export function revokePersonalLink(boardId: string, token: string, linkId: string): Promise<ApiResult<null>> {
  return call<null>('DELETE', `${board(boardId)}/links/${encodeURIComponent(linkId)}`, { token });
}

/** DELETE /api/boards/{id} with the facilitator token: the board and its data are removed. */
export function deleteBoard(boardId: string, token: string): Promise<ApiResult<null>> {
  return call<null>('DELETE', board(boardId), { token });
}
