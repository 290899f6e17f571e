// The shape tools (R rectangle, O ellipse): drag out a shape (a click makes a default one), then
// the select tool comes back with the new shape selected. States: idle → dragging.
import { createShapeOps } from '../../edit/create';
import { normRect } from '../../edit/geometry';
import { randomId } from '../../model/ids';
import type { BoardContext } from '../context';
import { GestureTool, PointerInfo } from './tool';

type State = { kind: 'dragging'; x: number; y: number };

export class ShapeTool extends GestureTool<State> {
  readonly cursor = 'crosshair';

  constructor(ctx: BoardContext, private readonly shape: 'rect' | 'ellipse') {
    super(ctx);
  }

  down(p: PointerInfo): void {
    this.state = { kind: 'dragging', x: p.world.x, y: p.world.y };
  }

  move(p: PointerInfo): void {
    if (this.state) this.feedback({ shape: { rect: normRect(this.state.x, this.state.y, p.world.x, p.world.y), kind: this.shape } });
  }

  up(p: PointerInfo): void {
    const start = this.end();
    const { ctx } = this;
    if (!start || !ctx.client.canEdit) return;
    const id = randomId(12);
    if (ctx.actions.submit(createShapeOps(ctx.doc(), id, this.shape, start.x, start.y, p.world.x, p.world.y))) ctx.selection.select([id]);
    ctx.setTool('select');
  }
}
