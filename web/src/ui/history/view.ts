// The history overlay's map: its own canvas, camera and layout over the live board, drawing a
// past document read-only, without other people's cursors, with the "what changed" outlines.
// Drag pans, the wheel scrolls (Ctrl / ⌘ zooms). The live board goes on underneath untouched.
import { BoardDoc } from '../../model/doc';
import type { Highlight } from '../../render/highlights';
import type { Rect } from '../../render/layout';
import { CameraController } from '../camera';
import { CanvasView } from '../canvas-view';
import { h } from '../dom';
import { renderLabels } from '../labels';
import { LayoutCache } from '../layout-cache';

const NONE: ReadonlySet<string> = new Set();
/** drawn while the history loads */
const EMPTY = new BoardDoc();

export class HistoryMap {
  readonly el: HTMLElement;
  readonly view = new CanvasView();
  readonly camera = new CameraController(() => ({ width: this.view.width, height: this.view.height }));
  private readonly layouts = new LayoutCache(this.view.text);
  private doc: BoardDoc | null = null;
  private highlights: ReadonlyMap<string, Highlight> | undefined;
  private drag: { x: number; y: number } | null = null;
  private started = false;

  constructor() {
    this.el = h('div', { class: 'history-map', 'data-testid': 'history-map' }, this.view.canvas);
    this.camera.onChange(() => this.view.requestRender());
    const c = this.view.canvas;
    c.addEventListener('pointerdown', (e) => {
      this.drag = { x: e.clientX, y: e.clientY };
      c.setPointerCapture(e.pointerId);
    });
    c.addEventListener('pointermove', (e) => {
      if (!this.drag) return;
      this.camera.panBy(this.drag.x - e.clientX, this.drag.y - e.clientY);
      this.drag = { x: e.clientX, y: e.clientY };
    });
    const end = () => { this.drag = null; };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener('wheel', (e) => {
      e.preventDefault();
      if (e.ctrlKey || e.metaKey) {
        const p = this.view.localPoint(e);
        this.camera.zoomAt(p.x, p.y, this.camera.zoom * Math.exp(-e.deltaY * 0.002));
      } else this.camera.panBy(e.deltaX, e.deltaY);
    }, { passive: false });
  }

  /** Starts drawing once the element is in the page. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.view.start(this.el, {
      scene: () => {
        const doc = this.doc ?? EMPTY;
        return {
          doc, layout: this.layouts.get(doc), camera: this.camera.current, selection: NONE, peers: [], editingId: null,
          canEdit: false, canEditStructure: false, background: true, chrome: true, labels: renderLabels(), marks: null, highlights: this.highlights,
        };
      },
      connected: () => false,
      drawn: () => {},
    });
  }

  show(doc: BoardDoc, highlights?: ReadonlyMap<string, Highlight>): void {
    this.doc = doc;
    this.highlights = highlights;
    this.view.requestRender();
  }

  get shown(): BoardDoc | null { return this.doc; }

  /** Where a card is drawn now (null: not on the map shown). */
  cardBox(id: string): Rect | null {
    if (!this.doc) return null;
    const b = this.layouts.get(this.doc).cardById.get(id);
    return b ? { x: b.x, y: b.y, w: b.w, h: b.h } : null;
  }

  /** Centres the view on a card. */
  panTo(id: string): boolean {
    const r = this.cardBox(id);
    if (!r) return false;
    const z = this.camera.zoom;
    this.camera.set({ x: r.x + r.w / 2 - this.view.width / 2 / z, y: r.y + r.h / 2 - this.view.height / 2 / z });
    return true;
  }

  fit(): void {
    if (this.doc) this.camera.fit(this.layouts.get(this.doc).bounds, true);
  }

  invalidate(): void {
    this.layouts.invalidate();
    this.view.requestRender();
  }

  destroy(): void { this.view.destroy(); }
}
