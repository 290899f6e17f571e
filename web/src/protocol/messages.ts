// The message vocabulary of the wire protocol (protocol/PROTOCOL.md; Java:
// protocol's `message.ClientMessage`, `ServerMessage` and `FacilitatorAction`), as types only.
// Every send and every handler of the client uses these unions.
import type { BoardElement, ErrorCode, Op, Role } from '../model/types';

export interface Point { x: number; y: number }
export interface Viewport { x: number; y: number; w: number; h: number; zoom: number }
/** `department`: id of the participant's `department` element (chosen at join or assigned by the facilitator); absent = none */
export interface Participant { id: string; name: string; color: string; role: Role; department?: string | null }

// ------------------------------------------------------------------ client → server

/**
 * `client` is the tab (cids are counted per client); `person` the browser's persistent identity,
 * shared by its tabs and kept across reloads (removals and role changes apply to it); `color` the
 * colour this person had before (#rrggbb), which a server that keeps colours per person may reuse;
 * `department` one of the board's department ids, chosen at join (INVALID_VALUE if the board has no such one).
 */
export interface HelloMsg { type: 'hello'; v: 1; name: string; client: string; person?: string; color?: string; lastSeq?: number; department?: string }
export interface OpsMsg { type: 'ops'; cid: number; baseSeq: number; ops: Op[] }
/** Any field may be omitted (keeps its last value) or null (clears it). */
export interface PresenceFields {
  cursor?: Point | null;
  selection?: string[] | null;
  viewport?: Viewport | null;
  /** the element whose text I am typing into (others see who edits a card) */
  editing?: string | null;
}
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
  | { action: 'emotion.open'; stages: string[]; label?: string }
  | { action: 'emotion.open'; cards: string[]; label?: string }
  | { action: 'emotion.close' }
  | { action: 'follow'; on: boolean }
  | { action: 'private'; on: boolean }
  | { action: 'lock.board'; locked: boolean }
  | { action: 'cursors.hide'; hidden: boolean }
  | { action: 'participant.role'; participant: string; role: Role }
  | { action: 'participant.department'; participant: string; department: string | null }
  | { action: 'participant.remove'; participant: string }
  | { action: 'links.rotate' }
  | { action: 'version.save'; name: string }
  | { action: 'comments.viewers'; on: boolean };
export type FacilitatorActionName = FacilitatorAction['action'];
export type FacilitateMsg = { type: 'facilitate' } & FacilitatorAction;

/** A dot on a card (delta 1) or one taken back (-1), during an open vote. */
export interface VoteMsg { type: 'vote'; card: string; delta: 1 | -1 }

/** My score (-2..+2) for one target of the open emotion round, or null to take it back. */
export interface EmotionMsg { type: 'emotion'; target: string; score: number | null }

export type ClientMessage = HelloMsg | OpsMsg | PresenceMsg | FacilitateMsg | VoteMsg | EmotionMsg;

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
  /**
   * The client's `lastSeq` was ahead of the board's seq: the server lost ops (a restore, a damaged
   * log). The welcome then carries a snapshot; the client shows that the board went back.
   */
  behind?: { clientSeq: number; serverSeq: number } | boolean | null;
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
/** An open emotion round: its number, label, and what is scored. */
export interface EmotionRoundInfo { round: number; label: string | null; kind: 'stages' | 'cards'; targets: string[] }
/**
 * The emotion round as I may see it (to me alone, on every change): my own scores and, per target,
 * how many people scored it; `round` is null once none is open.
 */
export interface EmotionStateMsg { type: 'emotion'; round: EmotionRoundInfo | null; mine: Record<string, number>; counts: Record<string, number>; people: number }
/** A participant's role or department changed. */
export interface ParticipantMsg { type: 'participant'; participant: Participant }
/** To facilitators after `links.rotate`: links and tokens by role (facilitator, edit, view). */
export interface LinksMsg { type: 'links'; links: Record<string, string>; tokens?: Record<string, string> }
/**
 * After a feedback import or a tag changed the board's feedback log (HTTP API): the cards whose
 * `feedback` summary changed (in the `applied` of `seq`) and how many items match no card now.
 */
export interface FeedbackMsg { type: 'feedback'; seq: number; cards: string[]; unmatched: number }
/** Several messages in one frame, handled in order as if they had come one by one. */
export interface BatchMsg { type: 'batch'; messages: ServerMessage[] }

/** The messages about the facilitation session (the session store handles these). */
export type SessionMessage = SessionMsg | VotesMsg | VoteResultMsg | ParticipantMsg | LinksMsg | EmotionStateMsg;

export type ServerMessage =
  | WelcomeMsg | AppliedMsg | AckMsg | RejectedMsg | ErrorMsg | JoinedMsg | LeftMsg | PeersMsg | BatchMsg
  | SessionMessage | FeedbackMsg;

// ------------------------------------------------------------------ close codes

/** WebSocket close codes the server uses (PROTOCOL.md "error"), and the client's own. */
export const CloseCode = {
  /** the server refused a text frame that is not valid UTF-8 */
  INVALID_DATA: 1007,
  /** the client's own heartbeat gave up on the connection (never sent by the server) */
  HEARTBEAT: 4000,
  UNSUPPORTED_VERSION: 4400,
  /** a wrong token, or the facilitator replaced the links */
  UNAUTHORIZED: 4401,
  /** removed by the facilitator */
  REMOVED: 4403,
  /** the board was deleted, or never existed */
  BOARD_NOT_FOUND: 4404,
  /** the socket did not read fast enough; its queue was dropped: resume with lastSeq */
  TOO_SLOW: 4408,
  BOARD_UNAVAILABLE: 4503,
} as const;

// ------------------------------------------------------------------ HTTP API

/** `GET /api/boards/{id}/links` (facilitators): the board's role links, and its personal links where the server has them. */
export interface BoardLinksAnswer {
  links: Record<string, string>;
  tokens?: Record<string, string>;
  personal?: PersonalLink[];
}
/** A link issued to one named person with a role; revoking it closes its sockets with 4401. */
export interface PersonalLink { id: string; name: string; role: Role; createdAt?: number; link?: string; token?: string }
/** The error body of every HTTP API answer that is not 2xx. */
export interface ApiError { code: ErrorCode | string; message?: string }
