// The action loop on the board page (issue 14), put together: the Priorities view and the
// action-plan panel (toggled from the top bar), the stage-by-stage bar, the scope tooltip and the
// dimmed cells, and what my department changes mean for me. The composition root creates one and
// tells it when the document, the selection, my role or the language changed.
import './action-loop.css';
import { departmentName } from '../departments/names';
import { outOfScopeCells, installScopeTooltip } from '../departments/guard';
import { rememberDepartment } from '../departments/join';
import { StageByStageBar } from '../departments/stage-by-stage';
import type { BoardContext } from '../context';
import { toast } from '../dom';
import { t } from '../i18n';
import { PrioritiesView } from '../priorities/priorities';
import type { Rect } from '../../render/layout';
import { priorities } from '../../model/priority';
import { PlanPanel } from './plan-panel';

export interface ActionLoopHost {
  boardId: string;
  /** the positioned wrapper of the canvas: the views float in it */
  stage: HTMLElement;
  /** the top bar's action group: the views' toggles go first */
  topActions: HTMLElement;
}

export class ActionLoop {
  readonly priorities: PrioritiesView;
  readonly plan: PlanPanel;
  private readonly stageBar: StageByStageBar;
  private lastDepartment: string | null | undefined = undefined;
  private dimKey = '';
  private dim: Rect[] = [];

  constructor(private readonly ctx: BoardContext, host: ActionLoopHost) {
    this.priorities = new PrioritiesView(ctx);
    this.plan = new PlanPanel(ctx);
    this.stageBar = new StageByStageBar(ctx);
    host.stage.append(this.priorities.el, this.plan.el, this.stageBar.el);
    host.topActions.prepend(this.priorities.openBtn, this.plan.openBtn);
    installScopeTooltip(ctx);
    ctx.client.on('welcome', () => { this.lastDepartment = ctx.client.department; });
    ctx.client.on('peers', () => this.departmentMaybeChanged(host.boardId));
  }

  /** Something the views show changed (document, selection, role, language). */
  update(): void {
    this.priorities.update();
    this.plan.update();
    this.stageBar.update();
  }

  /** The grid cells my department may not edit, for the canvas to dim (cached per document and actor). */
  outOfScope(): readonly Rect[] {
    const { ctx } = this;
    const a = ctx.client.actor;
    const L = ctx.layout();
    const key = `${ctx.doc().version}|${a.role}|${a.department}|${L.bounds.w}|${L.bounds.h}`;
    if (key !== this.dimKey) {
      this.dimKey = key;
      this.dim = outOfScopeCells(ctx.doc(), L, a);
    }
    return this.dim;
  }

  /** The facilitator changed my department: remember it for this board, and tell me. */
  private departmentMaybeChanged(boardId: string): void {
    const now = this.ctx.client.department;
    if (this.lastDepartment === undefined || now === this.lastDepartment) return;
    this.lastDepartment = now;
    rememberDepartment(boardId, now);
    const name = departmentName(this.ctx.doc(), now);
    toast(name ? t('dept.changedMe', { name }) : t('dept.clearedMe'));
    this.update();
  }

  /** Test hook view. */
  testState(): Record<string, unknown> {
    const items = priorities(this.ctx.doc()).items.map((p) => ({ id: p.card.id, kind: p.kind, score: p.score, impact: p.impact, effort: p.effort, top: p.top }));
    return { department: this.ctx.client.department, prioritiesOpen: this.priorities.isOpen, planOpen: this.plan.isOpen, outOfScope: this.outOfScope().length, priorities: items };
  }
}
