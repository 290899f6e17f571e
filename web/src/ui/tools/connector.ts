// The connector tool (C): press on an item, release on another to connect them with an arrow;
// then the select tool comes back. States: idle → connecting (a press on empty canvas does
// nothing).
import { createConnectorOps } from '../../edit/create';
import { randomId } from '../../model/ids';
import { GestureTool, PointerInfo } from './tool';

type State = { kind: 'connecting'; from: string; x: number; y: number };

export class ConnectorTool extends GestureTool<State> {
  readonly cursor = 'crosshair';

  down(p: PointerInfo): void {
    const hit = this.ctx.hit(p.world.x, p.world.y);
    if (hit && hit.type !== 'connector') this.state = { kind: 'connecting', from: hit.id, x: p.world.x, y: p.world.y };
  }

  move(p: PointerInfo): void {
    if (this.state) this.feedback({ connector: { from: { x: this.state.x, y: this.state.y }, to: p.world } });
  }

  up(p: PointerInfo): void {
    const from = this.end()?.from;
    if (!from) return;
    const { ctx } = this;
    const to = ctx.hit(p.world.x, p.world.y);
    if (ctx.client.canEdit && to && to.type !== 'connector' && to.id !== from) {
      const id = randomId(12);
      if (ctx.actions.submit(createConnectorOps(ctx.doc(), id, from, to.id))) ctx.selection.select([id]);
    }
    ctx.setTool('select');
  }
}
