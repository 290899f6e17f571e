// A card's attributes in words, in the UI language: the tooltip, the side panel of details and
// the screen-reader list all say the same.
import { formatMetric, METRICS, missesTarget, STATUS_VALUES } from '../render/badges';
import { label } from '../render/layout';
import type { BoardDoc } from '../model/doc';
import type { BoardElement } from '../model/types';
import { lang, MsgKey, t } from './i18n';

/** One attribute: its name and its value in words. */
export interface Attr { key: string; name: string; value: string }

export function cardAttributes(el: BoardElement, doc: BoardDoc): Attr[] {
  const p = el.props;
  const out: Attr[] = [];
  const add = (key: string, name: string, value: string) => out.push({ key, name, value });
  if (typeof p.top === 'number') add('top', t('detail.top'), `#${p.top}`);
  if (p.mot === true) add('mot', t('mot'), '★');
  if (typeof p.emotion === 'number') add('emotion', t('emotion'), p.emotion > 0 ? `+${p.emotion}` : String(p.emotion));
  if (typeof p.kano === 'string') add('kano', 'KANO', t(`kano.${p.kano}` as MsgKey));
  for (const m of METRICS) {
    const v = p[m];
    if (typeof v !== 'number') continue;
    const parts = [formatMetric(m, v)];
    const target = p[`${m}Target`], n = p[`${m}N`];
    if (typeof target === 'number') parts.push(t('detail.target', { v: formatMetric(m, target) }) + (missesTarget(m, v, target) ? `, ${t('detail.missesTarget')}` : ''));
    if (typeof n === 'number') parts.push(t('detail.responses', { n }));
    add(m, m.toUpperCase(), parts.join(' · '));
  }
  if (typeof p.votes === 'number' && p.votes > 0) add('votes', t('votes'), String(p.votes));
  if (typeof p.status === 'string' && (STATUS_VALUES as readonly string[]).includes(p.status)) add('status', t('status'), t(`status.${p.status}` as MsgKey));
  if (typeof p.dept === 'string') {
    const d = doc.get(p.dept);
    if (d) add('dept', t('detail.dept'), label(d, lang(), p.dept));
  }
  if (typeof p.owner === 'string' && p.owner.trim()) add('owner', t('owner'), p.owner);
  return out;
}

/** The card's text and attributes as one sentence for a screen reader or a tooltip. */
export function describeCard(el: BoardElement, doc: BoardDoc): string {
  const text = ((el.props.text as string) ?? '').trim() || t('a11y.emptyCard');
  const attrs = cardAttributes(el, doc).map((a) => `${a.name} ${a.value}`);
  return attrs.length ? `${text} — ${attrs.join('; ')}` : text;
}
