// The open emotion round as the server tells me (PROTOCOL.md "emotion"): its targets, my own
// scores and how many people scored each target. Nothing else reaches this client before the
// close; the results then arrive as `emotionRounds` in the document. No DOM: unit-tested in node.
import type { Role } from '../model/types';
import type { EmotionRoundInfo, ServerMessage } from '../protocol/messages';

export class EmotionRoundStore {
  round: EmotionRoundInfo | null = null;
  mine: Record<string, number> = {};
  counts: Record<string, number> = {};
  people = 0;
  private readonly listeners: (() => void)[] = [];

  onChange(fn: () => void): void { this.listeners.push(fn); }

  /** Takes an `emotion` message; false for any other. */
  handle(msg: ServerMessage): boolean {
    if (msg.type !== 'emotion') return false;
    this.round = msg.round ?? null;
    this.mine = this.round ? { ...(msg.mine ?? {}) } : {};
    this.counts = this.round ? { ...(msg.counts ?? {}) } : {};
    this.people = this.round ? msg.people ?? 0 : 0;
    for (const fn of [...this.listeners]) fn();
    return true;
  }

  get open(): boolean { return this.round !== null; }

  /** My score on a target, if I gave one. */
  scoreOf(target: string): number | undefined { return this.mine[target]; }

  /** Editors and facilitators score; viewers watch (the server refuses them too). */
  canScore(role: Role | null): boolean { return this.round !== null && (role === 'editor' || role === 'facilitator'); }

  /** How many targets I have scored, of how many. */
  progress(): { done: number; total: number } {
    const targets = this.round?.targets ?? [];
    return { done: targets.filter((t) => this.mine[t] !== undefined).length, total: targets.length };
  }
}
