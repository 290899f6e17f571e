// How the history names points and cards: a time as HH:MM (with the date when not today), a
// card by its text.
import type { BoardElement } from '../../model/types';
import { lang, t } from '../i18n';

export function timeText(at: number | null, now = Date.now()): string {
  if (at === null) return t('history.start');
  const d = new Date(at);
  const hm = d.toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
  const today = new Date(now).toDateString() === d.toDateString();
  if (today) return hm;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
}

export function cardText(el: BoardElement): string {
  const s = typeof el.props.text === 'string' ? el.props.text.trim() : typeof el.props.name === 'string' ? el.props.name.trim() : '';
  if (!s) return t('history.emptyCard');
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}
