// The sticky tool (S): a click opens a new sticky note there for typing, then the select tool
// comes back.
import { ClickTool, PointerInfo } from './tool';

export class StickyTool extends ClickTool {
  down(p: PointerInfo): void {
    if (this.ctx.client.canEdit) this.ctx.editor.newFreeText('sticky', p.world.x - 90, p.world.y - 70);
    this.ctx.setTool('select');
  }
}
