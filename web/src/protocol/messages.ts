// The message vocabulary of the wire protocol (protocol/PROTOCOL.md; Java:
// protocol's `message.ClientMessage`, `ServerMessage` and `FacilitatorAction`), as types only.
// Every send and every handler of the client uses these unions.
import type { BoardElement, ErrorCode, Op, Role } from '../model/types';

export interface Point { x: number; y: number }
export interface Viewport { x: number; y: number; w: number; h: number; zoom: number }
export interface Participant { id: string; name: string; color: string; role: Role }

// ------------------------------------------------------------------ client → server

export interface HelloMsg { type: 'hello'; v: 1; name: string; client: string; lastSeq?: number }
export interface OpsMsg { type: 'ops'; cid: number; baseSeq: number; ops: Op[] }
/** Any field may be omitted (keeps its last value) or null (clears it). */
export interface PresenceFields { cursor?: Point | null; selection?: string[] | null; viewport?: Viewport | null }
export interface PresenceMsg extends PresenceFields { type: 'presence' }

/** What a facilitator can do to run the session (the `action` of a `facilitate` message). */
export type FacilitatorAction =
  | { action: 'timer.start'; durationMs: number }
  | { action: 'timer.pause' }
  | { action: 'timer.resume' }
  | { action: 'timer.add'; ms: number }
  | { action: 'timer.stop' }
  | { action: 'vote.open'; lanes: string[]; votesPerPerson: number; multiplePerCard: boolean }
  | { action: 'vote.close' }
  | { action: 'follow'; on: boolean }
  | { action: 'private'; on: boolean }
  | { action: 'lock.board'; locked: boolean }
  | { action: 'cursors.hide'; hidden: boolean }
  | { action: 'participant.role'; participant: string; role: Role }
  | { action: 'participant.remove'; participant: string }
  | { action: 'links.rotate' }
  | { action: 'version.save'; name: string }
  | { action: 'comments.viewers'; on: boolean };
export type FacilitatorActionName = FacilitatorAction['action'];
export type FacilitateMsg = { type: 'facilitate' } & FacilitatorAction;

/** A dot on a card (delta 1) or one taken back (-1), during an open vote. */
export interface VoteMsg { type: 'vote'; card: string; delta: 1 | -1 }

export type ClientMessage = HelloMsg | OpsMsg | PresenceMsg | FacilitateMsg | VoteMsg;

// ------------------------------------------------------------------ server → client

export interface BoardInfo { id: string; title: string; template: string }
export interface LimitsInfo { maxFrameBytes?: number; opsPerSecond?: number; maxElements?: number; maxTextLength?: number }

export interface WelcomeMsg {
  type: 'welcome'; v: number;
  board: BoardInfo;
  you: Participant;
  participants: Participant[];
  seq: number;
  /** exactly one of snapshot and missed is non-null */
  snapshot: { seq: number; elements: BoardElement[] } | null;
  missed: AppliedMsg[] | null;
  limits?: LimitsInfo;
}
/** One step of the board's total order. */
/** `at`: when the server sequenced it (ms since 1970); `name`: the author's display name (both absent in old records). */
export interface AppliedMsg { type: 'applied'; seq: number; author: string; client: string; cid: number; ops: Op[]; at?: number; name?: string }
export interface AckMsg { type: 'ack'; cid: number; duplicate?: boolean }
export interface RejectedMsg { type: 'rejected'; cid: number; code: ErrorCode; message?: string }
export interface ErrorMsg { type: 'error'; code: ErrorCode; message?: string }
export interface JoinedMsg { type: 'joined'; participant: Participant }
export interface LeftMsg { type: 'left'; id: string }
export interface PeerPresence extends PresenceFields { id: string }
export interface PeersMsg { type: 'presence'; peers: PeerPresence[] }

export type TimerPhase = 'idle' | 'running' | 'paused' | 'ended';
/** endsAt: server epoch millis when a running timer ends */
export interface TimerInfo { state: TimerPhase; durationMs: number; remainingMs: number; endsAt?: number | null }
export interface VoteConfig { lanes: string[]; votesPerPerson: number; multiplePerCard: boolean }
/** The facilitation session's state: sent on join and whenever it changes. */
export interface SessionMsg {
  type: 'session';
  timer: TimerInfo | null;
  vote: VoteConfig | null;
  follow: string | null;
  privateWriting: boolean;
  boardLocked: boolean;
  cursorsHidden: boolean;
  serverTime: number;
  /** the facilitator lets viewers comment (`comments.viewers`); absent from older servers */
  viewersComment?: boolean;
}
/** During a vote, to one participant: their own dots, and the dots everyone cast in all. */
export interface VotesMsg { type: 'votes'; mine: Record<string, number>; remaining: number; cast: number }
export interface RankedCard { card: string; votes: number }
export interface VoteResultMsg { type: 'voteResult'; ranked: RankedCard[] }
/** A participant's role changed. */
export interface ParticipantMsg { type: 'participant'; participant: Participant }
/** To facilitators after `links.rotate`: links and tokens by role (facilitator, edit, view). */
export interface LinksMsg { type: 'links'; links: Record<string, string>; tokens?: Record<string, string> }
/** Several messages in one frame, handled in order as if they had come one by one. */
export interface BatchMsg { type: 'batch'; messages: ServerMessage[] }

/** The messages about the facilitation session (the session store handles these). */
export type SessionMessage = SessionMsg | VotesMsg | VoteResultMsg | ParticipantMsg | LinksMsg;

export type ServerMessage =
  | WelcomeMsg | AppliedMsg | AckMsg | RejectedMsg | ErrorMsg | JoinedMsg | LeftMsg | PeersMsg | BatchMsg
  | SessionMessage;

// ------------------------------------------------------------------ close codes

/** WebSocket close codes the server uses (PROTOCOL.md "error"). */
export const CloseCode = {
  UNSUPPORTED_VERSION: 4400,
  /** a wrong token, or the facilitator replaced the links */
  UNAUTHORIZED: 4401,
  /** removed by the facilitator */
  REMOVED: 4403,
  BOARD_NOT_FOUND: 4404,
  BOARD_UNAVAILABLE: 4503,
} as const;

/** Closes after which the client must not come back with the same link or tab. */
export const FINAL_CLOSE_CODES: readonly number[] = [CloseCode.REMOVED, CloseCode.UNAUTHORIZED];
