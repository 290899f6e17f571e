// Copy, cut and paste of board items through the system clipboard (so another tab can paste
// them), with an in-memory copy for browsers that do not give the clipboard back; plain text
// pastes as a sticky at the pointer. Duplicate (Ctrl+D) pastes a copy next to the original.
import { inChunks } from '../edit/delete';
import { createStickyFromTextOps } from '../edit/create';
import { clipElements, clipText, parseClipText, pasteOps } from '../edit/paste';
import { randomId } from '../model/ids';
import type { BoardElement } from '../model/types';
import type { BoardContext } from './context';
import { isTyping, toast } from './dom';
import { t } from './i18n';

export class Clipboard {
  private copied: BoardElement[] | null = null;

  constructor(private readonly ctx: BoardContext) {
    document.addEventListener('copy', (e) => this.onCopy(e));
    document.addEventListener('cut', (e) => {
      if (isTyping(e.target) || !ctx.client.canEdit) return;
      this.onCopy(e);
      ctx.actions.deleteSelection();
    });
    document.addEventListener('paste', (e) => this.onPaste(e));
  }

  duplicate(): void {
    const els = clipElements(this.ctx.doc(), this.ctx.selection.list());
    if (els.length) this.paste(els, null);
  }

  private onCopy(e: ClipboardEvent): void {
    if (isTyping(e.target)) return;
    const els = clipElements(this.ctx.doc(), this.ctx.selection.list());
    if (!els.length) return;
    this.copied = els;
    e.clipboardData?.setData('text/plain', clipText(els));
    e.preventDefault();
  }

  private onPaste(e: ClipboardEvent): void {
    const { ctx } = this;
    if (isTyping(e.target) || !ctx.client.canEdit) return;
    let els = this.copied;
    const txt = e.clipboardData?.getData('text/plain');
    if (txt) {
      const parsed = parseClipText(txt);
      if (parsed) els = parsed;
      else if (parsed === undefined && txt.trim()) {
        // plain text: a sticky at the pointer
        e.preventDefault();
        const at = ctx.pointerWorld() ?? ctx.camera.toWorld(ctx.view.width / 2, ctx.view.height / 2);
        const id = randomId(12);
        if (ctx.actions.submit(createStickyFromTextOps(ctx.doc(), id, at, txt, ctx.client.limits.maxTextLength))) ctx.selection.select([id]);
        return;
      }
    }
    if (!els || !els.length) {
      toast(t('pasteFailed'));
      return;
    }
    e.preventDefault();
    this.paste(els, ctx.pointerWorld());
  }

  private paste(els: BoardElement[], at: { x: number; y: number } | null): void {
    const { ctx } = this;
    const ops = pasteOps(ctx.doc(), ctx.layout(), els, at, () => randomId(12));
    let ok = true;
    for (const chunk of inChunks(ops)) if (ok) ok = ctx.actions.submit(chunk);
    if (ok) ctx.selection.select(ops.flatMap((o) => (o.op === 'create' ? [o.id] : [])));
  }
}
