// Wire types of the Journey Board protocol, version 1 (see protocol/PROTOCOL.md).

/**
 * What an element is. `department` elements are the board's list of departments (root level,
 * facilitator-only, never drawn in the grid). `comment` (a thread or reply, child of the card or
 * item it is on) and `version` (a named point of the history, at the root) annotate the board and
 * are not part of the map.
 */
export type ElementType = 'stage' | 'lane' | 'card' | 'sticky' | 'text' | 'shape' | 'connector' | 'ink' | 'department' | 'comment' | 'version';
export const ELEMENT_TYPES: readonly ElementType[] = ['stage', 'lane', 'card', 'sticky', 'text', 'shape', 'connector', 'ink', 'department', 'comment', 'version'];
/** Comments and versions: not the map (restores and copies leave them alone, the grid does not draw them). */
export const isAnnotation = (t: ElementType): boolean => t === 'comment' || t === 'version';
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

/** The survey metrics a card can carry (`csat`, `csatN`, `csatTarget`, `csatHistory`, ...). */
export type Metric = 'csat' | 'nps' | 'ces';
export const METRICS: readonly Metric[] = ['csat', 'nps', 'ces'];
/** Where an action (an opportunity) stands. */
export type Status = 'idea' | 'planned' | 'in-progress' | 'done' | 'verified';
export const STATUSES: readonly Status[] = ['idea', 'planned', 'in-progress', 'done', 'verified'];

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

export type Role = 'facilitator' | 'editor' | 'commenter' | 'viewer';

/** The languages of template labels (`labels: {zh, en}`) and of the UI. */
export type Lang = 'zh' | 'en';

export type ErrorCode =
  | 'BAD_MESSAGE' | 'UNKNOWN_TYPE' | 'UNSUPPORTED_VERSION' | 'ELEMENT_NOT_FOUND' | 'ELEMENT_EXISTS'
  | 'CYCLE' | 'INVALID_VALUE' | 'FORBIDDEN' | 'TOO_LARGE' | 'RATE_LIMITED' | 'BOARD_NOT_FOUND'
  | 'BOARD_UNAVAILABLE' | 'UNAUTHORIZED' | 'STORE_UNAVAILABLE' | 'LOCKED' | 'STALE_CID';

export class OpError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}
