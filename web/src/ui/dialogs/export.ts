// Export: the whole board as a PNG (at a chosen scale, within the browser's canvas limits) or as
// the JSON export format, made here; and the server's hand-off documents (./handoff.ts).
import { downloadBlob, safeFileName } from '../../io/download';
import { exportBoard } from '../../io/exchange';
import type { BoardDoc } from '../../model/doc';
import type { GridLayout } from '../../render/layout';
import type { Renderer } from '../../render/renderer';
import { h, icon, toast } from '../dom';
import { t } from '../i18n';
import { renderLabels } from '../labels';
import { handoffButtons, HandoffSource } from './handoff';
import { openModal } from './modal';

export interface ExportSource {
  doc(): BoardDoc;
  layout(): GridLayout;
  renderer: Renderer;
  /** the board's title, or its id */
  name(): string;
  seq(): number | null;
  /** the board and this tab's token, for the server's documents */
  handoff?: HandoffSource;
}

export function openExport(src: ExportSource): void {
  let scale = 2;
  const scaleSel = h('select', { onchange: () => { scale = Number(scaleSel.value); } }, ...[1, 2, 3].map((s) => h('option', { value: s, text: `${s}×` })));
  scaleSel.value = '2';
  const m = openModal(t('export.title'), [
    h('div', { class: 'fp-title', text: t('export.local') }),
    h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('exportScale') }), scaleSel),
    h('div', { class: 'btn-row' },
      h('button', { class: 'btn primary', 'data-export': 'png', onclick: () => { m.close(); exportPng(src, scale); } }, icon('download'), t('exportPng')),
      h('button', { class: 'btn', 'data-export': 'json', onclick: () => { m.close(); exportJson(src); } }, icon('download'), t('exportJson'))),
    src.handoff ? h('div', { class: 'fp-title', text: t('export.handoff') }) : null,
    src.handoff ? handoffButtons(src.handoff, () => m.close()) : null,
  ], { testid: 'export-dialog', class: 'export-modal' });
}

export function exportJson(src: ExportSource): void {
  const data = exportBoard(src.doc(), src.name(), src.seq());
  downloadBlob(new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' }), `${safeFileName(src.name())}.json`);
}

/** Renders the whole board (not just the viewport) at the given scale into a canvas. */
export function renderPng(src: ExportSource, scale: number): HTMLCanvasElement | null {
  const L = src.layout();
  const pad = 40;
  const b = { x: L.bounds.x - pad, y: L.bounds.y - pad, w: L.bounds.w + 2 * pad, h: L.bounds.h + 2 * pad };
  // browsers refuse larger canvases
  const maxSide = 16000, maxArea = 120e6;
  scale = Math.min(scale, maxSide / b.w, maxSide / b.h, Math.sqrt(maxArea / (b.w * b.h)));
  if (!(scale > 0.05)) return null;
  const c = document.createElement('canvas');
  c.width = Math.ceil(b.w * scale);
  c.height = Math.ceil(b.h * scale);
  const ctx = c.getContext('2d', { alpha: false });
  if (!ctx) return null;
  ctx.scale(scale, scale);
  src.renderer.draw(ctx, {
    doc: src.doc(), layout: L, camera: { x: b.x, y: b.y, zoom: 1 }, width: b.w, height: b.h, selection: new Set(), peers: [], overlay: {},
    editingId: null, canEdit: false, canEditStructure: false, background: true, chrome: false, labels: renderLabels(), marks: null,
  });
  return c;
}

export function exportPng(src: ExportSource, scale: number): void {
  const c = renderPng(src, scale);
  if (!c) { toast(t('exportFailed'), 'error'); return; }
  c.toBlob((blob) => {
    if (blob) downloadBlob(blob, `${safeFileName(src.name())}.png`);
    else toast(t('exportFailed'), 'error');
  }, 'image/png');
}
