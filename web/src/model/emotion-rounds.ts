// Reading the results of closed emotion rounds (`emotionRounds` on stages and cards, written by the
// server at each close: PROTOCOL.md "Emotion round"). Lenient like the server's readers: an entry
// of the wrong shape counts as absent.
import type { BoardElement, Json } from './types';

export interface EmotionResult { round: number; label: string | null; at: number; mean: number; sd: number; min: number; max: number; n: number }

/** A round as the board knows it: its number, label and how many targets it scored. */
export interface RoundSummary { round: number; label: string | null; at: number; targets: number }

const num = (v: Json | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The element's closed rounds, oldest first. */
export function roundsOf(el: BoardElement | undefined): EmotionResult[] {
  const list = el?.props.emotionRounds;
  if (!Array.isArray(list)) return [];
  const out: EmotionResult[] = [];
  for (const r of list) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) continue;
    const { round, at, mean, sd, min, max, n, label } = r;
    if (!num(round) || !num(at) || !num(mean) || !num(sd) || !num(min) || !num(max) || !num(n)) continue;
    out.push({ round, at, mean, sd, min, max, n, label: typeof label === 'string' && label ? label : null });
  }
  return out;
}

/** The element's result of one round, if it was scored in it. */
export function roundOn(el: BoardElement | undefined, round: number): EmotionResult | undefined {
  return roundsOf(el).find((r) => r.round === round);
}

/** The rounds held by the given elements (the board's stages, say), by round number, oldest first. */
export function roundsIn(elements: Iterable<BoardElement>): RoundSummary[] {
  const byRound = new Map<number, RoundSummary>();
  for (const el of elements) {
    for (const r of roundsOf(el)) {
      const s = byRound.get(r.round);
      if (s) { s.targets++; s.label ??= r.label; } else byRound.set(r.round, { round: r.round, label: r.label, at: r.at, targets: 1 });
    }
  }
  return [...byRound.values()].sort((a, b) => a.round - b.round);
}

/** "+0.8", "−1.25", "0": a mean as people read it (a real minus sign, no trailing zeros). */
export function formatScore(v: number): string {
  const r = Math.round(v * 100) / 100;
  if (r === 0) return '0';
  return `${r > 0 ? '+' : '−'}${Math.abs(r)}`;
}
