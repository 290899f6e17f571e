// Who makes an edit, as the document's rules see it (CONTRACTS decision 2; Java: protocol's
// `board.Actor`). The role decides what may be edited, `boardLocked` is the facilitation
// session's board lock. Build actors in few places: the sync client for local edits, and the
// constant below for what the server already accepted.
import type { Role } from './types';

export interface Actor {
  readonly role: Role;
  /** the client id (tab) that makes the edit */
  readonly client: string;
  /** the session's board lock: only facilitators edit while it is on */
  readonly boardLocked: boolean;
}

/**
 * The server's own order: `applied` messages, snapshots and the re-application of pending edits
 * on top of them. The server has judged these already, so no role or lock rule applies again.
 */
export const REPLAY: Actor = Object.freeze({ role: 'facilitator', client: 'server', boardLocked: false });

export function actor(role: Role, client: string, boardLocked = false): Actor {
  return { role, client, boardLocked };
}
