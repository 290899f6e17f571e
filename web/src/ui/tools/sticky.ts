// The sticky tool (S): a click opens a new sticky note there for typing, then the select tool
// comes back. No gesture states: it acts on the press.
import type { BoardContext } from '../context';
import type { PointerInfo, Tool } from './tool';

export class StickyTool implements Tool {
  readonly cursor = 'crosshair';
  readonly active = false;

  constructor(private readonly ctx: BoardContext) {}

  down(p: PointerInfo): void {
    if (this.ctx.client.canEdit) this.ctx.editor.newFreeText('sticky', p.world.x - 90, p.world.y - 70);
    this.ctx.setTool('select');
  }

  move(): void {}
  up(): void {}
  cancel(): void {}
}
