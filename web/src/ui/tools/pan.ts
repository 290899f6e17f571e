// The pan tool (H, or hold Space, or the middle / right button with any tool): dragging moves
// the camera. States: idle → panning.
import { GestureTool, PointerInfo } from './tool';

type State = { kind: 'panning'; sx: number; sy: number; cx: number; cy: number };

export class PanTool extends GestureTool<State> {
  readonly cursor = 'grab';

  down(p: PointerInfo): void {
    const cam = this.ctx.camera.current;
    this.state = { kind: 'panning', sx: p.screen.x, sy: p.screen.y, cx: cam.x, cy: cam.y };
  }

  move(p: PointerInfo): void {
    const s = this.state;
    if (!s) return;
    const z = this.ctx.camera.zoom;
    this.ctx.camera.set({ x: s.cx - (p.screen.x - s.sx) / z, y: s.cy - (p.screen.y - s.sy) / z });
  }

  up(): void { this.end(); }
}
