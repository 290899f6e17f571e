// What a WebSocket close code means for the client (PROTOCOL.md "error"): come back and resume
// with `hello.lastSeq`, or stop for good and say why.
import { CloseCode } from '../protocol/messages';

export type CloseAction = 'resume' | 'final';

/** Closes after which the same link or tab must not come back: reconnecting cannot help. */
const FINAL: ReadonlySet<number> = new Set([
  CloseCode.UNSUPPORTED_VERSION, // a new page is needed
  CloseCode.UNAUTHORIZED, // a wrong, rotated or revoked link
  CloseCode.REMOVED, // the facilitator removed this person
  CloseCode.BOARD_NOT_FOUND, // deleted, or never existed
]);

/**
 * Everything else resumes: a dropped network (1006, no code), the server going away (1001) or
 * restarting (1012), a board that cannot be loaded right now (4503), a socket the server closed
 * because it read too slowly (4408), my own heartbeat giving up (4000), a missed hello (1008).
 */
export function closeAction(code: number | undefined): CloseAction {
  return code !== undefined && FINAL.has(code) ? 'final' : 'resume';
}
