// The text tool (T): a click opens a new text box there for typing, then the select tool comes
// back. No gesture states: it acts on the press.
import type { BoardContext } from '../context';
import type { PointerInfo, Tool } from './tool';

export class TextTool implements Tool {
  readonly cursor = 'crosshair';
  readonly active = false;

  constructor(private readonly ctx: BoardContext) {}

  down(p: PointerInfo): void {
    if (this.ctx.client.canEdit) this.ctx.editor.newFreeText('text', p.world.x, p.world.y - 16);
    this.ctx.setTool('select');
  }

  move(): void {}
  up(): void {}
  cancel(): void {}
}
