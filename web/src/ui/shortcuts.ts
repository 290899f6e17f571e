// Keyboard shortcuts of the board page (ignored while typing in a field or with a dialog open):
// tools by letter, Space to pan, undo / redo, duplicate, select all, delete, zoom, fit, Enter to
// type into the selected item, Escape back to the select tool or to no selection. On the canvas,
// Tab / Shift+Tab move the selection through the cards in reading order (past the last one the
// focus moves on as usual) and the arrow keys to the neighbouring card; the view follows.
import { Direction, neighbour, nextInOrder } from '../render/nav';
import { elementBounds, G } from '../render/layout';
import type { BoardContext, ToolId } from './context';
import { isTyping } from './dom';

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** Selects id and pans it into view, clear of the sticky headers. */
function selectAndReveal(ctx: BoardContext, id: string): void {
  ctx.selection.select([id]);
  const doc = ctx.doc();
  const r = elementBounds(doc.get(id), doc, ctx.layout());
  const z = ctx.camera.zoom;
  if (r) ctx.camera.reveal(r, { top: G.headerH * z, left: G.headerW * z });
}

const TOOL_KEYS: Record<string, ToolId> = { v: 'select', h: 'hand', s: 'sticky', t: 'text', r: 'rect', o: 'ellipse', c: 'connector', p: 'pen' };

export interface ShortcutHost {
  /** the board page (a dialog open in it takes the keys) */
  root: HTMLElement;
  currentTool(): ToolId;
  setSpace(down: boolean): void;
  fit(): void;
}

export function installShortcuts(ctx: BoardContext, host: ShortcutHost): void {
  const { actions, camera } = ctx;
  window.addEventListener('keydown', (e) => {
    if (isTyping(e.target) || host.root.querySelector('.modal-backdrop')) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const canEdit = ctx.client.canEdit;
    if (e.code === 'Space' && !mod) {
      host.setSpace(true);
      e.preventDefault();
      return;
    }
    if (mod) {
      const run = (fn: () => void) => { e.preventDefault(); fn(); };
      if (key === 'z') run(() => (e.shiftKey ? actions.redo() : actions.undo()));
      else if (key === 'y') run(() => actions.redo());
      else if (key === 'd') run(() => { if (canEdit) actions.duplicate(); });
      else if (key === 'a') run(() => actions.selectAll());
      else if (key === '=' || key === '+') run(() => camera.zoomBy(1.2));
      else if (key === '-') run(() => camera.zoomBy(1 / 1.2));
      else if (key === '0') run(() => camera.zoomTo(1));
      return;
    }
    const onCanvas = document.activeElement === ctx.view.canvas;
    if (e.key === 'Tab' && onCanvas && !e.altKey) {
      const cur = ctx.selection.size ? ctx.selection.list()[ctx.selection.size - 1] : null;
      const next = nextInOrder(ctx.layout(), cur, e.shiftKey);
      if (next) {
        e.preventDefault();
        selectAndReveal(ctx, next);
      }
      return;
    }
    if (ARROWS[e.key] && (onCanvas || document.activeElement === document.body)) {
      e.preventDefault();
      const cur = ctx.selection.size ? ctx.selection.list()[ctx.selection.size - 1] : null;
      const next = cur ? neighbour(ctx.doc(), ctx.layout(), cur, ARROWS[e.key]) : nextInOrder(ctx.layout(), null, false);
      if (next) selectAndReveal(ctx, next);
      return;
    }
    switch (e.key) {
      case 'Delete': case 'Backspace':
        e.preventDefault();
        if (canEdit) actions.deleteSelection();
        return;
      case 'Escape':
        if (host.currentTool() !== 'select') ctx.setTool('select');
        else ctx.selection.select([]);
        return;
      case '+': case '=': camera.zoomBy(1.2); return;
      case '-': case '_': camera.zoomBy(1 / 1.2); return;
      case '0': camera.zoomTo(1); return;
      case '!': host.fit(); return;
      case 'Enter': {
        if (canEdit && ctx.selection.size === 1) {
          e.preventDefault();
          ctx.editor.editElement(ctx.selection.list()[0]);
        }
        return;
      }
    }
    if (e.shiftKey && e.code === 'Digit1') { host.fit(); return; }
    if (TOOL_KEYS[key] && !e.altKey) ctx.setTool(TOOL_KEYS[key]);
  });
  window.addEventListener('keyup', (e) => {
    if (e.code === 'Space') host.setSpace(false);
  });
  window.addEventListener('blur', () => host.setSpace(false));
}
