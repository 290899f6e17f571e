// Dot voting, on my side: a click on a card in a voted lane puts a dot on it (Shift / Alt-click
// or right click takes one back), and at the close the ranked result opens in a dialog.
import type { BoardElement } from '../../model/types';
import type { SessionStore } from '../../session/store';
import type { BoardContext } from '../context';
import { openModal, Modal } from '../dialogs/modal';
import { h, toast } from '../dom';
import { t } from '../i18n';

export class VoteUi {
  private result: Modal | null = null;

  constructor(
    private readonly ctx: BoardContext,
    private readonly session: SessionStore,
    private readonly sendVote: (card: string, delta: 1 | -1) => void,
  ) {}

  /**
   * A pointer press on the canvas during a vote: a card in a voted lane gets a dot (left click)
   * or loses one (Shift/Alt-click or right click). Answers true when the press was used.
   */
  click(hit: BoardElement | null, e: { button: number; shiftKey: boolean; altKey: boolean }): boolean {
    const v = this.session.vote;
    const role = this.ctx.client.role;
    if (!v || !hit || hit.type !== 'card' || role === 'viewer' || hit.parent === null) return false;
    if (!v.lanes.includes(hit.parent)) return false;
    if (e.button !== 0 && e.button !== 2) return false;
    const remove = e.button === 2 || e.shiftKey || e.altKey;
    if (remove) {
      if (this.session.dotsOn(hit.id) > 0) this.sendVote(hit.id, -1);
      return true;
    }
    if (this.session.remaining <= 0) {
      toast(t('vote.none'));
      return true;
    }
    if (!this.session.canVoteOn(hit, role)) {
      toast(t('vote.refused'));
      return true;
    }
    this.sendVote(hit.id, 1);
    return true;
  }

  get resultOpen(): boolean { return this.result !== null; }

  /** The ranked result of the last vote, most dots first, with each card's text and cell. */
  showResult(): void {
    const ranked = this.session.result;
    if (!ranked) return;
    this.closeResult();
    const doc = this.ctx.doc();
    const L = this.ctx.layout();
    const list = h('ol', { class: 'vote-result-list', 'data-testid': 'vote-result-list' });
    for (const r of ranked) {
      if (r.votes <= 0) continue;
      const el = doc.get(r.card);
      const box = L.cardById.get(r.card);
      const text = typeof el?.props.text === 'string' && el.props.text.trim() ? el.props.text : t('emptyCard');
      list.append(h('li', { 'data-card': r.card, 'data-votes': r.votes },
        h('span', { class: 'vr-votes', text: r.votes === 1 ? t('vote.dot') : t('vote.dots', { n: r.votes }) }),
        h('span', { class: 'vr-text', text }),
        box ? h('span', { class: 'vr-where', text: `${box.stage.label} · ${box.lane.label}` }) : null));
    }
    const body = list.childElementCount ? list : h('p', { class: 'muted', text: t('vote.resultEmpty') });
    const modal = openModal(t('vote.result'), [body, h('div', { class: 'btn-row end' }, h('button', { class: 'btn primary', text: t('fac.close'), onclick: () => modal.close() }))], {
      class: 'vote-result', testid: 'vote-result', closeLabel: t('fac.close'), focus: '.btn.primary',
      onClose: () => { if (this.result === modal) this.result = null; },
    });
    this.result = modal;
  }

  closeResult(): void {
    this.result?.close();
    this.result = null;
  }
}
