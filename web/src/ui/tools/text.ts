// The text tool (T): a click opens a new text box there for typing, then the select tool comes
// back.
import { ClickTool, PointerInfo } from './tool';

export class TextTool extends ClickTool {
  down(p: PointerInfo): void {
    if (this.ctx.client.canEdit) this.ctx.editor.newFreeText('text', p.world.x, p.world.y - 16);
    this.ctx.setTool('select');
  }
}
