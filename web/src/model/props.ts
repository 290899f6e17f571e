// Which properties each element type has and which values they take (PROTOCOL.md "Element
// model"; Java: protocol's `PropertyRules`).
import type { ElementType, ErrorCode, Json } from './types';
import { KANO_VALUES, LANE_KINDS } from './types';

export interface Limits { maxElements: number; maxTextLength: number; maxOpsPerMessage: number }
export const DEFAULT_LIMITS: Limits = { maxElements: 20000, maxTextLength: 10000, maxOpsPerMessage: 500 };

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const INDEX_RE = /^[0-9A-Za-z]{0,63}[1-9A-Za-z]$/;
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

export const isValidId = (s: unknown): s is string => typeof s === 'string' && ID_RE.test(s);
export const isValidIndex = (s: unknown): s is string => typeof s === 'string' && INDEX_RE.test(s);
export const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Length in Unicode code points, as the server counts text limits. */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

type PropCheck = (v: Json, limits: Limits) => ErrorCode | null;

const str: PropCheck = (v, l) => (typeof v !== 'string' ? 'INVALID_VALUE' : codePoints(v) > l.maxTextLength ? 'TOO_LARGE' : null);
const int = (min: number, max: number): PropCheck => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : 'INVALID_VALUE';
const finite: PropCheck = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'INVALID_VALUE');
const positive: PropCheck = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? null : 'INVALID_VALUE');
const oneOf = (values: readonly string[]): PropCheck => (v) => (typeof v === 'string' && values.includes(v) ? null : 'INVALID_VALUE');
const bool: PropCheck = (v) => (typeof v === 'boolean' ? null : 'INVALID_VALUE');
const idRef: PropCheck = (v) => (isValidId(v) ? null : 'INVALID_VALUE');

/** The value check of each property. */
export const PROP_CHECKS: Record<string, PropCheck> = {
  title: str,
  labels: (v, l) => {
    if (!isObj(v)) return 'INVALID_VALUE';
    for (const [k, t] of Object.entries(v)) {
      if (k !== 'zh' && k !== 'en') return 'INVALID_VALUE';
      const code = str(t, l);
      if (code) return code;
    }
    return null;
  },
  kind: oneOf(LANE_KINDS),
  stage: idRef,
  text: str,
  color: (v) => (typeof v === 'string' && COLOR_RE.test(v) ? null : 'INVALID_VALUE'),
  emotion: int(-2, 2),
  mot: bool,
  kano: oneOf(KANO_VALUES),
  csat: int(1, 5),
  nps: int(-100, 100),
  ces: int(1, 7),
  owner: str,
  votes: int(0, 2147483647),
  locked: bool,
  private: idRef,
  x: finite,
  y: finite,
  w: positive,
  h: positive,
  shape: oneOf(['rect', 'ellipse']),
  from: idRef,
  to: idRef,
  points: (v) => {
    if (!Array.isArray(v) || v.length < 2 || v.length > 2000 || v.length % 2 !== 0) return 'INVALID_VALUE';
    for (const p of v) if (typeof p !== 'number' || !Number.isFinite(p)) return 'INVALID_VALUE';
    return null;
  },
  size: (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 200 ? null : 'INVALID_VALUE'),
};

export const PROPS_BY_TYPE: Record<ElementType, readonly string[]> = {
  stage: ['title', 'labels', 'color', 'locked'],
  lane: ['title', 'labels', 'kind', 'color', 'locked'],
  card: ['stage', 'text', 'color', 'emotion', 'mot', 'kano', 'csat', 'nps', 'ces', 'owner', 'votes', 'locked', 'private'],
  sticky: ['text', 'color', 'votes', 'x', 'y', 'w', 'h', 'locked', 'private'],
  text: ['text', 'color', 'x', 'y', 'w', 'h', 'size', 'locked', 'private'],
  shape: ['text', 'color', 'x', 'y', 'w', 'h', 'shape', 'locked', 'private'],
  connector: ['color', 'from', 'to', 'locked', 'private'],
  ink: ['color', 'x', 'y', 'points', 'size', 'locked', 'private'],
};

/** Properties an element of the type cannot exist without. */
export const REQUIRED: Partial<Record<ElementType, readonly string[]>> = {
  card: ['stage'],
  connector: ['from', 'to'],
  lane: ['kind'],
};

/** Set by facilitators (`locked`) and the server (`private`) only. */
export const FACILITATOR_ONLY: readonly string[] = ['locked', 'private'];

/** Properties naming another element that must exist. */
export const REFERENCES: readonly string[] = ['stage', 'from', 'to'];

export function isStructural(type: ElementType): boolean {
  return type === 'stage' || type === 'lane';
}
