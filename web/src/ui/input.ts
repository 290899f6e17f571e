// Pointer and wheel input of the canvas: routes presses to the current tool (or to panning:
// middle / right button, Space held, the hand tool), two fingers to a pinch zoom, the wheel to
// scroll (Ctrl / ⌘: zoom), and keeps the cursor shape and my presence cursor up to date.
import type { BoardElement } from '../model/types';
import type { BoardContext, ToolId } from './context';
import type { PanTool } from './tools/pan';
import type { PointerInfo, Tool } from './tools/tool';

/** A press during a dot vote may be a vote (the facilitation UI answers whether it used it). */
export interface VoteClicks {
  voteClick(hit: BoardElement | null, e: { button: number; shiftKey: boolean; altKey: boolean }): boolean;
}

type Pinch = { d0: number; z0: number; mid: { x: number; y: number } };

export class PointerInput {
  /** Space is held: any tool pans */
  private spaceDown = false;
  /** the tool that got the press, until the release */
  private active: Tool | null = null;
  private pinch: Pinch | null = null;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private world: { x: number; y: number } | null = null;

  constructor(
    private readonly ctx: BoardContext,
    private readonly tools: Record<ToolId, Tool>,
    private readonly pan: PanTool,
    private readonly currentTool: () => ToolId,
    private readonly votes: VoteClicks,
  ) {
    const c = ctx.view.canvas;
    c.addEventListener('pointerdown', (e) => this.down(e));
    c.addEventListener('pointermove', (e) => this.move(e));
    c.addEventListener('pointerup', (e) => this.up(e));
    c.addEventListener('pointercancel', (e) => this.up(e));
    c.addEventListener('pointerleave', () => {
      this.world = null;
      ctx.client.setPresence({ cursor: null });
      if (ctx.view.overlay.hoverCell) { ctx.view.overlay.hoverCell = null; ctx.view.requestRender(); }
    });
    c.addEventListener('dblclick', (e) => this.tools[this.currentTool()].dblclick?.(this.info(e)));
    c.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    c.addEventListener('contextmenu', (e) => e.preventDefault());
  }

  /** the last pointer position on the canvas, in world coordinates */
  get pointerWorld(): { x: number; y: number } | null { return this.world; }

  setSpace(down: boolean): void {
    if (this.spaceDown === down) return;
    this.spaceDown = down;
    this.updateCursor();
  }

  updateCursor(): void {
    const c = this.ctx.view.canvas;
    const tool = this.tools[this.currentTool()];
    if (this.active === this.pan) c.style.cursor = 'grabbing';
    else if (this.spaceDown) c.style.cursor = this.pan.cursor;
    else c.style.cursor = tool.cursor;
  }

  private info(e: PointerEvent | MouseEvent): PointerInfo {
    const screen = this.ctx.view.localPoint(e);
    return { screen, world: this.ctx.camera.toWorld(screen.x, screen.y), button: e.button, shiftKey: e.shiftKey, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey };
  }

  private down(e: PointerEvent): void {
    const { ctx } = this;
    // no default focus handling: a tool may open the text editor right away and must keep focus
    e.preventDefault();
    ctx.view.focus();
    if (ctx.editor.editing) ctx.editor.commit();
    const p = this.info(e);
    this.pointers.set(e.pointerId, p.screen);
    ctx.view.canvas.setPointerCapture(e.pointerId);
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      this.active?.cancel();
      this.active = null;
      this.pinch = { d0: Math.hypot(a.x - b.x, a.y - b.y), z0: ctx.camera.zoom, mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
      ctx.view.overlay = {};
      return;
    }
    const toolId = this.currentTool();
    if (toolId === 'select' && !this.spaceDown && this.votes.voteClick(ctx.hit(p.world.x, p.world.y), e)) return;
    let tool: Tool;
    if (e.button === 1 || e.button === 2 || this.spaceDown || toolId === 'hand') tool = this.pan;
    else if (e.button !== 0) return;
    else tool = this.tools[toolId];
    tool.down(p);
    this.active = tool.active ? tool : null;
    this.updateCursor();
  }

  private move(e: PointerEvent): void {
    const { ctx } = this;
    const p = this.info(e);
    if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, p.screen);
    this.world = p.world;
    ctx.client.setPresence({ cursor: { x: Math.round(p.world.x * 10) / 10, y: Math.round(p.world.y * 10) / 10 } });
    if (this.pinch) {
      if (this.pointers.size < 2) return;
      const [a, b] = [...this.pointers.values()];
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      ctx.camera.zoomAt(this.pinch.mid.x, this.pinch.mid.y, this.pinch.z0 * (d / Math.max(1, this.pinch.d0)));
      return;
    }
    if (this.active) this.active.move(p);
    else if (this.currentTool() === 'select') this.tools.select.hover?.(p);
  }

  private up(e: PointerEvent): void {
    const { ctx } = this;
    this.pointers.delete(e.pointerId);
    if (this.pinch) {
      if (this.pointers.size < 2) this.pinch = null;
      return;
    }
    const tool = this.active;
    this.active = null;
    ctx.view.overlay = {};
    this.updateCursor();
    if (!tool) return;
    tool.up(this.info(e));
    ctx.view.requestRender();
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const cam = this.ctx.camera;
    const p = this.ctx.view.localPoint(e);
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.ctx.view.height : 1;
    if (e.ctrlKey || e.metaKey) {
      // pinch-to-zoom on a touchpad arrives as ctrl+wheel with small deltas: make it quicker
      cam.zoomAt(p.x, p.y, cam.zoom * Math.exp(-e.deltaY * unit * 0.0025 * (e.ctrlKey && Math.abs(e.deltaY) < 10 ? 4 : 1)));
    } else {
      const dx = e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
      const dy = e.shiftKey && !e.deltaX ? 0 : e.deltaY;
      cam.panBy(dx * unit, dy * unit);
    }
  }
}
