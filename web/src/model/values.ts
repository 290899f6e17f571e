// The value rules of properties, each throwing INVALID_VALUE (or TOO_LARGE for long text) with the
// message Java's `PropertyRules` / `CompositeRules` give: `where` is `type.prop` and the path inside
// it. Composite values are checked in a fixed order (unknown fields, missing fields, then each
// field as documented) so that both implementations report the same first fault.
import type { Json } from './types';
import { OpError } from './types';

export interface Limits { maxElements: number; maxTextLength: number; maxOpsPerMessage: number }
export const DEFAULT_LIMITS: Limits = { maxElements: 20000, maxTextLength: 10000, maxOpsPerMessage: 500 };

/** A property's value check; throws OpError. */
export type Check = (where: string, v: Json | undefined, limits: Limits) => void;

/** A closed range of whole numbers, as messages print it. */
export interface Range { readonly min: number; readonly max: number }
const range = (min: number, max: number): Range => ({ min, max });
const show = (r: Range) => `from ${r.min} to ${r.max}`;

export const METRIC_RANGES: Readonly<Record<string, Range>> = { csat: range(1, 5), nps: range(-100, 100), ces: range(1, 7) };
const METRIC_NAMES = ['csat', 'nps', 'ces'];
export const MAX_INT = 2147483647;
const RATING = range(0, 10);
const EMOTION = range(-2, 2);
const SPREAD = range(0, 2);
/** Milliseconds since 1970 up to 2^53 - 1. */
const MAX_TIME = 9007199254740991;

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const INDEX_RE = /^[0-9A-Za-z]{0,63}[1-9A-Za-z]$/;
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;
const EXT_RE = /^[A-Za-z0-9_.:-]{1,64}$/;
const DATE_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export const isValidId = (s: unknown): s is string => typeof s === 'string' && ID_RE.test(s);
export const isValidIndex = (s: unknown): s is string => typeof s === 'string' && INDEX_RE.test(s);
export const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function invalid(message: string): never {
  throw new OpError('INVALID_VALUE', message);
}

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

/** `YYYY-MM-DD` naming a day of the (proleptic Gregorian) calendar, year 1 to 9999. */
export function isDate(s: unknown): s is string {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  return d <= days;
}

const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isWhole = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export const text: Check = (where, v, l) => {
  if (typeof v !== 'string') invalid(`${where} must be a string`);
  if (codePoints(v) > l.maxTextLength) throw new OpError('TOO_LARGE', `${where} is longer than ${l.maxTextLength} characters`);
};
export const oneOf = (values: readonly string[]): Check => (where, v) => {
  if (typeof v !== 'string' || !values.includes(v)) invalid(`${where} must be one of ${values.join(', ')}`);
};
export const whole = (min: number, max: number): Check => (where, v) => {
  if (!isWhole(v, min, max)) invalid(`${where} must be an integer from ${min} to ${max}`);
};
export const number = (r: Range): Check => (where, v) => {
  if (!isFinite(v) || v < r.min || v > r.max) invalid(`${where} must be a number ${show(r)}`);
};
export const finite: Check = (where, v) => {
  if (!isFinite(v)) invalid(`${where} must be a finite number`);
};
export const positive: Check = (where, v) => {
  if (!isFinite(v) || !(v > 0)) invalid(`${where} must be a number above 0`);
};
export const bool: Check = (where, v) => {
  if (typeof v !== 'boolean') invalid(`${where} must be true or false`);
};
export const color: Check = (where, v) => {
  if (typeof v !== 'string' || !COLOR_RE.test(v)) invalid(`${where} must be a colour #rrggbb`);
};
export const ref: Check = (where, v) => {
  if (!isValidId(v)) invalid(`${where} must be an element id`);
};
export const date: Check = (where, v) => {
  if (!isDate(v)) invalid(`${where} must be a calendar date YYYY-MM-DD`);
};
export const ext: Check = (where, v) => {
  if (typeof v !== 'string' || !EXT_RE.test(v)) invalid(`${where} must be 1 to 64 of the characters A-Z a-z 0-9 _ . : -`);
};
export const imageId: Check = (where, v) => {
  if (!isValidId(v)) invalid(`${where} must be an image id (1 to 64 of A-Z a-z 0-9 _ -)`);
};
export const points: Check = (where, v) => {
  if (!Array.isArray(v) || v.length < 2 || v.length > 2000 || v.length % 2 !== 0) invalid(`${where} must be an array of 2..2000 numbers of even length`);
  for (const p of v) if (!isFinite(p)) invalid(`${where} must hold finite numbers`);
};

