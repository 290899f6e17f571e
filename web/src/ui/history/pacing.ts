// The pace of a session replay: the real time between two steps, divided by the speed, with long
// idle gaps (a coffee break, a night) compressed to IDLE_CAP_MS of board time, so a replay shows
// the work rather than the waiting. Steps without a time (records older than times in the log)
// are spaced by UNKNOWN_GAP_MS. Pure: Vitest covers it.

export const SPEEDS: readonly number[] = [1, 2, 5, 10, 25, 50];
/** Board time: a pause longer than this plays as this long (before the speed divides it). */
export const IDLE_CAP_MS = 3000;
export const UNKNOWN_GAP_MS = 500;
/** Screen time: no step waits less (the browser draws about 60 frames a second). */
export const MIN_DELAY_MS = 16;

/** How long to wait before showing the step made at `at`, after the one made at `prev`. */
export function stepDelay(prev: number | null, at: number | null, speed: number): number {
  const s = Math.min(50, Math.max(1, speed));
  const gap = prev === null || at === null ? UNKNOWN_GAP_MS : Math.max(0, at - prev);
  return Math.max(MIN_DELAY_MS, Math.min(gap, IDLE_CAP_MS) / s);
}

/** The whole replay's length in screen time, from point `from` to the end (for the "plays in" hint). */
export function replayLength(ats: readonly (number | null)[], speed: number, from = 0): number {
  let total = 0;
  for (let i = Math.max(1, from + 1); i < ats.length; i++) total += stepDelay(ats[i - 1], ats[i], speed);
  return total;
}
