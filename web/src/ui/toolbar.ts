// The tool bar over the canvas: select and pan for everyone, the drawing tools for editors, and
// the ink colours while the pen is on.
import { INK_PALETTE } from '../render/theme';
import type { ToolId } from './context';
import { h, icon } from './dom';
import { MsgKey, t } from './i18n';

const VIEW_TOOLS: [ToolId, MsgKey][] = [['select', 'toolSelect'], ['hand', 'toolHand']];
const EDIT_TOOLS: [ToolId, MsgKey][] = [['sticky', 'toolSticky'], ['text', 'toolText'], ['rect', 'toolRect'], ['ellipse', 'toolEllipse'], ['connector', 'toolConnector'], ['pen', 'toolPen']];

export interface ToolbarState {
  tool: ToolId;
  canEdit: boolean;
  inkColor: string;
  setTool(tool: ToolId): void;
  setInkColor(color: string): void;
}

export class Toolbar {
  readonly el: HTMLElement = h('div', { class: 'toolbar', role: 'toolbar' });

  render(s: ToolbarState): void {
    const tools = s.canEdit ? [...VIEW_TOOLS, ...EDIT_TOOLS] : VIEW_TOOLS;
    this.el.replaceChildren(...tools.map(([tool, label]) =>
      h('button', { class: `tool ${s.tool === tool ? 'active' : ''}`, title: t(label), 'aria-label': t(label), 'aria-pressed': String(s.tool === tool), 'data-tool': tool, onclick: () => s.setTool(tool) }, icon(tool))));
    if (s.canEdit && s.tool === 'pen') {
      this.el.append(h('div', { class: 'ink-colors' }, ...INK_PALETTE.map((c) =>
        h('button', { class: `swatch ${c === s.inkColor ? 'on' : ''}`, style: `background:${c}`, title: c, onclick: () => s.setInkColor(c) }))));
    }
  }
}
