// Customer feedback on a card: the server's summary (`feedback`: count, mean rating, the three
// latest quotes), read leniently; data-draw.ts draws it as a count line and one line per quote.
import type { Json, Props } from '../model/types';

export interface Quote { text: string; date?: string; rating?: number; channel?: string }
export interface FeedbackSummary { count: number; rating: number | null; quotes: Quote[] }

export const FEEDBACK_HEAD_H = 20;
export const QUOTE_H = 17;

/** The card's summary, or null when it has none (or an unreadable one). */
export function feedbackOf(p: Readonly<Props>): FeedbackSummary | null {
  const f = p.feedback as Json | undefined;
  if (!f || typeof f !== 'object' || Array.isArray(f) || typeof f.count !== 'number' || f.count <= 0) return null;
  const quotes: Quote[] = [];
  if (Array.isArray(f.quotes)) {
    for (const q of f.quotes) {
      if (q && typeof q === 'object' && !Array.isArray(q) && typeof q.text === 'string') {
        quotes.push({
          text: q.text,
          ...(typeof q.date === 'string' ? { date: q.date } : {}),
          ...(typeof q.rating === 'number' ? { rating: q.rating } : {}),
          ...(typeof q.channel === 'string' ? { channel: q.channel } : {}),
        });
      }
    }
  }
  return { count: f.count, rating: typeof f.rating === 'number' ? f.rating : null, quotes: quotes.slice(0, 3) };
}

export function feedbackHeight(f: FeedbackSummary | null): number {
  return f ? FEEDBACK_HEAD_H + f.quotes.length * QUOTE_H + 2 : 0;
}

