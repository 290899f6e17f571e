import { describe, expect, it } from 'vitest';
import { BoardDoc } from '../src/model/doc';
import { formatScore, roundOn, roundsIn, roundsOf } from '../src/model/emotion-rounds';
import type { BoardElement } from '../src/model/types';
import { chosenRounds, DEFAULT_EMOTION_VIEW, drawEmotionRounds, stageRounds } from '../src/render/emotion-band';
import { layoutBoard } from '../src/render/layout';
import type { Scene } from '../src/render/scene';
import { TextLayout } from '../src/render/text';
import { EmotionRoundStore } from '../src/session/emotion';
import { card, lane, stage } from './fakes';

const text = new TextLayout((s) => s.length * 7);
const result = (round: number, mean: number, extra: Record<string, unknown> = {}) => ({ round, at: 1000 * round, mean, sd: 0.5, min: -2, max: 2, n: 5, ...extra });
const withRounds = (el: BoardElement, rounds: unknown[]): BoardElement => ({ ...el, props: { ...el.props, emotionRounds: rounds as never } });

/** A canvas context that draws nothing (drawing code runs through, what it drew is returned). */
function nullCtx(): CanvasRenderingContext2D {
  return new Proxy({}, {
    get: (_t, k) => (k === 'measureText' ? (s: string) => ({ width: s.length * 7 }) : () => undefined),
    set: () => true,
  }) as unknown as CanvasRenderingContext2D;
}

describe('emotion round store (what the server tells me)', () => {
  it('keeps my scores and the counts of an open round, and forgets them at the close', () => {
    const s = new EmotionRoundStore();
    let changes = 0;
    s.onChange(() => changes++);
    expect(s.handle({ type: 'votes', mine: {}, remaining: 0, cast: 0 })).toBe(false);
    s.handle({ type: 'emotion', round: { round: 2, label: '现状', kind: 'stages', targets: ['s1', 's2'] }, mine: { s1: -1 }, counts: { s1: 3, s2: 0 }, people: 3 });
    expect(s.open).toBe(true);
    expect(s.scoreOf('s1')).toBe(-1);
    expect(s.scoreOf('s2')).toBeUndefined();
    expect(s.progress()).toEqual({ done: 1, total: 2 });
    expect(s.canScore('editor')).toBe(true);
    expect(s.canScore('viewer')).toBe(false);
    s.handle({ type: 'emotion', round: null, mine: {}, counts: {}, people: 0 });
    expect(s.open).toBe(false);
    expect(s.mine).toEqual({});
    expect(s.canScore('facilitator')).toBe(false);
    expect(changes).toBe(2);
  });
});

describe('emotion round results in the document', () => {
  it('reads valid rounds only, and groups a board’s rounds by number', () => {
    const a = withRounds(stage('s1', 'a'), [result(1, -1, { label: '现状' }), { round: 2, mean: 'x' }, result(3, 1.5)]);
    const b = withRounds(stage('s2', 'b'), [result(1, 0.25)]);
    expect(roundsOf(a).map((r) => r.round)).toEqual([1, 3]);
    expect(roundOn(a, 1)?.label).toBe('现状');
    expect(roundOn(b, 3)).toBeUndefined();
    expect(roundsIn([a, b])).toEqual([{ round: 1, label: '现状', at: 1000, targets: 2 }, { round: 3, label: null, at: 3000, targets: 1 }]);
    expect([formatScore(0.8), formatScore(-1.25), formatScore(0.001), formatScore(2)]).toEqual(['+0.8', '−1.25', '0', '+2']);
  });
});

describe('the emotion band', () => {
  const board = (rounds: boolean) => new BoardDoc([
    rounds ? withRounds(stage('s1', 'a'), [result(1, -1, { label: '现状' }), result(2, 1, { label: '改版后' })]) : stage('s1', 'a'),
    rounds ? withRounds(stage('s2', 'b'), [result(1, -2), result(2, 0.5)]) : stage('s2', 'b'),
    stage('s3', 'c'),
    lane('emo', 'a', 'emotions'),
    card('e1', 'emo', 's1', 'V', { emotion: 2 }),
  ]);
  const scene = (doc: BoardDoc): Scene => ({
    doc, layout: layoutBoard(doc, text, 'en', { stage: 'Stage', lane: 'Lane' }), camera: { x: 0, y: 0, zoom: 1 }, width: 2000, height: 2000,
    selection: new Set(), peers: [], overlay: {}, editingId: null, canEdit: true, canEditStructure: true, background: true, chrome: true,
    labels: {} as Scene['labels'], marks: null,
  });
  const view = { x: -100, y: -100, w: 4000, h: 4000 };

  it('draws the latest round by default: mean, spread and count per scored stage', () => {
    const s = scene(board(true));
    expect(stageRounds(s.layout).map((r) => r.round)).toEqual([1, 2]);
    const drawn = drawEmotionRounds(nullCtx(), s, view, DEFAULT_EMOTION_VIEW);
    expect(drawn).toEqual([
      { stage: 's1', round: 2, mean: 1, sd: 0.5, min: -2, max: 2, n: 5, faded: false },
      { stage: 's2', round: 2, mean: 0.5, sd: 0.5, min: -2, max: 2, n: 5, faded: false },
    ]);
  });

  it('compares with another round, drawn faded first', () => {
    const s = scene(board(true));
    const v = { ...DEFAULT_EMOTION_VIEW, current: 2, compare: 1 };
    const drawn = drawEmotionRounds(nullCtx(), s, view, v);
    expect(drawn.filter((p) => p.faded).map((p) => [p.stage, p.round, p.mean])).toEqual([['s1', 1, -1], ['s2', 1, -2]]);
    expect(drawn.filter((p) => !p.faded).map((p) => p.round)).toEqual([2, 2]);
    // comparing a round with itself is drawing it once
    expect(chosenRounds(s.layout, { ...v, compare: 2 }).compare).toBeNull();
    expect(chosenRounds(s.layout, { ...v, current: 1, compare: 2 }).current?.label).toBe('现状');
  });

  it('draws nothing without rounds (the curve then runs through the cards)', () => {
    const s = scene(board(false));
    expect(stageRounds(s.layout)).toEqual([]);
    expect(drawEmotionRounds(nullCtx(), s, view, DEFAULT_EMOTION_VIEW)).toEqual([]);
  });
});
