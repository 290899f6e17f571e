// Working through the journey stage by stage: the facilitator opens one stage at a time (every
// other stage gets `scope: []`, facilitators only), then the next or the previous one, and finally
// opens them all again. Everyone sees a bar naming the stage being worked on; the document's scope
// rule does the rest (others' edits elsewhere are refused, the cells dimmed).
import { stageByStageCurrent, stageByStageOps } from '../../edit/plan';
import type { BoardContext } from '../context';
import { h, icon } from '../dom';
import { t } from '../i18n';

export function startStageByStage(ctx: BoardContext, stageId: string): boolean {
  return ctx.actions.submit(stageByStageOps(ctx.doc(), stageId));
}

export class StageByStageBar {
  readonly el: HTMLElement;
  private key = '';

  constructor(private readonly ctx: BoardContext) {
    this.el = h('div', { class: 'sbs-bar', 'data-testid': 'stage-by-stage' });
    this.el.hidden = true;
  }

  update(): void {
    const { ctx } = this;
    const doc = ctx.doc();
    const current = stageByStageCurrent(doc);
    const stages = ctx.layout().stages;
    const i = stages.findIndex((s) => s.el.id === current);
    const facilitator = ctx.client.role === 'facilitator';
    const key = JSON.stringify([current, i, stages.length, facilitator, i >= 0 ? stages[i].label : '', t('sbs.end')]);
    if (key === this.key) return;
    this.key = key;
    this.el.hidden = current === null || i < 0;
    if (this.el.hidden) { this.el.replaceChildren(); return; }
    const name = stages[i].label;
    if (!facilitator) {
      this.el.replaceChildren(h('span', { text: t('sbs.note', { name }) }));
      return;
    }
    const go = (j: number) => { if (j >= 0 && j < stages.length) ctx.actions.submit(stageByStageOps(ctx.doc(), stages[j].el.id)); };
    this.el.replaceChildren(
      h('button', { class: 'icon-btn', title: t('sbs.prev'), 'aria-label': t('sbs.prev'), 'data-action': 'sbs-prev', disabled: i === 0, onclick: () => go(i - 1) }, icon('left')),
      h('span', { 'data-testid': 'sbs-label', text: t('sbs.bar', { name, i: i + 1, n: stages.length }) }),
      h('button', { class: 'icon-btn', title: t('sbs.next'), 'aria-label': t('sbs.next'), 'data-action': 'sbs-next', disabled: i === stages.length - 1, onclick: () => go(i + 1) }, icon('right')),
      h('button', { class: 'btn', 'data-action': 'sbs-end', onclick: () => ctx.actions.submit(stageByStageOps(ctx.doc(), null)) }, t('sbs.end')));
  }
}
