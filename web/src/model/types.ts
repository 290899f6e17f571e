// Wire types of the Journey Board protocol, version 1 (see protocol/PROTOCOL.md).

export type ElementType = 'stage' | 'lane' | 'card' | 'sticky' | 'text' | 'shape' | 'connector' | 'ink';
export const ELEMENT_TYPES: readonly ElementType[] = ['stage', 'lane', 'card', 'sticky', 'text', 'shape', 'connector', 'ink'];
export const FREE_TYPES: readonly ElementType[] = ['sticky', 'text', 'shape', 'connector', 'ink'];

export type LaneKind =
  | 'persona' | 'actions' | 'touchpoints' | 'channels' | 'thoughts' | 'emotions'
  | 'painpoints' | 'opportunities' | 'owners' | 'metrics' | 'backstage' | 'custom';
export const LANE_KINDS: readonly LaneKind[] = [
  'persona', 'actions', 'touchpoints', 'channels', 'thoughts', 'emotions',
  'painpoints', 'opportunities', 'owners', 'metrics', 'backstage', 'custom',
];
export type Kano = 'must-be' | 'performance' | 'attractive' | 'indifferent' | 'reverse';
export const KANO_VALUES: readonly Kano[] = ['must-be', 'performance', 'attractive', 'indifferent', 'reverse'];

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Props = Record<string, Json>;

/** One element of a board. Treated as immutable: every change makes a new object. */
export interface BoardElement {
  readonly id: string;
  readonly type: ElementType;
  readonly parent: string | null;
  readonly index: string;
  readonly props: Readonly<Props>;
}

export interface CreateOp { op: 'create'; id: string; type: ElementType; parent: string | null; index: string; props: Props }
export interface UpdateOp { op: 'update'; id: string; set?: Props; unset?: string[] }
export interface DeleteOp { op: 'delete'; id: string }
export interface MoveOp { op: 'move'; id: string; parent?: string | null; index: string }
export interface BatchOp { op: 'batch'; ops: Op[] }
export type Op = CreateOp | UpdateOp | DeleteOp | MoveOp | BatchOp;

export type Role = 'facilitator' | 'editor' | 'viewer';

export type ErrorCode =
  | 'BAD_MESSAGE' | 'UNKNOWN_TYPE' | 'UNSUPPORTED_VERSION' | 'ELEMENT_NOT_FOUND' | 'ELEMENT_EXISTS'
  | 'CYCLE' | 'INVALID_VALUE' | 'FORBIDDEN' | 'TOO_LARGE' | 'RATE_LIMITED' | 'BOARD_NOT_FOUND'
  | 'BOARD_UNAVAILABLE' | 'UNAUTHORIZED' | 'STORE_UNAVAILABLE' | 'LOCKED';

export interface Participant { id: string; name: string; color: string; role: Role }
export interface Point { x: number; y: number }
export interface Viewport { x: number; y: number; w: number; h: number; zoom: number }

export interface AppliedMsg { type: 'applied'; seq: number; author: string; client: string; cid: number; ops: Op[] }
export interface WelcomeMsg {
  type: 'welcome'; v: number;
  board: { id: string; title: string; template: string };
  you: Participant;
  participants: Participant[];
  seq: number;
  snapshot: { seq: number; elements: BoardElement[] } | null;
  missed: AppliedMsg[] | null;
  limits?: { maxFrameBytes?: number; opsPerSecond?: number; maxElements?: number; maxTextLength?: number };
}
export interface PeerPresence { id: string; cursor?: Point | null; selection?: string[] | null; viewport?: Viewport | null }

export type ServerMsg =
  | WelcomeMsg
  | AppliedMsg
  | { type: 'ack'; cid: number; duplicate?: boolean }
  | { type: 'rejected'; cid: number; code: ErrorCode; message?: string }
  | { type: 'error'; code: ErrorCode; message?: string }
  | { type: 'joined'; participant: Participant }
  | { type: 'left'; id: string }
  | { type: 'presence'; peers: PeerPresence[] }
  | { type: 'batch'; messages: ServerMsg[] };

export class OpError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}
