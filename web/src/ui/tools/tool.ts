// A tool is a small state machine (after tldraw's tool state nodes): it starts idle, a pointer
// down moves it to a gesture state (pointing, dragging, drawing …), the pointer up ends the
// gesture (usually with one submitted edit) and brings it back to idle. The input router sends
// it the pointer events of the canvas.
import type { Overlay } from '../../render/scene';
import type { BoardContext } from '../context';

export interface PointerInfo {
  /** canvas pixels */
  screen: { x: number; y: number };
  /** world coordinates */
  world: { x: number; y: number };
  button: number;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export interface Tool {
  /** the canvas cursor while the tool is idle */
  readonly cursor: string;
  /** a gesture is in progress */
  readonly active: boolean;
  down(p: PointerInfo): void;
  move(p: PointerInfo): void;
  up(p: PointerInfo): void;
  /** forget the gesture in progress (a second finger started a pinch) */
  cancel(): void;
  /** the pointer moves with no gesture in progress */
  hover?(p: PointerInfo): void;
  dblclick?(p: PointerInfo): void;
}

/**
 * A tool whose gesture state is `S` (a tagged union of its states but idle); null is idle. The
 * press sets the state, the release takes it with end(); feedback() draws the gesture.
 */
export abstract class GestureTool<S extends { kind: string }> implements Tool {
  abstract readonly cursor: string;
  protected state: S | null = null;

  constructor(protected readonly ctx: BoardContext) {}

  get active(): boolean { return this.state !== null; }

  abstract down(p: PointerInfo): void;
  abstract move(p: PointerInfo): void;
  abstract up(p: PointerInfo): void;

  cancel(): void { this.state = null; }

  /** The gesture that ends now (the tool is idle again), or null when there was none. */
  protected end(): S | null {
    const s = this.state;
    this.state = null;
    return s;
  }

  /** Shows the gesture in progress on the canvas. */
  protected feedback(o: Overlay): void {
    Object.assign(this.ctx.view.overlay, o);
    this.ctx.view.requestRender();
  }
}

/** A tool that acts on the press alone (no gesture states). */
export abstract class ClickTool implements Tool {
  readonly cursor = 'crosshair';
  readonly active = false;

  constructor(protected readonly ctx: BoardContext) {}

  abstract down(p: PointerInfo): void;
  move(): void {}
  up(): void {}
  cancel(): void {}
}
