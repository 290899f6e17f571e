// The data part of a card's side panel: the external key integrations address it by, the keywords
// feedback is matched with, each metric's target (editors) and its readings (read-only, as the
// integration pushed them), who changed them last, and the card's feedback summary with the way to
// all of it. Read-only for viewers and locked cards.
import { isDate } from '../../model/values';
import type { BoardElement, Metric } from '../../model/types';
import { METRICS } from '../../model/types';
import { feedbackOf } from '../../render/feedback';
import { fmt, METRIC_LABEL, metricView } from '../../render/metrics';
import type { BoardContext } from '../context';
import { h } from '../dom';
import { hasKey, t } from '../i18n';
import { field, readRow } from '../panels/fields';

const RANGE: Record<Metric, [number, number, number]> = { csat: [1, 5, 0.1], nps: [-100, 100, 1], ces: [1, 7, 0.1] };

export interface SectionHost {
  /** who last changed this card's data (an integration, an import), or null */
  lastChange(cardId: string): { author: string; at: number } | null;
  showAllFeedback(cardId: string): void;
}

export function cardDataSection(ctx: BoardContext, el: BoardElement, ro: boolean, host: SectionHost): HTMLElement[] {
  const p = el.props;
  const id = el.id;
  const out: HTMLElement[] = [];
  const update = ctx.actions.update.bind(ctx.actions);
  if (ro) {
    if (typeof p.ext === 'string') out.push(readRow(t('data.ext'), p.ext));
    if (Array.isArray(p.keywords) && p.keywords.length) out.push(readRow(t('data.keywords'), p.keywords.join(', ')));
  } else {
    const ext = h('input', { type: 'text', 'data-field': 'ext', value: typeof p.ext === 'string' ? p.ext : '', placeholder: t('data.extPlaceholder'), maxlength: 64 });
    ext.addEventListener('change', () => (ext.value.trim() ? update(id, { ext: ext.value.trim() }) : update(id, {}, ['ext'])));
    out.push(field(t('data.ext'), ext));
    const kw = h('input', { type: 'text', 'data-field': 'keywords', value: Array.isArray(p.keywords) ? p.keywords.join(', ') : '', placeholder: t('data.keywordsPlaceholder') });
    kw.addEventListener('change', () => {
      const words = [...new Set(kw.value.split(/[,，、;；\n]+/).map((w) => w.trim()).filter(Boolean))];
      if (words.length) update(id, { keywords: words });
      else update(id, {}, ['keywords']);
    });
    out.push(field(t('data.keywords'), kw));
  }
  out.push(...metricsBlock(ctx, el, ro));
  const last = host.lastChange(id);
  if (last) {
    const key = `author.${last.author}`;
    const who = hasKey(key) ? t(key) : last.author;
    out.push(h('p', { class: 'muted small', 'data-testid': 'data-last-change', text: t('data.updatedBy', { who, time: new Date(last.at).toLocaleTimeString() }) }));
  }
  const fb = feedbackOf(p);
  if (fb) {
    const head = t('data.count', { n: fb.count }) + (fb.rating !== null ? ` · ${t('data.avgRating', { r: fmt(fb.rating) })}` : '');
    out.push(h('div', { class: 'fb-card' },
      h('div', { class: 'field-label', text: t('data.feedback') }),
      h('div', { class: 'fb-card-head', text: head }),
      ...fb.quotes.map((q) => h('blockquote', { class: 'fb-quote', text: q.text })),
      h('button', { class: 'btn wide', 'data-action': 'feedback-all', text: t('data.allFeedback', { n: fb.count }), onclick: () => host.showAllFeedback(id) })));
  }
  return out;
}

function metricsBlock(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement[] {
  const p = el.props;
  const out: HTMLElement[] = [];
  if (!ro) {
    const row = h('div', { class: 'row3' });
    for (const m of METRICS) {
      const key = `${m}Target`;
      const [min, max, step] = RANGE[m];
      const input = h('input', { type: 'number', min, max, step, 'data-field': key, value: typeof p[key] === 'number' ? String(p[key]) : '', placeholder: '—' });
      input.addEventListener('change', () => {
        if (input.value === '') return ctx.actions.update(el.id, {}, [key]);
        const v = Number(input.value);
        if (Number.isFinite(v)) ctx.actions.update(el.id, { [key]: Math.max(min, Math.min(max, v)) });
      });
      row.append(field(`${METRIC_LABEL[m]} ◎`, input));
    }
    out.push(h('div', { class: 'field-label', text: t('data.targets') }), row);
  }
  for (const m of METRICS) {
    const v = metricView(p, m);
    if (!v) continue;
    if (ro && v.target !== null) out.push(readRow(`${METRIC_LABEL[m]} ◎`, fmt(v.target)));
    if (v.n !== null) out.push(readRow(METRIC_LABEL[m], `${fmt(v.value)} · ${t('data.responses', { n: v.n })}`));
    if (v.alert) out.push(h('p', { class: 'fb-alert', 'data-testid': `alert-${m}`, text: t('data.missed', { metric: METRIC_LABEL[m], target: fmt(v.target!) }) }));
    if (v.history.length) {
      const rows = [...v.history].reverse().filter((r) => isDate(r.at))
        .map((r) => h('li', {}, h('span', { text: r.at }), h('strong', { text: fmt(r.value) })));
      out.push(h('details', { class: 'metric-history', 'data-testid': `history-${m}` },
        h('summary', { text: t('data.readings', { metric: METRIC_LABEL[m], n: v.history.length }) }), h('ul', {}, ...rows)));
    }
  }
  return out;
}
