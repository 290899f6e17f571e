// The connector tool (C): press on an item, release on another to connect them with an arrow;
// then the select tool comes back. States: idle → connecting (a press on empty canvas does
// nothing).
import { createConnectorOps } from '../../edit/create';
import { randomId } from '../../model/ids';
import type { BoardContext } from '../context';
import type { PointerInfo, Tool } from './tool';

type State = { kind: 'idle' } | { kind: 'connecting'; from: string; x: number; y: number };

export class ConnectorTool implements Tool {
  readonly cursor = 'crosshair';
  private state: State = { kind: 'idle' };

  constructor(private readonly ctx: BoardContext) {}

  get active(): boolean { return this.state.kind !== 'idle'; }

  down(p: PointerInfo): void {
    const hit = this.ctx.hit(p.world.x, p.world.y);
    if (hit && hit.type !== 'connector') this.state = { kind: 'connecting', from: hit.id, x: p.world.x, y: p.world.y };
  }

  move(p: PointerInfo): void {
    const s = this.state;
    if (s.kind !== 'connecting') return;
    this.ctx.view.overlay.connector = { from: { x: s.x, y: s.y }, to: p.world };
    this.ctx.view.requestRender();
  }

  up(p: PointerInfo): void {
    const s = this.state;
    this.cancel();
    if (s.kind !== 'connecting') return;
    const { ctx } = this;
    const to = ctx.hit(p.world.x, p.world.y);
    if (ctx.client.canEdit && to && to.type !== 'connector' && to.id !== s.from) {
      const id = randomId(12);
      if (ctx.actions.submit(createConnectorOps(ctx.doc(), id, s.from, to.id))) ctx.selection.select([id]);
    }
    ctx.setTool('select');
  }

  cancel(): void { this.state = { kind: 'idle' }; }
}
