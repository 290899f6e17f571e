// A comment box: the text, a character count against the document's limit, and the @department
// picker (the board's departments; a pick inserts "@name " at the caret, and typing "@" opens
// it). The draft lives in the panel's draft map, so a rebuild of the panel (every live edit)
// keeps what was typed and where the caret was.
import { MAX_COMMENT_TEXT } from '../../model/comments';
import { h } from '../dom';
import { t } from '../i18n';
import type { MentionTarget } from './threads';

export interface ComposerHost {
  drafts: Map<string, string>;
  targets(): MentionTarget[];
  send(text: string, draftKey: string): void;
  /** an IME composition ended: what waited for it may rebuild now */
  settled?(): void;
}

const codePoints = (s: string): number => [...s].length;

const nameFor = (tg: MentionTarget): string => tg.label;

export function composer(host: ComposerHost, draftKey: string, placeholder: string, label: string): HTMLElement {
  const area = h('textarea', { class: 'cm-input', rows: 2, placeholder, 'aria-label': placeholder, 'data-draft': draftKey, 'data-testid': 'comment-input' });
  area.value = host.drafts.get(draftKey) ?? '';
  const count = h('span', { class: 'cm-count', 'aria-live': 'polite' });
  const picker = h('div', { class: 'cm-picker', 'data-testid': 'mention-picker' });
  picker.hidden = true;
  const showCount = () => {
    const n = codePoints(area.value);
    count.textContent = n > MAX_COMMENT_TEXT * 0.8 ? t('comments.count', { n, max: MAX_COMMENT_TEXT }) : '';
    count.classList.toggle('over', n > MAX_COMMENT_TEXT);
  };
  const insert = (name: string) => {
    const at = area.selectionStart ?? area.value.length;
    // typing "@" opened the picker: the pick completes that "@"
    const before = area.value.slice(0, at).replace(/@$/, '');
    area.value = `${before}@${name} ${area.value.slice(at)}`;
    const caret = before.length + name.length + 2;
    area.setSelectionRange(caret, caret);
    host.drafts.set(draftKey, area.value);
    picker.hidden = true;
    showCount();
    area.focus();
  };
  const fillPicker = () => {
    const targets = host.targets();
    picker.replaceChildren(...(targets.length
      ? targets.map((tg) => h('button', { type: 'button', class: 'cm-chip', 'data-mention': tg.id, text: `@${nameFor(tg)}`, onmousedown: (e: Event) => e.preventDefault(), onclick: () => insert(nameFor(tg)) }))
      : [h('span', { class: 'muted', text: t('comments.mentionNone') })]));
  };
  area.addEventListener('input', () => {
    host.drafts.set(draftKey, area.value);
    showCount();
    const at = area.selectionStart ?? 0;
    if (area.value[at - 1] === '@') { fillPicker(); picker.hidden = false; }
  });
  // a rebuild under an IME composition (pinyin) would lose it: the panel waits while this is set
  area.addEventListener('compositionstart', () => { area.dataset.composing = '1'; });
  area.addEventListener('compositionend', () => {
    delete area.dataset.composing;
    host.drafts.set(draftKey, area.value);
    host.settled?.();
  });
  const send = () => host.send(area.value, draftKey);
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); send(); }
    if (e.key === 'Escape' && !picker.hidden) { e.stopPropagation(); picker.hidden = true; }
  });
  const mention = h('button', { type: 'button', class: 'btn cm-mention-btn', 'data-testid': 'mention-open', 'aria-label': t('comments.mention'), text: `@ ${t('comments.mention')}`, onclick: () => {
    fillPicker();
    picker.hidden = !picker.hidden;
  } });
  const submit = h('button', { type: 'button', class: 'btn primary', 'data-testid': 'comment-send', text: label, onclick: send });
  showCount();
  return h('div', { class: 'cm-composer' }, area, picker, h('div', { class: 'cm-row' }, mention, count, h('span', { class: 'spacer' }), submit));
}
