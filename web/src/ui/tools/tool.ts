// A tool is a small state machine (after tldraw's tool state nodes): it starts idle, a pointer
// down moves it to a gesture state (pointing, dragging, drawing …), the pointer up ends the
// gesture (usually with one submitted edit) and brings it back to idle. The input router sends
// it the pointer events of the canvas.
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
  /** forget the gesture in progress (a pinch started, the tool changed) */
  cancel(): void;
  /** the pointer moves with no gesture in progress */
  hover?(p: PointerInfo): void;
  dblclick?(p: PointerInfo): void;
}
