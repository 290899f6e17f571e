// The pen tool (P): draw an ink stroke in the chosen colour; the tool stays on for the next
// stroke. States: idle → drawing.
import { createInkOps } from '../../edit/create';
import { randomId } from '../../model/ids';
import { INK_PALETTE } from '../../render/theme';
import type { BoardContext } from '../context';
import type { PointerInfo, Tool } from './tool';

type State = { kind: 'idle' } | { kind: 'drawing'; points: number[] };

const MAX_POINTS = 2000;

export class PenTool implements Tool {
  readonly cursor = 'crosshair';
  /** the colour of the next stroke (the toolbar's swatches set it) */
  color = INK_PALETTE[0];
  private state: State = { kind: 'idle' };

  constructor(private readonly ctx: BoardContext) {}

  get active(): boolean { return this.state.kind !== 'idle'; }

  down(p: PointerInfo): void {
    this.state = { kind: 'drawing', points: [p.world.x, p.world.y] };
  }

  move(p: PointerInfo): void {
    const s = this.state;
    if (s.kind !== 'drawing') return;
    const pts = s.points;
    const lx = pts[pts.length - 2], ly = pts[pts.length - 1];
    // a point every 2 screen pixels is smooth enough
    if (Math.hypot(p.world.x - lx, p.world.y - ly) * this.ctx.camera.zoom >= 2 && pts.length < MAX_POINTS) pts.push(p.world.x, p.world.y);
    this.ctx.view.overlay.ink = { points: pts, color: this.color, size: 3 };
    this.ctx.view.requestRender();
  }

  up(): void {
    const s = this.state;
    this.cancel();
    if (s.kind !== 'drawing' || !this.ctx.client.canEdit) return;
    this.ctx.actions.submit(createInkOps(this.ctx.doc(), randomId(12), s.points, this.color));
  }

  cancel(): void { this.state = { kind: 'idle' }; }
}
