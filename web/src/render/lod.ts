// Level of detail by zoom. At full detail (from 80 %) a card shows all its text and badges as
// laid out. Below that, text of 14 world px would be too small to read, so cards are drawn with
// a font of about 12 screen px instead: their text cut to what fits in the card (one or two
// lines, with an ellipsis) and their key badges as chips. The geometry never changes with the
// zoom (cursors, viewports and free items keep their world coordinates); only what is drawn in a
// card does. Zoom is cut into buckets; within one the world sizes are fixed, so each card's cut
// text is computed once per bucket and layout (cached here) and re-used for every frame.
import type { CardBox } from './layout';
import type { TextLayout } from './text';
import { FONT_FAMILY } from './theme';

/** From this zoom on, everything is drawn as laid out. */
export const FULL_DETAIL_ZOOM = 0.8;
/** Below this zoom, cards are plain blocks. */
export const BLOCK_ZOOM = 0.25;
/**
 * The lower edge of each low-zoom bucket (about 18 % apart); its sizes are meant for the middle
 * of the bucket, so the text stays within ±9 % of its size on screen.
 */
const BUCKETS = [0.68, 0.575, 0.487, 0.413, 0.35, 0.296, BLOCK_ZOOM];
const EDGES = [FULL_DETAIL_ZOOM, ...BUCKETS];
/** screen pixels: text, its line height, the chips' font and height, the padding */
const TEXT_PX = 12.5;
const LINE_PX = 14.5;
const CHIP_PX = 10;
const CHIP_H_PX = 13;
const PAD_PX = 2;
const MAX_LINES = 2;
/** a card too low for a line of text gets a smaller one, down to this share of the size, else none */
const MIN_SCALE = 0.6;

export interface Lod {
  /** 0 full detail, 1 screen-sized text and chips, 2 blocks */
  level: 0 | 1 | 2;
  /** the bucket's zoom (its lower edge); world sizes are screen sizes divided by it */
  ref: number;
  bucket: number;
}

export function lodFor(zoom: number): Lod {
  if (zoom >= FULL_DETAIL_ZOOM) return { level: 0, ref: 1, bucket: -1 };
  if (zoom < BLOCK_ZOOM) return { level: 2, ref: zoom, bucket: BUCKETS.length };
  const bucket = BUCKETS.findIndex((b) => zoom >= b);
  return { level: 1, ref: Math.sqrt(EDGES[bucket] * EDGES[bucket + 1]), bucket };
}

/** World sizes of one bucket. */
export interface LowSizes { font: string; chipFont: string; lineH: number; chipH: number; pad: number; fontPx: number }

const sizesCache = new Map<number, LowSizes>();
export function lowSizes(lod: Lod): LowSizes {
  let s = sizesCache.get(lod.bucket);
  if (!s) {
    const k = 1 / lod.ref;
    const fontPx = Math.round(TEXT_PX * k * 10) / 10;
    s = {
      fontPx,
      font: `${fontPx}px ${FONT_FAMILY}`,
      chipFont: `600 ${Math.round(CHIP_PX * k * 10) / 10}px ${FONT_FAMILY}`,
      lineH: LINE_PX * k, chipH: CHIP_H_PX * k, pad: PAD_PX * k,
    };
    sizesCache.set(lod.bucket, s);
  }
  return s;
}

export interface Chip { text: string; fg: string; bg: string; x: number; w: number }
/** What a card shows at low zoom; offsets are relative to the card's top-left corner. */
export interface LowCard {
  lines: string[]; chips: Chip[]; chipY: number;
  /** a card too low for the bucket's line: its own smaller font, line height and padding */
  font?: string; lineH?: number; pad?: number;
}

/**
 * The text lines and key badges that fit in a card at a low-zoom bucket: the chips get a row
 * below the text when the card has room for two rows, else they share the single line with the
 * text (which keeps at least half of it).
 */
export function lowCard(b: CardBox, sz: LowSizes, text: TextLayout): LowCard {
  const raw = (b.el.props.text as string) ?? '';
  if (b.h < sz.lineH + 2 * sz.pad) {
    // one line squeezed in: less padding first, then a smaller font, never text out of the card
    const scale = Math.min(1, b.h / (sz.lineH * 1.1));
    if (scale < MIN_SCALE) return { lines: [], chips: [], chipY: 0 };
    const fontPx = Math.round(sz.fontPx * scale * 10) / 10;
    const font = sz.font.replace(/^[\d.]+px/, `${fontPx}px`);
    const pad = Math.max(0, (b.h - sz.lineH * scale) / 2);
    const line = text.ellipsize(raw, font, b.w - 2 * Math.max(pad, sz.pad / 2));
    return { lines: line ? [line] : [], chips: [], chipY: 0, font, lineH: sz.lineH * scale, pad };
  }
  const innerW = b.w - 2 * sz.pad;
  const rows = Math.max(1, Math.floor((b.h - 2 * sz.pad) / sz.lineH));
  const keys = b.badges.filter((x) => x.key);
  const gap = sz.pad;
  const chipW = (s: string) => text.width(s, sz.chipFont) + 2 * sz.pad;
  const placeChips = (x0: number, maxX: number): Chip[] => {
    const out: Chip[] = [];
    let x = x0;
    for (const k of keys) {
      const w = chipW(k.text);
      if (x + w > maxX) break;
      out.push({ text: k.text, fg: k.fg, bg: k.bg, x, w });
      x += w + gap;
    }
    return out;
  };
  if (!keys.length || rows >= 2) {
    const lines = text.clamp(raw, sz.font, innerW, Math.min(MAX_LINES, keys.length ? rows - 1 : rows));
    const chips = keys.length ? placeChips(sz.pad, b.w - sz.pad) : [];
    const chipY = sz.pad + lines.length * sz.lineH + (sz.lineH - sz.chipH) / 2;
    return { lines, chips, chipY };
  }
  // one row: the text first (at least 60 % of it), the chips that still fit after it
  const full = [text.ellipsize(raw, sz.font, innerW)];
  const fullW = text.width(full[0], sz.font);
  const chipsW = keys.reduce((w, k) => w + chipW(k.text) + gap, 0);
  const room = Math.max(innerW * 0.6, innerW - chipsW);
  const lines = fullW <= room ? full : [text.ellipsize(raw, sz.font, room)];
  const textW = Math.min(room, text.width(lines[0] ?? '', sz.font));
  const chips = placeChips(sz.pad + textW + gap, b.w - sz.pad);
  // no chip fits beside it: the text gets the whole line
  return { lines: chips.length ? lines : full, chips, chipY: sz.pad + (sz.lineH - sz.chipH) / 2 };
}

/** Cut text per card box, per bucket: a new layout makes new boxes, so old entries just go. */
export class LowCardCache {
  private readonly byBucket = new Map<number, WeakMap<CardBox, LowCard>>();

  constructor(private readonly text: TextLayout) {}

  get(b: CardBox, lod: Lod): LowCard {
    let m = this.byBucket.get(lod.bucket);
    if (!m) this.byBucket.set(lod.bucket, (m = new WeakMap()));
    let c = m.get(b);
    if (!c) m.set(b, (c = lowCard(b, lowSizes(lod), this.text)));
    return c;
  }
}
