// Which properties each element type has, the value rule of each (./values.ts) and who may write
// them (PROTOCOL.md "Element model"; Java: protocol's `PropertyTable`).
import type { ElementType, Props } from './types';
import { KANO_VALUES, LANE_KINDS, STATUSES } from './types';
import * as V from './values';

export { DEFAULT_LIMITS, isObj, isValidId, isValidIndex, codePoints } from './values';
export type { Limits } from './values';

interface Prop { check: V.Check; types: readonly ElementType[] }

/** Every type of the map (the annotations, comments and versions, have their own few properties). */
const ALL: readonly ElementType[] = ['stage', 'lane', 'card', 'sticky', 'text', 'shape', 'connector', 'ink', 'department'];
const DRAWN = ALL.filter((t) => t !== 'department');
const MAX_TIME = 9007199254740991;
/** Ids a comment may mention (departments). */
export const MAX_MENTIONS = 20;
const PRIVATE_TYPES: readonly ElementType[] = ['card', 'sticky', 'text', 'shape', 'connector', 'ink'];
const CARD: readonly ElementType[] = ['card'];

const PROPS: Record<string, Prop> = {
  title: { check: V.text, types: ['stage', 'lane', 'department'] },
  labels: { check: V.labels, types: ['stage', 'lane', 'department'] },
  kind: { check: V.oneOf(LANE_KINDS), types: ['lane'] },
  scope: { check: V.idList(50), types: ['stage', 'lane'] },
  stage: { check: V.ref, types: CARD },
  text: { check: V.text, types: ['card', 'sticky', 'text', 'shape', 'comment'] },
  color: { check: V.color, types: ALL },
  emotion: { check: V.whole(-2, 2), types: CARD },
  mot: { check: V.bool, types: CARD },
  kano: { check: V.oneOf(KANO_VALUES), types: CARD },
  owner: { check: V.text, types: CARD },
  votes: { check: V.whole(0, V.MAX_INT), types: ['card', 'sticky'] },
  ext: { check: V.ext, types: CARD },
  keywords: { check: V.keywords, types: CARD },
  feedback: { check: V.feedback, types: CARD },
  impact: { check: V.whole(1, 5), types: CARD },
  effort: { check: V.whole(1, 5), types: CARD },
  top: { check: V.whole(1, V.MAX_INT), types: CARD },
  addresses: { check: V.idList(50), types: CARD },
  dept: { check: V.ref, types: CARD },
  status: { check: V.oneOf(STATUSES), types: CARD },
  due: { check: V.date, types: CARD },
  measure: { check: V.measure, types: CARD },
  persona: { check: V.ref, types: CARD },
  name: { check: V.text, types: ['card', 'version'] },
  quote: { check: V.text, types: CARD },
  goals: { check: V.text, types: CARD },
  frustrations: { check: V.text, types: CARD },
  image: { check: V.imageId, types: CARD },
  emotionRounds: { check: V.emotionRounds, types: ['card', 'stage'] },
  x: { check: V.finite, types: ['sticky', 'text', 'shape', 'ink'] },
  y: { check: V.finite, types: ['sticky', 'text', 'shape', 'ink'] },
  w: { check: V.positive, types: ['sticky', 'text', 'shape'] },
  h: { check: V.positive, types: ['sticky', 'text', 'shape'] },
  shape: { check: V.oneOf(['rect', 'ellipse']), types: ['shape'] },
  from: { check: V.ref, types: ['connector'] },
  to: { check: V.ref, types: ['connector'] },
  points: { check: V.points, types: ['ink'] },
  size: { check: V.number({ min: 1, max: 200 }), types: ['text', 'ink'] },
  locked: { check: V.bool, types: DRAWN },
  private: { check: V.ref, types: PRIVATE_TYPES },
  // comments (./comments.ts) and named versions
  author: { check: V.text, types: ['comment', 'version'] },
  by: { check: V.ref, types: ['comment'] },
  at: { check: V.whole(0, MAX_TIME), types: ['comment', 'version'] },
  resolved: { check: V.bool, types: ['comment'] },
  replyTo: { check: V.ref, types: ['comment'] },
  mentions: { check: V.idList(MAX_MENTIONS), types: ['comment'] },
  seq: { check: V.whole(0, MAX_TIME), types: ['version'] },
};
for (const [m, r] of Object.entries(V.METRIC_RANGES)) {
  PROPS[m] = { check: V.number(r), types: CARD };
  PROPS[`${m}N`] = { check: V.whole(0, V.MAX_INT), types: CARD };
  PROPS[`${m}Target`] = { check: V.number(r), types: CARD };
  PROPS[`${m}History`] = { check: V.history(r), types: CARD };
}

/** The properties of each element type. */
export const PROPS_BY_TYPE: Record<ElementType, readonly string[]> = Object.fromEntries(
  [...ALL, 'comment', 'version'].map((t) => [t, Object.keys(PROPS).filter((k) => PROPS[k].types.includes(t as ElementType))]),
) as unknown as Record<ElementType, readonly string[]>;

/** The value check of `name` on a `type`; throws INVALID_VALUE if the type has no such property. */
export function ruleOf(type: ElementType, name: string): V.Check {
  const p = Object.prototype.hasOwnProperty.call(PROPS, name) ? PROPS[name] : undefined;
  if (!p || !p.types.includes(type)) V.invalid(`'${name}' is not a property of a ${type}`);
  return p.check;
}

/** Properties an element of the type cannot exist without. */
export const REQUIRED: Partial<Record<ElementType, readonly string[]>> = {
  card: ['stage'],
  connector: ['from', 'to'],
  lane: ['kind'],
};

/**
 * Written only by the server's own edits: any client op naming one (create props, set or unset)
 * is FORBIDDEN for every role. The value says why, for the message.
 */
export const SERVER_ONLY: Readonly<Record<string, string>> = {
  private: 'is written by the server while private writing is on',
  votes: 'is written by the server at the close of a vote',
  feedback: 'is written by the server from imported feedback',
  emotionRounds: 'is written by the server at the close of an emotion round',
};
export const isServerOnly = (prop: string): boolean => Object.prototype.hasOwnProperty.call(SERVER_ONLY, prop);

/** Set and unset by facilitators only: locks, the TOP-N ranking, department scopes. */
export const FACILITATOR_ONLY: readonly string[] = ['locked', 'top', 'scope'];

/** Properties naming an element the element depends on: deleting the target deletes it. */
export const DEPENDENCIES: readonly string[] = ['stage', 'from', 'to', 'replyTo'];

/** A copy of props without the server-only ones: what a client may put into a create of its own. */
export function withoutServerOnly(props: Readonly<Props>): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) if (!isServerOnly(k)) out[k] = v;
  return out;
}

/** Stages, lanes and departments: facilitator-only, at the root, never private. */
export function isStructural(type: ElementType): boolean {
  return type === 'stage' || type === 'lane' || type === 'department';
}
