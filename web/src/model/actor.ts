// Who makes an edit, as the document's rules see it (CONTRACTS decision 2; Java: protocol's
// `board.Actor`). The role decides what may be edited, `boardLocked` is the facilitation
// session's board lock, `department` what department-scoped lanes and stages admit, `server` the
// server's own edits. Build actors in few places: the sync client for local edits (`actor`), and
// `REPLAY` for what the server already accepted.
import type { Role } from './types';

export interface Actor {
  readonly role: Role;
  /** the client id (tab) that makes the edit; another client's private elements do not exist for it */
  readonly client: string;
  /** the session's board lock: only facilitators edit while it is on */
  readonly boardLocked: boolean;
  /** id of the participant's `department` element, or null */
  readonly department: string | null;
  /** the server's own edit: no role, lock, scope or visibility rule, and the only writer of server-only props */
  readonly server: boolean;
  /** the board lets viewers comment (the facilitator's `comments.viewers`); absent = no */
  readonly viewersComment?: boolean;
}

/**
 * The server's own order: `applied` messages, snapshots and the re-application of pending edits
 * on top of them. The server has judged these already, so no role, lock, scope or visibility
 * rule applies again, and its server-only properties (`votes`, `private`, ...) are accepted.
 */
export const REPLAY: Actor = Object.freeze({ role: 'facilitator', client: '@server', boardLocked: false, department: null, server: true });

export function actor(role: Role, client: string, boardLocked = false, department: string | null = null, viewersComment = false): Actor {
  return { role, client, boardLocked, department, server: false, viewersComment };
}

/** Facilitators and editors edit the map; commenters (and viewers) only comment. */
export const mayEdit = (role: Role): boolean => role === 'facilitator' || role === 'editor';

/** Whether the actor may write comments and resolve or reopen threads. */
export function mayComment(a: Actor): boolean {
  return a.server || a.role !== 'viewer' || a.viewersComment === true;
}

/** Facilitators (and the server) are bound by no lock or scope and set the facilitator-only properties. */
export function isFacilitator(a: Actor): boolean {
  return a.server || a.role === 'facilitator';
}
