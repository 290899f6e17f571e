// Two people, one card: the text changed underneath while I typed and the edits overlap. Both
// texts are shown; I keep mine, theirs, or both (mine, then theirs). Nothing is saved before I
// choose; closing the dialog keeps theirs (what the board shows) and says what my text was (a
// toast), so my words are not lost without a word.
import { openModal } from './dialogs/modal';
import { h, toast } from './dom';
import { t } from './i18n';

export type MergeChoice = 'mine' | 'theirs' | 'both';

export function askMerge(name: string, mine: string, theirs: string, choose: (c: MergeChoice) => void): void {
  let chosen = false;
  const pick = (c: MergeChoice) => { chosen = true; m.close(); choose(c); };
  const block = (title: string, body: string, testid: string) => h('div', { class: 'merge-block', 'data-testid': testid },
    h('div', { class: 'field-label', text: title }), h('p', { class: 'panel-text', text: body }));
  const m = openModal(t('merge.title'), [
    h('p', { text: t('merge.body', { name }) }),
    block(t('merge.mine'), mine, 'merge-mine'),
    block(t('merge.theirs', { name }), theirs, 'merge-theirs'),
    h('div', { class: 'btn-row' },
      h('button', { class: 'btn primary', 'data-testid': 'merge-keep-both', text: t('merge.keepBoth'), onclick: () => pick('both') }),
      h('button', { class: 'btn', 'data-testid': 'merge-keep-mine', text: t('merge.keepMine'), onclick: () => pick('mine') }),
      h('button', { class: 'btn', 'data-testid': 'merge-keep-theirs', text: t('merge.keepTheirs'), onclick: () => pick('theirs') })),
  ], { testid: 'merge-dialog', onClose: () => {
    if (chosen) return;
    chosen = true;
    toast(t('merge.notSaved', { text: mine.slice(0, 300) }), 'info', 12000);
    choose('theirs');
  } });
}

/** Both texts in one: mine first, then theirs, each once. */
export function bothTexts(mine: string, theirs: string): string {
  if (mine.includes(theirs)) return mine;
  if (theirs.includes(mine)) return theirs;
  return `${mine}\n${theirs}`;
}
