import type { LaneKind } from '../model/types';

/** Lane accent (header stripe) and default card fill per lane kind. */
export const LANE_STYLE: Record<LaneKind, { accent: string; card: string }> = {
  persona: { accent: '#7048e8', card: '#f3f0ff' },
  actions: { accent: '#1c7ed6', card: '#e7f5ff' },
  touchpoints: { accent: '#0c8599', card: '#e3fafc' },
  channels: { accent: '#1098ad', card: '#e6fcf5' },
  thoughts: { accent: '#f59f00', card: '#fff9db' },
  emotions: { accent: '#e64980', card: '#fff0f6' },
  painpoints: { accent: '#e03131', card: '#fff5f5' },
  opportunities: { accent: '#2f9e44', card: '#ebfbee' },
  owners: { accent: '#495057', card: '#f1f3f5' },
  metrics: { accent: '#5c7cfa', card: '#edf2ff' },
  backstage: { accent: '#868e96', card: '#f8f9fa' },
  custom: { accent: '#868e96', card: '#ffffff' },
};

export const PALETTE = ['#fff3bf', '#ffd8a8', '#ffc9c9', '#fcc2d7', '#d0bfff', '#a5d8ff', '#96f2d7', '#b2f2bb', '#e9ecef', '#ffffff'];
export const INK_PALETTE = ['#212529', '#1971c2', '#e03131', '#2f9e44', '#f08c00', '#9c36b5'];

export const COLORS = {
  bg: '#f4f5f7',
  dot: '#dfe2e6',
  gridLine: '#dee2e6',
  header: '#ffffff',
  headerText: '#212529',
  subText: '#868e96',
  laneAlt: '#fbfbfc',
  lane: '#ffffff',
  select: '#228be6',
  good: '#2b8a3e',
  goodBg: '#d3f9d8',
  neutral: '#e67700',
  neutralBg: '#fff3bf',
  bad: '#c92a2a',
  badBg: '#ffe3e3',
  mot: '#f08c00',
};

export const FONT_FAMILY = `system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`;

export type Tone = 'good' | 'neutral' | 'bad';
// metric values may have decimals (means of survey answers)
export const csatTone = (v: number): Tone => (v >= 4 ? 'good' : v >= 3 ? 'neutral' : 'bad');
export const npsTone = (v: number): Tone => (v >= 30 ? 'good' : v >= 0 ? 'neutral' : 'bad');
/** CES: higher means more effort, so low is good. */
export const cesTone = (v: number): Tone => (v <= 3 ? 'good' : v <= 4 ? 'neutral' : 'bad');
export const emotionTone = (v: number): Tone => (v > 0 ? 'good' : v === 0 ? 'neutral' : 'bad');
export function metricTone(m: 'csat' | 'nps' | 'ces', v: number): Tone {
  return m === 'csat' ? csatTone(v) : m === 'nps' ? npsTone(v) : cesTone(v);
}

/** Dark enough text colour on a given fill (remembered per fill: asked for every card of every frame). */
const textOnCache = new Map<string, string>();
export function textOn(fill: string): string {
  let c = textOnCache.get(fill);
  if (c === undefined) {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
    if (!m) c = '#212529';
    else {
      const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16));
      c = 0.299 * r + 0.587 * g + 0.114 * b < 140 ? '#ffffff' : '#212529';
    }
    if (textOnCache.size > 500) textOnCache.clear();
    textOnCache.set(fill, c);
  }
  return c;
}

export const TONE_FG: Record<Tone, string> = { good: COLORS.good, neutral: COLORS.neutral, bad: COLORS.bad };
export const TONE_BG: Record<Tone, string> = { good: COLORS.goodBg, neutral: COLORS.neutralBg, bad: COLORS.badBg };
