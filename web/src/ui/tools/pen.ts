// The pen tool (P): draw an ink stroke in the chosen colour; the tool stays on for the next
// stroke. States: idle → drawing.
import { createInkOps } from '../../edit/create';
import { randomId } from '../../model/ids';
import { INK_PALETTE } from '../../render/theme';
import { GestureTool, PointerInfo } from './tool';

type State = { kind: 'drawing'; points: number[] };

const MAX_POINTS = 2000;

export class PenTool extends GestureTool<State> {
  readonly cursor = 'crosshair';
  /** the colour of the next stroke (the toolbar's swatches set it) */
  color = INK_PALETTE[0];

  down(p: PointerInfo): void {
    this.state = { kind: 'drawing', points: [p.world.x, p.world.y] };
  }

  move(p: PointerInfo): void {
    const pts = this.state?.points;
    if (!pts) return;
    const lx = pts[pts.length - 2], ly = pts[pts.length - 1];
    // a point every 2 screen pixels is smooth enough
    if (Math.hypot(p.world.x - lx, p.world.y - ly) * this.ctx.camera.zoom >= 2 && pts.length < MAX_POINTS) pts.push(p.world.x, p.world.y);
    this.feedback({ ink: { points: pts, color: this.color, size: 3 } });
  }

  up(): void {
    const stroke = this.end();
    if (stroke && this.ctx.client.canEdit) this.ctx.actions.submit(createInkOps(this.ctx.doc(), randomId(12), stroke.points, this.color));
  }
}