/** `a, b and c` */
function and(words: readonly string[]): string {
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** An own field of a JSON object (never one of Object.prototype's). */
const has = (o: Record<string, Json>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** An object with only `allowed` fields and every `required` one. */
function fields(where: string, v: Json | undefined, allowed: readonly string[], required: readonly string[], shape: string): asserts v is Record<string, Json> {
  if (!isObj(v)) invalid(`${where} must be an object ${shape}`);
  for (const k of Object.keys(v)) if (!allowed.includes(k)) invalid(`${where} has only the fields ${and(allowed)}`);
  for (const r of required) if (!has(v, r)) invalid(`${where} needs ${and(required)}`);
}

export const labels: Check = (where, v, l) => {
  fields(where, v, ['zh', 'en'], ['zh', 'en'], '{zh, en}');
  text(`${where}.zh`, v.zh, l);
  text(`${where}.en`, v.en, l);
};

export const keywords: Check = (where, v) => {
  if (!Array.isArray(v) || v.length > 20) invalid(`${where} must be an array of at most 20 keywords`);
  v.forEach((k, i) => {
    const n = typeof k === 'string' ? codePoints(k) : 0;
    if (n < 1 || n > 40) invalid(`${where}[${i}] must be a string of 1 to 40 characters`);
  });
};

export const idList = (max: number): Check => (where, v) => {
  if (!Array.isArray(v) || v.length > max) invalid(`${where} must be an array of at most ${max} element ids`);
  const seen = new Set<string>();
  v.forEach((id, i) => {
    ref(`${where}[${i}]`, id, DEFAULT_LIMITS);
    if (seen.has(id as string)) invalid(`${where} names '${id}' twice`);
    seen.add(id as string);
  });
};

/** Readings oldest first: strictly increasing dates, values in the metric's range. */
export const history = (r: Range): Check => (where, v) => {
  if (!Array.isArray(v) || v.length > 60) invalid(`${where} must be an array of at most 60 readings {at, value}`);
  let previous: string | null = null;
  v.forEach((item, i) => {
    const w = `${where}[${i}]`;
    fields(w, item, ['at', 'value'], ['at', 'value'], '{at, value}');
    date(`${w}.at`, item.at, DEFAULT_LIMITS);
    const at = item.at as string;
    if (previous !== null && at <= previous) invalid(`${w}.at must be after ${previous}`);
    previous = at;
    number(r)(`${w}.value`, item.value, DEFAULT_LIMITS);
  });
};

/** The server's summary of a card's imported feedback. */
export const feedback: Check = (where, v, l) => {
  fields(where, v, ['count', 'rating', 'quotes'], ['count'], '{count, rating, quotes}');
  whole(0, MAX_INT)(`${where}.count`, v.count, l);
  if (has(v, 'rating')) number(RATING)(`${where}.rating`, v.rating, l);
  if (!has(v, 'quotes')) return;
  const quotes = v.quotes;
  if (!Array.isArray(quotes) || quotes.length > 3) invalid(`${where}.quotes must be an array of at most 3 quotes`);
  quotes.forEach((q, i) => {
    const w = `${where}.quotes[${i}]`;
    fields(w, q, ['text', 'date', 'rating', 'channel'], ['text'], '{text, date, rating, channel}');
    text(`${w}.text`, q.text, l);
    if (has(q, 'date')) date(`${w}.date`, q.date, l);
    if (has(q, 'rating')) number(RATING)(`${w}.rating`, q.rating, l);
    if (has(q, 'channel')) text(`${w}.channel`, q.channel, l);
  });
  if ((v.count as number) < quotes.length) invalid(`${where}.count must be at least the number of quotes`);
};

/** Which touchpoint metric an action should move, from what to what. */
export const measure: Check = (where, v, l) => {
  fields(where, v, ['touchpoint', 'metric', 'from', 'to'], ['touchpoint', 'metric'], '{touchpoint, metric, from, to}');
  ref(`${where}.touchpoint`, v.touchpoint, l);
  oneOf(METRIC_NAMES)(`${where}.metric`, v.metric, l);
  const r = METRIC_RANGES[v.metric as string];
  if (has(v, 'from')) number(r)(`${where}.from`, v.from, l);
  if (has(v, 'to')) number(r)(`${where}.to`, v.to, l);
};

/** Closed emotion rounds, in round order: the scores' mean, spread and count. */
export const emotionRounds: Check = (where, v, l) => {
  if (!Array.isArray(v) || v.length > 20) invalid(`${where} must be an array of at most 20 rounds`);
  let previous = 0;
  v.forEach((r, i) => {
    const w = `${where}[${i}]`;
    fields(w, r, ['round', 'label', 'at', 'mean', 'sd', 'min', 'max', 'n'], ['round', 'at', 'mean', 'sd', 'min', 'max', 'n'], '{round, label, at, mean, sd, min, max, n}');
    whole(1, MAX_INT)(`${w}.round`, r.round, l);
    const round = r.round as number;
    if (i > 0 && round <= previous) invalid(`${w}.round must be above ${previous}`);
    previous = round;
    if (has(r, 'label')) text(`${w}.label`, r.label, l);
    whole(0, MAX_TIME)(`${w}.at`, r.at, l);
    number(EMOTION)(`${w}.mean`, r.mean, l);
    number(SPREAD)(`${w}.sd`, r.sd, l);
    whole(EMOTION.min, EMOTION.max)(`${w}.min`, r.min, l);
    whole(EMOTION.min, EMOTION.max)(`${w}.max`, r.max, l);
    whole(1, MAX_INT)(`${w}.n`, r.n, l);
    const mean = r.mean as number;
    if ((r.min as number) > mean || mean > (r.max as number)) invalid(`${w} must have min <= mean <= max`);
  });
};
