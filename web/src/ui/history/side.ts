// The list beside the history map: the changes (who, when, what; a click goes there), the named
// versions (a click goes there; the facilitator names the board as it is now) and what changed
// between two points (the legend and the cards; a click pans to the card).
import type { BoardElement } from '../../model/types';
import { h } from '../dom';
import { t } from '../i18n';
import { changedFields } from './diff';
import type { CardChange, ChangeKind } from './diff';
import { firstText, summarize, Timeline } from './timeline';
import { cardText, timeText } from './words';

export const KIND_COLORS: Record<ChangeKind, string> = { added: '#2f9e44', removed: '#e03131', changed: '#f08c00' };
/** Rows of the changes list drawn at most (the newest): the slider reaches the others. */
const MAX_ROWS = 300;

export type Tab = 'changes' | 'versions' | 'compare';

export interface Version { id: string; name: string; seq: number; at: number; author: string | null }

export function versionsOf(elements: Iterable<BoardElement>): Version[] {
  const out: Version[] = [];
  for (const e of elements) {
    if (e.type !== 'version') continue;
    const p = e.props;
    out.push({ id: e.id, name: String(p.name ?? ''), seq: Number(p.seq ?? 0), at: Number(p.at ?? 0), author: typeof p.author === 'string' ? p.author : null });
  }
  return out.sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id));
}

export function changesList(tl: Timeline, point: number, go: (point: number) => void): HTMLElement {
  if (!tl.steps.length) return h('p', { class: 'history-empty', text: t('history.noChanges') });
  const rows: HTMLElement[] = [];
  for (let i = tl.steps.length - 1; i >= 0 && rows.length < MAX_ROWS; i--) {
    const s = tl.steps[i];
    const sum = summarize(s.ops);
    const words = firstText(s.ops);
    // viewers read the replay, which names nobody: no "who" rather than "someone"
    const who = s.server ? t('history.serverName') : s.name ?? (tl.named ? t('history.someone') : '');
    rows.push(h('li', { class: `history-row${i + 1 === point ? ' current' : ''}`, 'data-seq': String(s.seq) },
      h('button', { class: 'history-row-btn', onclick: () => go(i + 1) },
        h('span', { class: 'history-when', text: timeText(s.at) }),
        h('span', { class: 'history-who', text: who }),
        h('span', { class: 'history-what', text: t('history.what', { created: sum.created.length, updated: sum.updated.length, deleted: sum.deleted.length }) }),
        words ? h('span', { class: 'history-words', text: `“${words.length > 48 ? `${words.slice(0, 47)}…` : words}”` }) : null)));
  }
  return h('ol', { class: 'history-list', 'data-testid': 'history-changes' }, ...rows);
}

export function versionsList(versions: Version[], oldest: number, go: (seq: number) => void, save: ((name: string) => void) | null): HTMLElement {
  const items = versions.map((v) => h('li', { class: 'history-row', 'data-version': v.id },
    h('button', { class: 'history-row-btn', disabled: v.seq < oldest, onclick: () => go(v.seq) },
      h('span', { class: 'history-vname', text: v.name }),
      h('span', { class: 'history-when', text: v.seq < oldest ? t('history.notKept') : t('history.versionBy', { time: timeText(v.at), author: v.author ?? t('history.someone') }) }))));
  const out = h('div', { class: 'history-versions' },
    items.length ? h('ol', { class: 'history-list', 'data-testid': 'history-versions' }, ...items) : h('p', { class: 'history-empty', text: t('history.noVersions') }));
  if (save) {
    const input = h('input', { type: 'text', maxlength: 100, placeholder: t('history.versionPlaceholder'), 'aria-label': t('history.versionName'), 'data-testid': 'history-version-name' });
    const submit = () => {
      const name = input.value.trim();
      if (!name) return;
      save(name);
      input.value = '';
    };
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') submit(); });
    out.append(h('div', { class: 'history-save' }, input, h('button', { class: 'btn', 'data-testid': 'history-version-save', text: t('history.saveVersion'), onclick: submit })));
  }
  return out;
}

export interface CompareChoice { value: string; label: string }

/** The "what changed" tab: two points to compare, the legend, the cards (click → pan). */
export function compareSection(froms: CompareChoice[], tos: CompareChoice[], picked: { from: string; to: string }, run: (from: string, to: string) => void,
  result: { changes: CardChange[]; placed: (id: string) => boolean; pan: (id: string) => void } | null): HTMLElement {
  const select = (choices: CompareChoice[], value: string, testid: string) => h('select', { 'data-testid': testid },
    ...choices.map((c) => h('option', { value: c.value, text: c.label, selected: c.value === value })));
  const from = select(froms, picked.from, 'history-compare-from');
  const to = select(tos, picked.to, 'history-compare-to');
  const out = h('div', { class: 'history-compare' },
    h('label', {}, h('span', { text: t('history.compareFrom') }), from),
    h('label', {}, h('span', { text: t('history.compareTo') }), to),
    h('button', { class: 'btn', 'data-testid': 'history-compare', text: t('history.compare'), onclick: () => run(from.value, to.value) }));
  if (!result) return out;
  const count = (k: ChangeKind) => result.changes.filter((c) => c.kind === k).length;
  out.append(h('div', { class: 'history-legend', 'data-testid': 'history-legend' },
    ...(['added', 'changed', 'removed'] as ChangeKind[]).map((k) => h('span', { class: `history-key ${k}` },
      h('i', { style: `border-color:${KIND_COLORS[k]}` }), t(`history.${k}`)))),
  h('p', { class: 'history-count', text: result.changes.length ? t('history.diffCount', { added: count('added'), changed: count('changed'), removed: count('removed') }) : t('history.diffNone') }));
  const rows = result.changes.map((c) => h('li', { class: `history-row ${c.kind}`, 'data-card': c.id },
    h('button', { class: 'history-row-btn', disabled: !result.placed(c.id), onclick: () => result.pan(c.id) },
      h('i', { class: 'history-dot', style: `background:${KIND_COLORS[c.kind]}` }),
      h('span', { class: 'history-card', text: cardText(c.el) }),
      h('span', { class: 'history-when', text: result.placed(c.id) ? t(`history.${c.kind}`) : `${t(`history.${c.kind}`)} · ${t('history.removedNoPlace')}` }),
      c.kind === 'changed' ? h('span', { class: 'history-what', text: changedFields(c).map((f) => (f === 'moved' ? t('history.moved') : f)).join(', ') }) : null)));
  out.append(h('ol', { class: 'history-list', 'data-testid': 'history-diff' }, ...rows));
  return out;
}
