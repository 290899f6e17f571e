// The shape tools (R rectangle, O ellipse): drag out a shape (a click makes a default one), then
// the select tool comes back with the new shape selected. States: idle → dragging.
import { createShapeOps } from '../../edit/create';
import { normRect } from '../../edit/geometry';
import { randomId } from '../../model/ids';
import type { BoardContext } from '../context';
import type { PointerInfo, Tool } from './tool';

type State = { kind: 'idle' } | { kind: 'dragging'; x: number; y: number };

export class ShapeTool implements Tool {
  readonly cursor = 'crosshair';
  private state: State = { kind: 'idle' };

  constructor(private readonly ctx: BoardContext, private readonly shape: 'rect' | 'ellipse') {}

  get active(): boolean { return this.state.kind !== 'idle'; }

  down(p: PointerInfo): void {
    this.state = { kind: 'dragging', x: p.world.x, y: p.world.y };
  }

  move(p: PointerInfo): void {
    const s = this.state;
    if (s.kind !== 'dragging') return;
    this.ctx.view.overlay.shape = { rect: normRect(s.x, s.y, p.world.x, p.world.y), kind: this.shape };
    this.ctx.view.requestRender();
  }

  up(p: PointerInfo): void {
    const s = this.state;
    this.cancel();
    if (s.kind !== 'dragging') return;
    const { ctx } = this;
    if (!ctx.client.canEdit) return;
    const id = randomId(12);
    if (ctx.actions.submit(createShapeOps(ctx.doc(), id, this.shape, s.x, s.y, p.world.x, p.world.y))) ctx.selection.select([id]);
    ctx.setTool('select');
  }

  cancel(): void { this.state = { kind: 'idle' }; }
}
