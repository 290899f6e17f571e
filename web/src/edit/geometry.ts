// Rounding and rectangles for the coordinates ops carry.
import type { Rect } from '../render/layout';

/** Coordinates go on the wire with one decimal. */
export function round1(v: number): number { return Math.round(v * 10) / 10; }

export function normRect(x0: number, y0: number, x1: number, y1: number): Rect {
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) };
}
