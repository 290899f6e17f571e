// What the parts of the board page share: the composition root (board.ts) implements this and
// hands itself to tools, panels, the editor and the facilitation UI.
import type { BoardDoc } from '../model/doc';
import type { BoardElement, Op, Props } from '../model/types';
import type { GridLayout } from '../render/layout';
import type { Sticky } from '../render/sticky';
import type { SyncClient } from '../sync/client';
import type { Authors } from './authors';
import type { CameraController } from './camera';
import type { CanvasView } from './canvas-view';
import type { TextEditor } from './editor';
import type { Selection } from './selection';

export type ToolId = 'select' | 'hand' | 'sticky' | 'text' | 'rect' | 'ellipse' | 'connector' | 'pen';

/** The edits the page makes: each is submitted, recorded for undo and reported when refused. */
export interface BoardActions {
  /** false (and a message to the user) when the edit is refused locally */
  submit(ops: Op[], record?: boolean): boolean;
  update(id: string, set: Props, unset?: string[]): void;
  deleteSelection(): void;
  addStructure(kind: 'stage' | 'lane'): void;
  moveStructure(id: string, dir: -1 | 1): void;
  undo(): void;
  redo(): void;
  selectAll(): void;
  duplicate(): void;
}

export interface BoardContext {
  readonly client: SyncClient;
  readonly camera: CameraController;
  readonly selection: Selection;
  readonly view: CanvasView;
  readonly editor: TextEditor;
  readonly actions: BoardActions;
  /** who else last changed what, and who types where */
  readonly authors: Authors;
  doc(): BoardDoc;
  layout(): GridLayout;
  /** the document's lock rule for my actor: the element refuses my edits */
  lockedForMe(id: string): boolean;
  setTool(tool: ToolId): void;
  /** where the sticky stage and lane headers are drawn now (world coordinates) */
  sticky(): Sticky;
  /** the top-most element under a world point (the sticky headers first) */
  hit(x: number, y: number): BoardElement | null;
  /** the last pointer position on the canvas, in world coordinates (paste goes there) */
  pointerWorld(): { x: number; y: number } | null;
}
