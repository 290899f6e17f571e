// The WebSocket as the sync client sees it, and what it tells its listeners.
import type { Change } from '../model/doc';
import type { ErrorCode } from '../model/types';
import type { AppliedMsg, FeedbackMsg, Participant, Point, ServerMessage, SessionMessage, Viewport, WelcomeMsg } from '../protocol/messages';

export type ConnState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** Why the client gave up: a fatal server error (or the HTTP API's verdict), or a final close code. */
export type Failure =
  | { kind: 'error'; code: ErrorCode; message: string }
  | { kind: 'closed'; closeCode: number; reason: string };

// Handlers checked bivariantly (as methods are), so the browser's WebSocket, whose handlers take
// DOM events, is a SocketLike as it is, and a test socket can pass plain objects.
type Handler<E> = { bivariance(ev: E): void }['bivariance'];

export interface SocketLike {
  binaryType: string;
  readyState: number;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code?: number; reason?: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface PeerState extends Participant {
  cursor: Point | null;
  selection: string[];
  viewport: Viewport | null;
  /** the element whose text they are typing into */
  editing: string | null;
}

/** The board went back to an earlier state on the server (welcome `behind`). */
export interface WentBack { clientSeq: number; serverSeq: number; resent: number }

export interface SyncEvents {
  /** The visible document changed ('all' when a snapshot arrived or pending edits were rebased). */
  change(changes: Change[] | 'all', local: boolean): void;
  state(state: ConnState): void;
  welcome(msg: WelcomeMsg): void;
  /** One of my messages was refused; its ops were rolled back. */
  rejected(code: ErrorCode, message: string): void;
  /** An `error` message from the server (a fatal one is followed by `failed`). */
  error(code: ErrorCode, message: string): void;
  /** The client gave up for good (state 'failed'). */
  failed(failure: Failure): void;
  peers(): void;
  /** Someone's edit reached the confirmed document (mine included: compare `client`). */
  applied(msg: AppliedMsg): void;
  /** A message about the facilitation session (session, votes, voteResult, participant, links). */
  session(msg: SessionMessage): void;
  /** Pending edits changed in number, or saving paused or resumed (the store refused an edit). */
  outbox(): void;
  /** The server's board is older than what I had: I took its snapshot and re-sent what I hold. */
  wentBack(info: WentBack): void;
  /** An edit of the board's order was applied to the confirmed document (`change` follows): who made it, for the UI. */
  applied(msg: AppliedMsg): void;
  /** The board's feedback log changed (import, tag): feedback lists are stale. */
  feedback(msg: FeedbackMsg): void;
}

const decoder = new TextDecoder();

/** A frame's JSON message (text, or UTF-8 in a binary frame), or null when it is not JSON. */
export function decodeFrame(data: unknown): ServerMessage | null {
  let text: string;
  if (typeof data === 'string') text = data;
  else if (data instanceof ArrayBuffer) text = decoder.decode(new Uint8Array(data));
  else if (ArrayBuffer.isView(data)) text = decoder.decode(data);
  else return null;
  try {
    return JSON.parse(text) as ServerMessage;
  } catch {
    return null;
  }
}
