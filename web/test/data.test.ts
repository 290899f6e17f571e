import { describe, expect, it } from 'vitest';
import { BoardDoc } from '../src/model/doc';
import { cardDataHeight, metricInRow } from '../src/render/card-data';
import { feedbackHeight, feedbackOf } from '../src/render/feedback';
import { cardBadges } from '../src/render/badges';
import { G, layoutBoard } from '../src/render/layout';
import { fmt, metricView, misses, rowMetrics, series, stageMeans, toneOf, trendOf } from '../src/render/metrics';
import { TextLayout } from '../src/render/text';
import type { Props } from '../src/model/types';
import { card, lane, stage } from './fakes';

const text = new TextLayout((s) => s.length * 7);
const BADGE_WORDS = { kano: { 'must-be': 'must-be', performance: 'performance', attractive: 'attractive', indifferent: 'indifferent', reverse: 'reverse' } };
const hist = (...vs: [string, number][]) => vs.map(([at, value]) => ({ at, value }));

describe('metric trend, target and alert', () => {
  it('reads the trend from the last two readings', () => {
    expect(trendOf([3, 3.5])).toBe('up');
    expect(trendOf([4, 3.2, 3.1])).toBe('down');
    expect(trendOf([3, 3])).toBe('flat');
    expect(trendOf([3])).toBeNull();
  });
  it('counts a value set by hand after the last reading as the newest point', () => {
    expect(series(hist(['2026-11-01', 3]), 4)).toEqual([3, 4]);
    expect(series(hist(['2026-11-01', 3], ['2026-11-02', 4]), 4)).toEqual([3, 4]);
    expect(series([], 4)).toEqual([4]);
  });
  it('alerts below a CSAT or NPS target and above a CES target', () => {
    expect(misses('csat', 3.8, 4.2)).toBe(true);
    expect(misses('csat', 4.2, 4.2)).toBe(false);
    expect(misses('nps', -5, 10)).toBe(true);
    expect(misses('ces', 5.1, 4)).toBe(true);
    expect(misses('ces', 3, 4)).toBe(false);
    expect(misses('csat', 1, null)).toBe(false);
  });
  it('says whether the trend improves (CES: down is better)', () => {
    const csat = metricView({ csat: 3.8, csatHistory: hist(['2026-11-01', 4.1], ['2026-11-02', 3.8]), csatTarget: 4.2 }, 'csat')!;
    expect(csat).toMatchObject({ value: 3.8, trend: 'down', improving: false, alert: true, target: 4.2 });
    const ces = metricView({ ces: 3, cesHistory: hist(['2026-11-01', 4], ['2026-11-02', 3]) }, 'ces')!;
    expect(ces).toMatchObject({ trend: 'down', improving: true, alert: false });
    expect(metricView({}, 'nps')).toBeNull();
  });
  it('gives a row only to metrics with readings, a target or a count; the rest stay badges', () => {
    const p = { csat: 4, nps: 20, npsTarget: 30, ces: 2, cesN: 40 };
    expect(rowMetrics(p).map((v) => v.metric)).toEqual(['nps', 'ces']);
    const el = card('c', 'l', 's', 'V', p);
    expect(metricInRow(el, 'csat')).toBe(false);
    expect(metricInRow(el, 'nps')).toBe(true);
    // at full detail csat is a badge, nps and ces are rows; at low zoom all three are chips
    const full = cardBadges(el, 'touchpoints', null, BADGE_WORDS).filter((b) => !b.lowOnly).map((b) => b.text);
    expect(full).toEqual(['CSAT 4']);
    const chips = cardBadges(el, 'touchpoints', null, BADGE_WORDS).filter((b) => b.key).map((b) => b.text);
    expect(chips).toEqual(['CSAT 4', '! NPS 20/30', 'CES 2']);
    // in the emotion lane there is no data block: every metric stays a badge
    expect(cardBadges(el, 'emotions', null, BADGE_WORDS).filter((b) => b.lowOnly)).toEqual([]);
  });
  it('colours decimal values and formats them without trailing zeros', () => {
    expect(toneOf('csat', 3.8)).toBe('neutral');
    expect(toneOf('csat', 2.9)).toBe('bad');
    expect(toneOf('ces', 3.5)).toBe('neutral');
    expect(fmt(3.8)).toBe('3.8');
    expect(fmt(4)).toBe('4');
    expect(fmt(3.14159)).toBe('3.14');
  });
});

describe('stage means', () => {
  it('averages each metric over the stage’s cards that carry it, in any lane', () => {
    const doc = new BoardDoc([stage('s1', 'a'), stage('s2', 'b'), lane('touch', 'a', 'touchpoints'), lane('m', 'b', 'metrics'),
      card('a', 'touch', 's1', 'V', { csat: 4 }), card('b', 'touch', 's1', 'W', { csat: 3, nps: 10 }), card('c', 'm', 's1', 'X', { csat: 2.5 }),
      card('d', 'touch', 's2', 'V', { ces: 5 }), card('e', 'touch', 's2', 'W', {})]);
    const L = layoutBoard(doc, text, 'en', { stage: 'S', lane: 'L' });
    const m = stageMeans(L.cards);
    expect(m.get('s1')!.csat).toEqual({ mean: 9.5 / 3, n: 3 });
    expect(m.get('s1')!.nps).toEqual({ mean: 10, n: 1 });
    expect(m.get('s1')!.ces).toBeUndefined();
    expect(m.get('s2')).toEqual({ ces: { mean: 5, n: 1 } });
  });
});

describe('feedback summary on a card', () => {
  it('reads the server’s summary and sizes the card for it', () => {
    const p: Props = { feedback: { count: 12, rating: 3.5, quotes: [{ text: '支付失败', date: '2026-11-30', rating: 1 }, { text: 'ok' }] } };
    const f = feedbackOf(p)!;
    expect(f).toEqual({ count: 12, rating: 3.5, quotes: [{ text: '支付失败', date: '2026-11-30', rating: 1 }, { text: 'ok' }] });
    expect(feedbackHeight(f)).toBeGreaterThan(feedbackHeight({ count: 1, rating: null, quotes: [] }));
    expect(feedbackOf({ feedback: { count: 0 } })).toBeNull();
    expect(feedbackOf({ feedback: 'junk' })).toBeNull();
  });
  it('makes a card with data taller, except in the emotion lane', () => {
    const plain = card('a', 'l', 's', 'V', {});
    const rich = card('b', 'l', 's', 'W', { csat: 3, csatTarget: 4, feedback: { count: 2, quotes: [{ text: 'x' }] } });
    expect(cardDataHeight(plain, 'touchpoints')).toBe(0);
    expect(cardDataHeight(rich, 'touchpoints')).toBeGreaterThan(40);
    expect(cardDataHeight(rich, 'emotions')).toBe(0);
    const doc = new BoardDoc([stage('s', 'a'), lane('l', 'a', 'touchpoints'), plain, rich]);
    const L = layoutBoard(doc, text, 'en', { stage: 'S', lane: 'L' });
    expect(L.cardById.get('a')!.h).toBe(G.minCardH);
    expect(L.cardById.get('b')!.h).toBe(G.lineH + 2 * G.cardPad + cardDataHeight(rich, 'touchpoints'));
  });
});
