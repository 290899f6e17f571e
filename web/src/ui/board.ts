// The board page: canvas view, tools, editing, selection, presence, side panel and top bar.
import { BoardDoc, Change, compareElements } from '../model/doc';
import { keyBetween, keysBetween } from '../model/fracindex';
import type { BoardElement, ErrorCode, Json, LaneKind, Op, Props } from '../model/types';
import { KANO_VALUES, LANE_KINDS, OpError } from '../model/types';
import { CARD_FONT, cellAt, elementBounds, freeBounds, G, GridLayout, insertionPoint, layoutBoard, Rect, rectsIntersect } from '../render/layout';
import { Camera, PeerView, Renderer, Overlay } from '../render/renderer';
import { TextLayout } from '../render/text';
import { INK_PALETTE, LANE_STYLE, PALETTE } from '../render/theme';
import { randomId } from '../model/ids';
import { REPLAY } from '../model/actor';
import { Failure, SyncClient } from '../sync/client';
import { UndoManager } from '../sync/undo';
import { exportBoard } from '../io/exchange';
import { downloadBlob, safeFileName } from '../io/download';
import { copyText, h, icon, initials, toast } from './dom';
import { hasKey, lang, MsgKey, onLangChange, setLang, t } from './i18n';
import { boardLinks, getName, rememberBoard, setName } from './storage';
import { Facilitation } from './facilitation';
import { renderLabels } from './labels';
import { addButtonRects } from '../render/grid';

type Tool = 'select' | 'hand' | 'sticky' | 'text' | 'rect' | 'ellipse' | 'connector' | 'pen';

interface Draft {
  /** element being edited, or null for a new one made on commit */
  id: string | null;
  rect: Rect;
  text: string;
  font: number;
  fill: string;
  prop: 'text' | 'title';
  build?: (text: string) => Op[];
}

type Gesture =
  | { kind: 'pan'; sx: number; sy: number; cx: number; cy: number }
  | { kind: 'press'; id: string; sx: number; sy: number; wx: number; wy: number; shift: boolean; started: boolean }
  | { kind: 'box'; wx: number; wy: number; base: Set<string> }
  | { kind: 'resize'; id: string; r: Rect }
  | { kind: 'shape'; shape: 'rect' | 'ellipse'; wx: number; wy: number }
  | { kind: 'connector'; from: string; wx: number; wy: number }
  | { kind: 'ink'; points: number[] }
  | { kind: 'pinch'; d0: number; z0: number; mid: { x: number; y: number } };

const CLIP_TAG = 'journey-board/clip';
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 4;

export function parseBoardLocation(loc: Location): { boardId: string; token: string } | null {
  const m = /^\/b\/([A-Za-z0-9_-]{1,64})\/?$/.exec(loc.pathname);
  const token = new URLSearchParams(loc.hash.replace(/^#/, '')).get('t');
  return m && token ? { boardId: m[1], token } : null;
}

export class BoardView {
  private readonly client: SyncClient;
  private readonly text = new TextLayout(measureWith(document.createElement('canvas').getContext('2d')!));
  private readonly renderer = new Renderer(this.text);
  private readonly undo = new UndoManager();
  private readonly root: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly editor: HTMLTextAreaElement;
  private readonly panel: HTMLElement;
  private readonly statusEl: HTMLElement;
  private readonly avatarsEl: HTMLElement;
  private readonly titleEl: HTMLElement;
  private readonly toolbar: HTMLElement;
  private readonly zoomLabel: HTMLElement;
  private readonly hintEl: HTMLElement;
  private readonly facil: Facilitation;

  private camera: Camera = { x: -40, y: -40, zoom: 1 };
  private width = 800;
  private height = 600;
  private dpr = 1;
  private layout: GridLayout | null = null;
  private layoutKey = '';
  private selection = new Set<string>();
  private tool: Tool = 'select';
  private spaceDown = false;
  private gesture: Gesture | null = null;
  private overlay: Overlay = {};
  private draft: Draft | null = null;
  private dirty = true;
  private rafPending = false;
  private fitted = false;
  private clipboard: BoardElement[] | null = null;
  private pointerWorld: { x: number; y: number } | null = null;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private panelKey = '';
  private inkColor = INK_PALETTE[0];
  private frames = 0;
  private firstRenderAt: number | null = null;
  private welcomeAt: number | null = null;
  private lastLayoutMs = 0;
  private readonly resizeObs: ResizeObserver;

  constructor(host: HTMLElement, private readonly boardId: string, token: string, name: string) {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.client = new SyncClient({ url: `${proto}//${location.host}/ws/boards/${encodeURIComponent(boardId)}?token=${encodeURIComponent(token)}`, name });

    this.canvas = h('canvas', { class: 'board-canvas', tabindex: 0, 'aria-label': 'board' });
    this.ctx = this.canvas.getContext('2d', { alpha: false })!;
    this.editor = h('textarea', { class: 'editor', spellcheck: false, 'aria-label': t('text') });
    this.editor.hidden = true;
    this.panel = h('aside', { class: 'panel' });
    this.panel.hidden = true;
    this.statusEl = h('div', { class: 'status', 'data-testid': 'status' });
    this.avatarsEl = h('div', { class: 'avatars' });
    this.titleEl = h('div', { class: 'board-title' });
    this.toolbar = h('div', { class: 'toolbar', role: 'toolbar' });
    this.zoomLabel = h('button', { class: 'zoom-label', onclick: () => this.zoomTo(1) });
    this.hintEl = h('div', { class: 'hint' });

    const top = h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '/', title: t('backHome') }, h('span', { class: 'logo' }), h('span', { class: 'brand-name', text: 'Journey Board' })),
      this.titleEl,
      this.statusEl,
      h('div', { class: 'spacer' }),
      this.avatarsEl,
      h('div', { class: 'top-actions' },
        this.iconButton('undo', 'undo', () => this.doUndo(), 'edit-only'),
        this.iconButton('redo', 'redo', () => this.doRedo(), 'edit-only'),
        this.iconButton('share', 'share', () => this.openShare()),
        this.iconButton('download', 'exportPng', () => this.openExport()),
        h('button', { class: 'btn-lang', onclick: () => setLang(lang() === 'zh' ? 'en' : 'zh'), title: 'Language / 语言' }, icon('globe'), h('span', { class: 'lang-label' }))));
    const zoombar = h('div', { class: 'zoombar' },
      this.iconButton('minus', 'zoomOut', () => this.zoomBy(1 / 1.2)),
      this.zoomLabel,
      this.iconButton('plus', 'zoomIn', () => this.zoomBy(1.2)),
      this.iconButton('fit', 'zoomFit', () => this.fit()));
    const stageWrap = h('div', { class: 'stage' }, this.canvas, this.editor, this.toolbar, zoombar, this.hintEl);
    this.root = h('div', { class: 'board-app' }, top, h('div', { class: 'main' }, stageWrap, this.panel));
    host.replaceChildren(this.root);
    this.facil = new Facilitation({
      client: this.client, boardId, stage: stageWrap, topActions: top.querySelector<HTMLElement>('.top-actions')!,
      doc: () => this.doc, layout: () => this.getLayout(), selection: () => [...this.selection],
      size: () => ({ width: this.width, height: this.height }), camera: () => ({ ...this.camera }),
      setCamera: (cam) => { this.camera = cam; this.cameraChanged(); }, announceViewport: () => this.cameraChanged(),
      refresh: () => { this.buildToolbar(); this.updateChrome(); this.panelKey = ''; this.renderPanel(); this.requestRender(); },
      requestRender: () => this.requestRender(), submit: (ops) => this.submit(ops, false),
    });

    this.buildToolbar();
    this.bindEvents();
    this.resizeObs = new ResizeObserver(() => this.resize());
    this.resizeObs.observe(stageWrap);
    this.resize();

    this.client.on('change', (changes, local) => this.onDocChange(changes, local));
    this.client.on('state', (st) => {
      this.updateChrome();
      if (st !== 'connected' && this.client.failedAttempts >= 3) void this.diagnose(token);
    });
    this.client.on('peers', () => {
      this.renderAvatars();
      this.requestRender();
    });
    this.client.on('welcome', (msg) => {
      this.welcomeAt ??= performance.now();
      this.titleEl.textContent = msg.board.title || '';
      document.title = `${msg.board.title || 'Board'} · Journey Board`;
      rememberBoard({ id: boardId, title: msg.board.title, role: msg.you.role, url: location.href });
      this.updateChrome();
      this.buildToolbar();
      if (!this.fitted) {
        this.fitted = true;
        this.fit(true);
      }
    });
    this.client.on('rejected', (code) => this.showError(code));
    this.client.on('failed', (failure) => this.showFailure(failure));
    this.client.on('error', (code, message) => {
      if (this.client.state === 'failed') return;
      if (code !== 'BOARD_UNAVAILABLE') console.warn('server error', code, message);
      else this.showError(code);
    });
    window.addEventListener('online', () => this.client.reconnectNow());
    onLangChange(() => {
      this.layoutKey = '';
      this.buildToolbar();
      this.updateChrome();
      this.panelKey = '';
      this.renderPanel();
      this.requestRender();
    });
    this.installHooks();
    this.updateChrome();
    this.client.connect();
  }

  // ------------------------------------------------------------------ chrome

  private iconButton(name: string, label: MsgKey, onclick: () => void, cls = ''): HTMLButtonElement {
    return h('button', { class: `icon-btn ${cls}`, title: t(label), 'aria-label': t(label), 'data-action': label, onclick }, icon(name));
  }

  private buildToolbar(): void {
    const tools: [Tool, string, MsgKey][] = [['select', 'select', 'toolSelect'], ['hand', 'hand', 'toolHand']];
    if (this.client.canEdit) {
      tools.push(['sticky', 'sticky', 'toolSticky'], ['text', 'text', 'toolText'], ['rect', 'rect', 'toolRect'],
        ['ellipse', 'ellipse', 'toolEllipse'], ['connector', 'connector', 'toolConnector'], ['pen', 'pen', 'toolPen']);
    }
    this.toolbar.replaceChildren(...tools.map(([tool, ic, label]) => {
      const b = h('button', { class: `tool ${this.tool === tool ? 'active' : ''}`, title: t(label), 'aria-label': t(label), 'aria-pressed': String(this.tool === tool), 'data-tool': tool, onclick: () => this.setTool(tool) }, icon(ic));
      return b;
    }));
    if (this.client.canEdit && this.tool === 'pen') {
      const sw = h('div', { class: 'ink-colors' }, ...INK_PALETTE.map((c) => h('button', { class: `swatch ${c === this.inkColor ? 'on' : ''}`, style: `background:${c}`, title: c, onclick: () => { this.inkColor = c; this.buildToolbar(); } })));
      this.toolbar.append(sw);
    }
  }

  private setTool(tool: Tool): void {
    if (!this.client.canEdit && tool !== 'select' && tool !== 'hand') return;
    this.tool = tool;
    this.buildToolbar();
    this.updateCursor();
  }

  private updateChrome(): void {
    const c = this.client;
    const unsent = c.pending.length;
    let cls = 'ok';
    let label = t('connected');
    if (c.state === 'connecting') { cls = 'wait'; label = t('connecting'); }
    else if (c.state === 'reconnecting') { cls = 'warn'; label = t('reconnecting') + (unsent ? ` · ${t('unsent', { n: c.unsentCount })}` : ''); }
    else if (c.state === 'failed') { cls = 'bad'; label = t('offline'); }
    else if (unsent) { cls = 'ok'; label = `${t('connected')} · ${t('unsent', { n: c.unsentCount })}`; }
    const ro = c.state !== 'failed' && !!c.me && !c.canEdit;
    const statusKey = `${cls}|${label}|${ro}`;
    if (statusKey !== this.statusKey) {
      this.statusKey = statusKey;
      this.statusEl.className = `status status-${cls}`;
      this.statusEl.dataset.state = c.state;
      this.statusEl.replaceChildren(h('span', { class: 'dot' }), h('span', { text: label }));
      if (ro) this.statusEl.append(h('span', { class: 'badge-ro', text: t('readOnly') }));
    }
    this.root.classList.toggle('read-only', !c.canEdit);
    const undoBtn = this.root.querySelector<HTMLButtonElement>('[data-action=undo]');
    const redoBtn = this.root.querySelector<HTMLButtonElement>('[data-action=redo]');
    if (undoBtn) undoBtn.disabled = !this.undo.canUndo;
    if (redoBtn) redoBtn.disabled = !this.undo.canRedo;
    this.root.querySelectorAll<HTMLElement>('.edit-only').forEach((el) => { el.hidden = !c.canEdit; });
    const ll = this.root.querySelector('.lang-label');
    if (ll) ll.textContent = t('language');
    this.zoomLabel.textContent = `${Math.round(this.camera.zoom * 100)}%`;
    const L = c.me ? this.getLayout() : null;
    let hint = '';
    if (c.me && !c.canEdit) hint = t('viewerHint');
    else if (c.me && L && L.cards.length === 0) {
      if (L.lanes.length && L.stages.length) hint = t('dblClickHint');
      else if (L.free.length === 0) hint = c.role === 'facilitator' ? t('blankHint') : t('blankHintEditor');
    }
    this.hintEl.textContent = hint;
    this.hintEl.hidden = !this.hintEl.textContent;
    this.renderAvatars();
  }

  private avatarsKey = '';
  private statusKey = '';

  private renderAvatars(): void {
    const c = this.client;
    const people = [...(c.me ? [{ ...c.me, me: true }] : []), ...[...c.peers.values()].map((p) => ({ ...p, me: false }))];
    const key = `${lang()}|${people.map((p) => `${p.id}:${p.name}:${p.role}:${p.color}`).join(',')}`;
    if (key === this.avatarsKey) return;
    this.avatarsKey = key;
    this.avatarsEl.replaceChildren(...people.slice(0, 8).map((p) =>
      h('div', { class: `avatar ${p.me ? 'me' : ''}`, style: `background:${safeColor(p.color)}`, title: `${p.name}${p.me ? ` (${t('you')})` : ''} · ${t(p.role)}`, 'data-role': p.role, 'data-cjk': /[\u2e80-\u9fff]/.test(p.name) },
        h('span', { text: initials(p.name) }),
        p.role !== 'editor' ? h('i', { class: `role role-${p.role}`, text: p.role === 'facilitator' ? '★' : '◉' }) : null)));
    if (people.length > 8) this.avatarsEl.append(h('div', { class: 'avatar more', text: `+${people.length - 8}` }));
  }

  private diagnosing = false;

  /** When the socket keeps failing, ask the HTTP API whether the link itself is the problem. */
  private async diagnose(token: string): Promise<void> {
    if (this.diagnosing) return;
    this.diagnosing = true;
    try {
      const r = await fetch(`/api/boards/${encodeURIComponent(this.boardId)}?token=${encodeURIComponent(token)}`);
      if (r.status === 404) this.client.fail('BOARD_NOT_FOUND');
      else if (r.status === 401 || r.status === 403) this.client.fail('UNAUTHORIZED');
    } catch {
      // server unreachable: keep retrying
    } finally {
      this.diagnosing = false;
    }
  }

  private showError(code: ErrorCode): void {
    const key = `err.${code}`;
    toast(hasKey(key) ? t(key) : code, 'error');
  }

  private showFailure(failure: Failure): void {
    const key = failure.kind === 'error' ? `err.${failure.code}` : `close.${failure.closeCode}`;
    const box = h('div', { class: 'failure' },
      h('h2', { text: t('failedTitle') }),
      h('p', { text: hasKey(key) ? t(key) : failure.kind === 'error' ? failure.code : String(failure.closeCode) }),
      h('a', { class: 'btn primary', href: '/', text: t('backHome') }));
    this.root.append(h('div', { class: 'modal-backdrop' }, box));
    this.updateChrome();
  }

  // ------------------------------------------------------------------ document & layout

  private get doc(): BoardDoc { return this.client.visible; }

  private getLayout(): GridLayout {
    const key = `${this.doc.version}|${lang()}|${this.doc.size}`;
    if (!this.layout || key !== this.layoutKey || (this.layout as unknown as { doc?: BoardDoc }).doc !== this.doc) {
      const t0 = performance.now();
      this.layout = layoutBoard(this.doc, this.text, lang(), { stage: t('stage'), lane: t('lane') });
      this.lastLayoutMs = performance.now() - t0;
      (this.layout as unknown as { doc?: BoardDoc }).doc = this.doc;
      this.layoutKey = key;
    }
    return this.layout;
  }

  private onDocChange(_changes: Change[] | 'all', _local: boolean): void {
    // forget selected elements that are gone
    let changed = false;
    for (const id of [...this.selection]) if (!this.doc.has(id)) { this.selection.delete(id); changed = true; }
    if (changed) this.selectionChanged();
    if (this.draft?.id && !this.doc.has(this.draft.id)) this.cancelEdit();
    this.updateChrome();
    this.renderPanel();
    this.requestRender();
  }

  /** Applies a local edit, records it for undo, and reports a refusal. */
  private submit(ops: Op[], record = true): boolean {
    if (!ops.length) return false;
    try {
      const changes = this.client.submit(ops);
      if (record) this.undo.record(changes);
      this.updateChrome();
      return true;
    } catch (e) {
      if (e instanceof OpError) this.showError(e.code);
      else throw e;
      return false;
    }
  }

  private doUndo(): void {
    if (!this.client.canEdit) return;
    try {
      this.undo.undo(this.doc, (ops) => this.client.submit(ops));
    } catch (e) {
      if (e instanceof OpError) this.showError(e.code);
    }
    this.updateChrome();
  }

  private doRedo(): void {
    if (!this.client.canEdit) return;
    try {
      this.undo.redo(this.doc, (ops) => this.client.submit(ops));
    } catch (e) {
      if (e instanceof OpError) this.showError(e.code);
    }
    this.updateChrome();
  }

  // ------------------------------------------------------------------ rendering

  requestRender(): void {
    this.dirty = true;
    if (this.rafPending) return;
    this.rafPending = true;
    requestAnimationFrame(() => {
      this.rafPending = false;
      if (this.dirty) this.render();
    });
  }

  private render(): void {
    this.dirty = false;
    const layout = this.getLayout();
    const ctx = this.ctx;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    const peers: PeerView[] = [];
    for (const p of this.client.peers.values()) peers.push({ id: p.id, name: p.name, color: p.color, cursor: p.cursor, selection: p.selection });
    this.renderer.draw(ctx, {
      doc: this.doc, layout, camera: this.camera, width: this.width, height: this.height, selection: this.selection, peers,
      overlay: this.overlay, editingId: this.draft?.id ?? null, canEdit: this.client.canEdit,
      canEditStructure: this.client.role === 'facilitator', background: true, chrome: true,
      labels: renderLabels(), marks: this.facil.marks(),
    });
    this.frames++;
    if (this.firstRenderAt === null && this.client.state === 'connected') this.firstRenderAt = performance.now();
    if (this.draft) this.positionEditor();
  }

  private resize(): void {
    const wrap = this.canvas.parentElement!;
    const r = wrap.getBoundingClientRect();
    this.width = Math.max(1, r.width);
    this.height = Math.max(1, r.height);
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.requestRender();
  }

  // ------------------------------------------------------------------ camera

  private toWorld(sx: number, sy: number): { x: number; y: number } {
    return { x: this.camera.x + sx / this.camera.zoom, y: this.camera.y + sy / this.camera.zoom };
  }

  private toScreen(wx: number, wy: number): { x: number; y: number } {
    return { x: (wx - this.camera.x) * this.camera.zoom, y: (wy - this.camera.y) * this.camera.zoom };
  }

  private localPoint(ev: { clientX: number; clientY: number }): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: ev.clientX - r.left, y: ev.clientY - r.top };
  }

  private zoomAt(sx: number, sy: number, zoom: number): void {
    zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    const w = this.toWorld(sx, sy);
    this.camera = { zoom, x: w.x - sx / zoom, y: w.y - sy / zoom };
    this.cameraChanged();
  }

  private zoomBy(f: number): void { this.zoomAt(this.width / 2, this.height / 2, this.camera.zoom * f); }
  private zoomTo(z: number): void { this.zoomAt(this.width / 2, this.height / 2, z); }

  /** Zoom to fit the whole board; the first view fits the width only (readable text, scroll down). */
  fit(initial = false): void {
    const b = this.getLayout().bounds;
    if (b.w <= 0 || b.h <= 0) return;
    const pad = 48;
    const zw = (this.width - 2 * pad) / b.w;
    const zh = (this.height - 2 * pad) / b.h;
    let z = initial ? Math.min(1, Math.max(0.5, zw)) : Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.min(zw, zh)));
    z = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
    const x = b.w * z < this.width - 2 * pad ? b.x - (this.width / z - b.w) / 2 : b.x - (pad + 24) / z;
    const y = !initial && b.h * z < this.height ? b.y - (this.height / z - b.h) / 2 : b.y - pad / z;
    this.camera = { zoom: z, x, y };
    this.cameraChanged();
  }

  private cameraChanged(): void {
    this.facil.cameraChanged();
    this.zoomLabel.textContent = `${Math.round(this.camera.zoom * 100)}%`;
    this.client.setPresence({ viewport: { x: this.camera.x, y: this.camera.y, w: this.width / this.camera.zoom, h: this.height / this.camera.zoom, zoom: this.camera.zoom } });
    this.requestRender();
  }

  // ------------------------------------------------------------------ hit testing

  /** Top-most element under a world point: free items over cards over headers. */
  private hitTest(x: number, y: number): BoardElement | null {
    const L = this.getLayout();
    const tol = 6 / this.camera.zoom;
    for (let i = L.free.length - 1; i >= 0; i--) {
      const el = L.free[i];
      if (el.type === 'connector') {
        if (this.hitConnector(el, x, y, tol)) return el;
        continue;
      }
      const r = freeBounds(el, this.doc, L);
      if (!r || x < r.x - tol || x > r.x + r.w + tol || y < r.y - tol || y > r.y + r.h + tol) continue;
      if (el.type === 'ink' && !this.hitInk(el, x, y, tol + ((el.props.size as number) ?? 3))) continue;
      if (el.type === 'shape' && this.shapeIsFrame(el, x, y, tol)) continue;
      return el;
    }
    for (let i = L.cards.length - 1; i >= 0; i--) {
      const b = L.cards[i];
      if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return b.el;
    }
    if (y >= 0 && y < G.headerH) {
      const s = L.stages.find((st) => x >= st.x && x < st.x + st.w);
      if (s) return s.el;
    }
    if (x >= 0 && x < G.headerW) {
      const l = L.lanes.find((ln) => y >= ln.y && y < ln.y + ln.h);
      if (l) return l.el;
    }
    return null;
  }

  /** A large shape with items inside acts as a frame: grab it by its border only. */
  private shapeIsFrame(el: BoardElement, x: number, y: number, tol: number): boolean {
    const r = freeBounds(el, this.doc, null)!;
    if (r.w < 240 || r.h < 160) return false;
    const inner = x > r.x + 16 + tol && x < r.x + r.w - 16 - tol && y > r.y + 16 + tol && y < r.y + r.h - 16 - tol;
    return inner;
  }

  private hitConnector(el: BoardElement, x: number, y: number, tol: number): boolean {
    const L = this.getLayout();
    const a = elementBounds(this.doc.get(el.props.from as string), this.doc, L);
    const b = elementBounds(this.doc.get(el.props.to as string), this.doc, L);
    if (!a || !b) return false;
    return distToSegment(x, y, a.x + a.w / 2, a.y + a.h / 2, b.x + b.w / 2, b.y + b.h / 2) <= tol + 2;
  }

  private hitInk(el: BoardElement, x: number, y: number, tol: number): boolean {
    const pts = el.props.points as number[];
    const ox = el.props.x as number, oy = el.props.y as number;
    if (pts.length === 2) return Math.hypot(ox + pts[0] - x, oy + pts[1] - y) <= tol;
    for (let i = 0; i + 3 < pts.length; i += 2) {
      if (distToSegment(x, y, ox + pts[i], oy + pts[i + 1], ox + pts[i + 2], oy + pts[i + 3]) <= tol) return true;
    }
    return false;
  }

  private hitAddButton(x: number, y: number): 'stage' | 'lane' | null {
    if (this.client.role !== 'facilitator') return null;
    const b = addButtonRects(this.getLayout());
    const inR = (r: Rect) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
    return inR(b.stage) ? 'stage' : inR(b.lane) ? 'lane' : null;
  }

  private hitResizeHandle(x: number, y: number): string | null {
    if (this.selection.size !== 1 || !this.client.canEdit) return null;
    const id = [...this.selection][0];
    const el = this.doc.get(id);
    if (!el || (el.type !== 'sticky' && el.type !== 'text' && el.type !== 'shape')) return null;
    const r = freeBounds(el, this.doc, null)!;
    const hs = 10 / this.camera.zoom;
    return Math.abs(x - (r.x + r.w)) <= hs && Math.abs(y - (r.y + r.h)) <= hs ? id : null;
  }

  // ------------------------------------------------------------------ events

  private bindEvents(): void {
    const c = this.canvas;
    c.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    c.addEventListener('pointermove', (e) => this.onPointerMove(e));
    c.addEventListener('pointerup', (e) => this.onPointerUp(e));
    c.addEventListener('pointercancel', (e) => this.onPointerUp(e));
    c.addEventListener('pointerleave', () => {
      this.pointerWorld = null;
      this.client.setPresence({ cursor: null });
      if (this.overlay.hoverCell) { this.overlay.hoverCell = null; this.requestRender(); }
    });
    c.addEventListener('dblclick', (e) => this.onDoubleClick(e));
    c.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    c.addEventListener('contextmenu', (e) => e.preventDefault());
    window.addEventListener('keydown', (e) => this.onKeyDown(e));
    window.addEventListener('keyup', (e) => {
      if (e.code === 'Space') { this.spaceDown = false; this.updateCursor(); }
    });
    window.addEventListener('blur', () => { this.spaceDown = false; });
    document.addEventListener('copy', (e) => this.onCopy(e));
    document.addEventListener('cut', (e) => {
      if (this.isTyping(e.target) || !this.client.canEdit) return;
      this.onCopy(e);
      this.deleteSelection();
    });
    document.addEventListener('paste', (e) => this.onPaste(e));
    this.editor.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape') { e.preventDefault(); this.cancelEdit(); return; }
      // IME: Enter while composing confirms the composition, it must not commit the card
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.commitEdit();
      }
    });
    this.editor.addEventListener('input', () => this.positionEditor());
    this.editor.addEventListener('blur', () => { if (this.draft) this.commitEdit(); });
  }

  private isTyping(target: EventTarget | null): boolean {
    const el = target as HTMLElement | null;
    return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
  }

  private updateCursor(): void {
    const c = this.canvas;
    if (this.gesture?.kind === 'pan') c.style.cursor = 'grabbing';
    else if (this.spaceDown || this.tool === 'hand') c.style.cursor = 'grab';
    else if (this.tool === 'select') c.style.cursor = 'default';
    else c.style.cursor = 'crosshair';
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const p = this.localPoint(e);
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.height : 1;
    if (e.ctrlKey || e.metaKey) {
      this.zoomAt(p.x, p.y, this.camera.zoom * Math.exp(-e.deltaY * unit * 0.0025 * (e.ctrlKey && Math.abs(e.deltaY) < 10 ? 4 : 1)));
    } else {
      const dx = e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
      const dy = e.shiftKey && !e.deltaX ? 0 : e.deltaY;
      this.camera = { ...this.camera, x: this.camera.x + (dx * unit) / this.camera.zoom, y: this.camera.y + (dy * unit) / this.camera.zoom };
      this.cameraChanged();
    }
  }

  private onPointerDown(e: PointerEvent): void {
    // no default focus handling: a tool may open the text editor right away and must keep focus
    e.preventDefault();
    this.canvas.focus({ preventScroll: true });
    if (this.draft) this.commitEdit();
    const p = this.localPoint(e);
    this.pointers.set(e.pointerId, p);
    this.canvas.setPointerCapture(e.pointerId);
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      this.gesture = { kind: 'pinch', d0: Math.hypot(a.x - b.x, a.y - b.y), z0: this.camera.zoom, mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
      this.overlay = {};
      return;
    }
    const w = this.toWorld(p.x, p.y);
    if (this.tool === 'select' && !this.spaceDown && this.facil.voteClick(this.hitTest(w.x, w.y), e)) return;
    if (e.button === 1 || e.button === 2 || this.spaceDown || this.tool === 'hand') {
      this.gesture = { kind: 'pan', sx: p.x, sy: p.y, cx: this.camera.x, cy: this.camera.y };
      this.updateCursor();
      return;
    }
    if (e.button !== 0) return;
    const canEdit = this.client.canEdit;
    switch (this.tool) {
      case 'sticky':
        if (canEdit) this.newFreeText('sticky', w.x - 90, w.y - 70);
        this.setTool('select');
        return;
      case 'text':
        if (canEdit) this.newFreeText('text', w.x, w.y - 16);
        this.setTool('select');
        return;
      case 'rect': case 'ellipse':
        this.gesture = { kind: 'shape', shape: this.tool, wx: w.x, wy: w.y };
        return;
      case 'connector': {
        const hit = this.hitTest(w.x, w.y);
        if (hit && hit.type !== 'connector') this.gesture = { kind: 'connector', from: hit.id, wx: w.x, wy: w.y };
        return;
      }
      case 'pen':
        this.gesture = { kind: 'ink', points: [w.x, w.y] };
        return;
    }
    // select tool
    const handle = this.hitResizeHandle(w.x, w.y);
    if (handle) {
      this.gesture = { kind: 'resize', id: handle, r: freeBounds(this.doc.get(handle)!, this.doc, null)! };
      return;
    }
    const add = this.hitAddButton(w.x, w.y);
    if (add) {
      this.addStructure(add);
      return;
    }
    const hit = this.hitTest(w.x, w.y);
    if (hit) {
      if (e.shiftKey || e.metaKey || e.ctrlKey) {
        if (this.selection.has(hit.id)) this.selection.delete(hit.id);
        else this.selection.add(hit.id);
        this.selectionChanged();
      } else if (!this.selection.has(hit.id)) {
        this.select([hit.id]);
      }
      this.gesture = { kind: 'press', id: hit.id, sx: p.x, sy: p.y, wx: w.x, wy: w.y, shift: e.shiftKey, started: false };
      return;
    }
    const base = e.shiftKey ? new Set(this.selection) : new Set<string>();
    if (!e.shiftKey && this.selection.size) this.select([]);
    this.gesture = { kind: 'box', wx: w.x, wy: w.y, base };
  }

  private onPointerMove(e: PointerEvent): void {
    const p = this.localPoint(e);
    if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, p);
    const w = this.toWorld(p.x, p.y);
    this.pointerWorld = w;
    this.client.setPresence({ cursor: { x: Math.round(w.x * 10) / 10, y: Math.round(w.y * 10) / 10 } });
    const g = this.gesture;
    if (!g) {
      if (this.client.canEdit && this.tool === 'select') {
        const cell = cellAt(this.getLayout(), w.x, w.y);
        const r = cell ? { x: cell.stage.x, y: cell.lane.y, w: cell.stage.w, h: cell.lane.h } : null;
        if (r?.x !== this.overlay.hoverCell?.x || r?.y !== this.overlay.hoverCell?.y) {
          this.overlay.hoverCell = r;
          this.requestRender();
        }
      }
      return;
    }
    switch (g.kind) {
      case 'pinch': {
        if (this.pointers.size < 2) return;
        const [a, b] = [...this.pointers.values()];
        const d = Math.hypot(a.x - b.x, a.y - b.y);
        this.zoomAt(g.mid.x, g.mid.y, g.z0 * (d / Math.max(1, g.d0)));
        return;
      }
      case 'pan':
        this.camera = { ...this.camera, x: g.cx - (p.x - g.sx) / this.camera.zoom, y: g.cy - (p.y - g.sy) / this.camera.zoom };
        this.cameraChanged();
        return;
      case 'press': {
        if (!this.client.canEdit || this.facil.lockedForMe(g.id)) return;
        const el = this.doc.get(g.id);
        if (!el || el.type === 'stage' || el.type === 'lane' || el.type === 'connector') return;
        if (!g.started && Math.hypot(p.x - g.sx, p.y - g.sy) < 4) return;
        g.started = true;
        const ids = this.dragIds(el);
        this.overlay.drag = { ids, dx: w.x - g.wx, dy: w.y - g.wy };
        this.overlay.hoverCell = null;
        if (el.type === 'card') this.updateDropTarget(w.x, w.y, ids);
        this.requestRender();
        return;
      }
      case 'box': {
        const r = normRect(g.wx, g.wy, w.x, w.y);
        this.overlay.box = r;
        const sel = new Set(g.base);
        const L = this.getLayout();
        for (const b of L.cards) if (rectsIntersect(b, r)) sel.add(b.el.id);
        for (const f of L.free) {
          const fr = freeBounds(f, this.doc, L);
          if (fr && rectsIntersect(fr, r)) sel.add(f.id);
        }
        this.selection = sel;
        this.requestRender();
        return;
      }
      case 'resize': {
        this.overlay.resize = { id: g.id, w: Math.max(24, w.x - g.r.x), h: Math.max(24, w.y - g.r.y) };
        this.requestRender();
        return;
      }
      case 'shape':
        this.overlay.shape = { rect: normRect(g.wx, g.wy, w.x, w.y), kind: g.shape };
        this.requestRender();
        return;
      case 'connector':
        this.overlay.connector = { from: { x: g.wx, y: g.wy }, to: w };
        this.requestRender();
        return;
      case 'ink': {
        const pts = g.points;
        const lx = pts[pts.length - 2], ly = pts[pts.length - 1];
        if (Math.hypot(w.x - lx, w.y - ly) * this.camera.zoom >= 2 && pts.length < 2000) pts.push(w.x, w.y);
        this.overlay.ink = { points: pts, color: this.inkColor, size: 3 };
        this.requestRender();
        return;
      }
    }
  }

  private onPointerUp(e: PointerEvent): void {
    this.pointers.delete(e.pointerId);
    const g = this.gesture;
    if (g?.kind === 'pinch') {
      if (this.pointers.size < 2) this.gesture = null;
      return;
    }
    this.gesture = null;
    const p = this.localPoint(e);
    const w = this.toWorld(p.x, p.y);
    const overlay = this.overlay;
    this.overlay = {};
    this.updateCursor();
    if (!g) return;
    const canEdit = this.client.canEdit;
    switch (g.kind) {
      case 'press': {
        if (!g.started || !canEdit || !overlay.drag) {
          if (!g.started && !g.shift && this.selection.size > 1 && this.selection.has(g.id)) this.select([g.id]);
          break;
        }
        const el = this.doc.get(g.id);
        if (!el) break;
        const dx = w.x - g.wx, dy = w.y - g.wy;
        const ops = el.type === 'card' ? this.cardDropOps(w.x, w.y, overlay.drag.ids) : [];
        ops.push(...this.translateOps(overlay.drag.ids, dx, dy));
        this.submit(ops);
        break;
      }
      case 'box':
        this.selectionChanged();
        break;
      case 'resize':
        if (overlay.resize && canEdit) this.submit([{ op: 'update', id: g.id, set: { w: round1(overlay.resize.w), h: round1(overlay.resize.h) } }]);
        break;
      case 'shape': {
        if (!canEdit) break;
        let r = normRect(g.wx, g.wy, w.x, w.y);
        if (r.w < 12 || r.h < 12) r = { x: g.wx - 80, y: g.wy - 50, w: 160, h: 100 };
        const id = randomId(12);
        if (this.submit([{ op: 'create', id, type: 'shape', parent: null, index: this.nextFreeIndex(), props: { shape: g.shape, x: round1(r.x), y: round1(r.y), w: round1(r.w), h: round1(r.h) } }])) this.select([id]);
        this.setTool('select');
        break;
      }
      case 'connector': {
        const to = this.hitTest(w.x, w.y);
        if (canEdit && to && to.type !== 'connector' && to.id !== g.from) {
          const id = randomId(12);
          if (this.submit([{ op: 'create', id, type: 'connector', parent: null, index: this.nextFreeIndex(), props: { from: g.from, to: to.id } }])) this.select([id]);
        }
        this.setTool('select');
        break;
      }
      case 'ink': {
        if (!canEdit) break;
        const pts = simplify(g.points, 1000);
        const x0 = pts[0], y0 = pts[1];
        const rel = pts.map((v, i) => round1(v - (i % 2 === 0 ? x0 : y0)));
        this.submit([{ op: 'create', id: randomId(12), type: 'ink', parent: null, index: this.nextFreeIndex(), props: { x: round1(x0), y: round1(y0), points: rel, size: 3, color: this.inkColor } }]);
        break;
      }
    }
    this.requestRender();
  }

  private onDoubleClick(e: MouseEvent): void {
    if (!this.client.canEdit || this.tool !== 'select' || this.facil.voting) return;
    const p = this.localPoint(e);
    const w = this.toWorld(p.x, p.y);
    const hit = this.hitTest(w.x, w.y);
    if (hit) {
      if (hit.type === 'card' || hit.type === 'sticky' || hit.type === 'text' || hit.type === 'shape') this.editElement(hit.id);
      else if ((hit.type === 'stage' || hit.type === 'lane') && this.client.role === 'facilitator') this.editElement(hit.id);
      return;
    }
    const cell = cellAt(this.getLayout(), w.x, w.y);
    if (cell) {
      this.newCard(cell.lane.el.id, cell.stage.el.id, w.x, w.y);
      return;
    }
    const g = this.getLayout().grid;
    if (w.x >= g.x && w.x <= g.x + g.w && w.y >= g.y && w.y <= g.y + g.h) return;
    this.newFreeText('sticky', w.x - 90, w.y - 70);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (this.isTyping(e.target) || this.root.querySelector('.modal-backdrop')) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const canEdit = this.client.canEdit;
    if (e.code === 'Space' && !mod) {
      this.spaceDown = true;
      this.updateCursor();
      e.preventDefault();
      return;
    }
    if (mod && key === 'z') {
      e.preventDefault();
      if (e.shiftKey) this.doRedo();
      else this.doUndo();
      return;
    }
    if (mod && key === 'y') { e.preventDefault(); this.doRedo(); return; }
    if (mod && key === 'd') { e.preventDefault(); if (canEdit) this.duplicate(); return; }
    if (mod && key === 'a') { e.preventDefault(); this.selectAll(); return; }
    if (mod && (key === '=' || key === '+')) { e.preventDefault(); this.zoomBy(1.2); return; }
    if (mod && key === '-') { e.preventDefault(); this.zoomBy(1 / 1.2); return; }
    if (mod && key === '0') { e.preventDefault(); this.zoomTo(1); return; }
    if (mod) return;
    switch (e.key) {
      case 'Delete': case 'Backspace':
        e.preventDefault();
        if (canEdit) this.deleteSelection();
        return;
      case 'Escape':
        if (this.tool !== 'select') this.setTool('select');
        else this.select([]);
        return;
      case '+': case '=': this.zoomBy(1.2); return;
      case '-': case '_': this.zoomBy(1 / 1.2); return;
      case '0': this.zoomTo(1); return;
      case '!': this.fit(); return;
      case 'Enter': {
        if (canEdit && this.selection.size === 1) {
          e.preventDefault();
          this.editElement([...this.selection][0]);
        }
        return;
      }
    }
    if (e.shiftKey && e.code === 'Digit1') { this.fit(); return; }
    const tools: Record<string, Tool> = { v: 'select', h: 'hand', s: 'sticky', t: 'text', r: 'rect', o: 'ellipse', c: 'connector', p: 'pen' };
    if (tools[key] && !e.altKey) this.setTool(tools[key]);
  }

  // ------------------------------------------------------------------ selection

  private select(ids: string[]): void {
    this.selection = new Set(ids);
    this.selectionChanged();
  }

  private selectAll(): void {
    const L = this.getLayout();
    this.select([...L.cards.map((b) => b.el.id), ...L.free.map((f) => f.id)]);
  }

  private selectionChanged(): void {
    this.client.setPresence({ selection: [...this.selection].slice(0, 200) });
    this.renderPanel();
    this.requestRender();
  }

  // ------------------------------------------------------------------ edits

  /** Ids that move with a drag of el: the selection (if el is in it) plus children of moved shapes. */
  private dragIds(el: BoardElement): Set<string> {
    const base = this.selection.has(el.id) ? [...this.selection] : [el.id];
    const ids = new Set<string>();
    for (const id of base) {
      const e = this.doc.get(id);
      if (!e || e.type === 'stage' || e.type === 'lane' || e.type === 'connector') continue;
      if (el.type === 'card' ? e.type !== 'card' && e.type !== 'sticky' && e.type !== 'text' && e.type !== 'shape' && e.type !== 'ink' : e.type === 'card') continue;
      ids.add(id);
    }
    // children of dragged shapes (frames) move along
    const queue = [...ids].filter((id) => this.doc.get(id)?.type === 'shape');
    while (queue.length) {
      const sid = queue.pop()!;
      for (const c of this.doc.values()) {
        if (c.parent === sid && !ids.has(c.id) && c.type !== 'connector') {
          ids.add(c.id);
          if (c.type === 'shape') queue.push(c.id);
        }
      }
    }
    return ids;
  }

  private updateDropTarget(x: number, y: number, ids: Set<string>): void {
    const L = this.getLayout();
    const cell = cellAt(L, x, y);
    if (!cell) {
      this.overlay.dropCell = null;
      this.overlay.dropLine = null;
      return;
    }
    this.overlay.dropCell = { x: cell.stage.x, y: cell.lane.y, w: cell.stage.w, h: cell.lane.h };
    const { before, after } = insertionPoint(L, cell.lane.el.id, cell.stage.el.id, x, y, ids);
    if (cell.lane.kind === 'emotions') {
      this.overlay.dropLine = null;
      return;
    }
    const ref = after ? L.cardById.get(after.id) : null;
    const nxt = before ? L.cardById.get(before.id) : null;
    const ly = ref ? ref.y + ref.h + G.cardGap / 2 : nxt ? nxt.y - G.cardGap / 2 : cell.lane.y + G.cellPad / 2;
    this.overlay.dropLine = { x: cell.stage.x + G.cellPad, y: ly, w: cell.stage.w - 2 * G.cellPad };
  }

  /** One message for a card drop: a move per card (+ an update of stage when the column changes). */
  private cardDropOps(x: number, y: number, ids: Set<string>): Op[] {
    const L = this.getLayout();
    const cell = cellAt(L, x, y);
    if (!cell) return [];
    const cards = [...ids].map((id) => L.cardById.get(id)).filter((b): b is NonNullable<typeof b> => !!b)
      .sort((a, b) => a.stage.i - b.stage.i || a.lane.i - b.lane.i || a.slot - b.slot);
    if (!cards.length) return [];
    const { before, after } = insertionPoint(L, cell.lane.el.id, cell.stage.el.id, x, y, ids);
    const lo = after?.index ?? null;
    let hi = before?.index ?? null;
    if (lo !== null && hi !== null && lo >= hi) hi = null;
    const keys = keysBetween(lo, hi, cards.length);
    const ops: Op[] = [];
    // in the emotion lane the drop height sets the score (+2 at the top, -2 at the bottom)
    let emotion: number | null = null;
    if (cell.lane.kind === 'emotions') {
      const top = cell.lane.y + G.cellPad + (cell.lane.h - 2 * G.cellPad - 4 * G.emotionLevel) / 2;
      emotion = Math.max(-2, Math.min(2, Math.round(2 - (y - top) / G.emotionLevel)));
    }
    cards.forEach((b, i) => {
      const el = b.el;
      const set: Props = {};
      if (el.props.stage !== cell.stage.el.id) set.stage = cell.stage.el.id;
      if (emotion !== null && el.props.emotion !== emotion) set.emotion = emotion;
      const samePlace = el.parent === cell.lane.el.id && el.props.stage === cell.stage.el.id && cards.length === 1
        && (after?.id === el.id || before?.id === el.id || (lo === null && hi === null));
      if (!samePlace) ops.push({ op: 'move', id: el.id, parent: cell.lane.el.id, index: keys[i] });
      if (Object.keys(set).length) ops.push({ op: 'update', id: el.id, set });
    });
    return ops;
  }

  private translateOps(ids: Set<string>, dx: number, dy: number): Op[] {
    if (Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5) return [];
    const ops: Op[] = [];
    for (const id of ids) {
      const el = this.doc.get(id);
      if (!el || el.type === 'card' || typeof el.props.x !== 'number') continue;
      ops.push({ op: 'update', id, set: { x: round1((el.props.x as number) + dx), y: round1((el.props.y as number) + dy) } });
    }
    // frames: an item dropped entirely inside a shape joins it; dropped outside its frame, it leaves
    for (const id of ids) {
      const el = this.doc.get(id);
      if (!el || el.type === 'card' || el.type === 'connector' || (el.parent !== null && ids.has(el.parent))) continue;
      const r0 = freeBounds(el, this.doc, null);
      if (!r0) continue;
      const frame = this.frameAt({ ...r0, x: r0.x + dx, y: r0.y + dy }, ids);
      const target = frame?.id ?? null;
      if (target !== el.parent) ops.push({ op: 'move', id, parent: target, index: this.nextChildIndex(target) });
    }
    return ops;
  }

  /** The smallest shape (not being moved) that fully contains r. */
  private frameAt(r: Rect, exclude: Set<string>): BoardElement | null {
    let best: BoardElement | null = null;
    let bestArea = Infinity;
    for (const e of this.doc.values()) {
      if (e.type !== 'shape' || exclude.has(e.id)) continue;
      const b = freeBounds(e, this.doc, null)!;
      if (r.x >= b.x && r.y >= b.y && r.x + r.w <= b.x + b.w && r.y + r.h <= b.y + b.h && b.w * b.h < bestArea) {
        best = e;
        bestArea = b.w * b.h;
      }
    }
    return best;
  }

  private nextChildIndex(parent: string | null): string {
    if (parent === null) return this.nextFreeIndex();
    let max: string | null = null;
    for (const e of this.doc.values()) if (e.parent === parent && (max === null || e.index > max)) max = e.index;
    return keyBetween(max, null);
  }

  private nextFreeIndex(): string {
    let max: string | null = null;
    for (const e of this.doc.values()) if (e.parent === null && e.type !== 'stage' && e.type !== 'lane' && (max === null || e.index > max)) max = e.index;
    return keyBetween(max, null);
  }

  private lastIndexIn(laneId: string, stageId: string): string | null {
    const list = this.getLayout().cells.get(`${laneId}|${stageId}`) ?? [];
    return list.length ? list[list.length - 1].el.index : null;
  }

  private deleteSelection(): void {
    const ids = [...this.selection].filter((id) => this.doc.has(id));
    if (!ids.length) return;
    const structural = ids.filter((id) => { const t0 = this.doc.get(id)!.type; return t0 === 'stage' || t0 === 'lane'; });
    if (structural.length) {
      if (this.client.role !== 'facilitator') return;
      const msg = this.doc.get(structural[0])!.type === 'stage' ? t('confirmDeleteStage') : t('confirmDeleteLane');
      if (!window.confirm(msg)) return;
    }
    // skip ids that a previous delete in this message already removes (children, cards of a stage)
    const scratch = this.doc.clone();
    const ops: Op[] = [];
    for (const id of ids) {
      if (!scratch.has(id)) continue;
      scratch.apply([{ op: 'delete', id }], REPLAY);
      ops.push({ op: 'delete', id });
    }
    for (let i = 0; i < ops.length; i += 400) this.submit(ops.slice(i, i + 400));
    this.select([]);
  }

  private addStructure(kind: 'stage' | 'lane'): void {
    const L = this.getLayout();
    const list = kind === 'stage' ? L.stages.map((s) => s.el) : L.lanes.map((l) => l.el);
    const last = list.length ? list[list.length - 1].index : null;
    const id = randomId(12);
    const props: Props = kind === 'stage' ? { title: `${t('newStage')} ${list.length + 1}` } : { title: t('newLane'), kind: 'custom' };
    if (this.submit([{ op: 'create', id, type: kind, parent: null, index: keyBetween(last, null), props }])) {
      this.select([id]);
      requestAnimationFrame(() => this.editElement(id));
    }
  }

  private moveStructure(id: string, dir: -1 | 1): void {
    const el = this.doc.get(id);
    if (!el) return;
    const L = this.getLayout();
    const list = el.type === 'stage' ? L.stages.map((s) => s.el) : L.lanes.map((l) => l.el);
    const i = list.findIndex((x) => x.id === id);
    const j = i + dir;
    if (i < 0 || j < 0 || j >= list.length) return;
    const rest = list.filter((x) => x.id !== id);
    const pos = dir > 0 ? j : j; // new position in rest
    const lo = pos > 0 ? rest[pos - 1].index : null;
    let hi = pos < rest.length ? rest[pos].index : null;
    if (lo !== null && hi !== null && lo >= hi) hi = null;
    this.submit([{ op: 'move', id, index: keyBetween(lo, hi) }]);
  }

  // ------------------------------------------------------------------ clipboard

  private clipElements(): BoardElement[] {
    const out = new Map<string, BoardElement>();
    for (const id of this.selection) {
      const el = this.doc.get(id);
      if (!el || el.type === 'stage' || el.type === 'lane') continue;
      out.set(id, el);
      if (el.type === 'shape') for (const c of this.doc.values()) if (c.parent === id && c.type !== 'connector') out.set(c.id, c);
    }
    // connectors whose ends are both copied come along
    for (const e of this.doc.values()) {
      if (e.type === 'connector' && out.has(e.props.from as string) && out.has(e.props.to as string)) out.set(e.id, e);
    }
    // connectors with a missing end cannot be pasted
    for (const [id, e] of out) if (e.type === 'connector' && !(out.has(e.props.from as string) && out.has(e.props.to as string))) out.delete(id);
    return [...out.values()];
  }

  private onCopy(e: ClipboardEvent): void {
    if (this.isTyping(e.target)) return;
    const els = this.clipElements();
    if (!els.length) return;
    this.clipboard = els;
    e.clipboardData?.setData('text/plain', JSON.stringify({ type: CLIP_TAG, elements: els }));
    e.preventDefault();
  }

  private onPaste(e: ClipboardEvent): void {
    if (this.isTyping(e.target) || !this.client.canEdit) return;
    let els = this.clipboard;
    const txt = e.clipboardData?.getData('text/plain');
    if (txt) {
      try {
        const data = JSON.parse(txt) as { type?: string; elements?: BoardElement[] };
        if (data.type === CLIP_TAG && Array.isArray(data.elements)) els = data.elements;
      } catch {
        // plain text: paste as a sticky at the pointer
        if (txt.trim()) {
          e.preventDefault();
          const at = this.pointerWorld ?? this.toWorld(this.width / 2, this.height / 2);
          const id = randomId(12);
          if (this.submit([{ op: 'create', id, type: 'sticky', parent: null, index: this.nextFreeIndex(), props: { x: round1(at.x - 90), y: round1(at.y - 70), w: 180, h: 140, text: txt.slice(0, this.client.limits.maxTextLength) } }])) this.select([id]);
          return;
        }
      }
    }
    if (!els || !els.length) {
      toast(t('pasteFailed'));
      return;
    }
    e.preventDefault();
    this.pasteElements(els, this.pointerWorld);
  }

  private duplicate(): void {
    const els = this.clipElements();
    if (els.length) this.pasteElements(els, null);
  }

  /** Pastes copies: cards at the end of their cell (or of the hovered cell), free items offset or at the pointer. */
  private pasteElements(els: BoardElement[], at: { x: number; y: number } | null): void {
    const L = this.getLayout();
    const ids = new Map<string, string>();
    for (const e of els) ids.set(e.id, randomId(12));
    const cards = els.filter((e) => e.type === 'card').sort(compareElements);
    const free = els.filter((e) => e.type !== 'card' && e.type !== 'stage' && e.type !== 'lane');
    const ops: Op[] = [];
    // cards: into the hovered cell when they all came from one cell, else back into their own cells
    const cellsOf = new Set(cards.map((c) => `${c.parent}|${c.props.stage}`));
    const hover = at ? cellAt(L, at.x, at.y) : null;
    const byCell = new Map<string, BoardElement[]>();
    for (const c of cards) {
      let key = `${c.parent}|${c.props.stage}`;
      if (hover && cellsOf.size === 1) key = `${hover.lane.el.id}|${hover.stage.el.id}`;
      const [lane, stage] = key.split('|');
      if (!this.doc.get(lane) || this.doc.get(stage)?.type !== 'stage') continue;
      (byCell.get(key) ?? byCell.set(key, []).get(key)!).push(c);
    }
    for (const [key, list] of byCell) {
      const [lane, stage] = key.split('|');
      const keys = keysBetween(this.lastIndexIn(lane, stage), null, list.length);
      list.forEach((c, i) => ops.push({ op: 'create', id: ids.get(c.id)!, type: 'card', parent: lane, index: keys[i], props: { ...c.props, stage } }));
    }
    // free items: translate as a group
    let dx = 24, dy = 24;
    const pos = free.filter((f) => typeof f.props.x === 'number');
    if (at && pos.length) {
      const minX = Math.min(...pos.map((f) => f.props.x as number));
      const minY = Math.min(...pos.map((f) => f.props.y as number));
      dx = at.x - minX;
      dy = at.y - minY;
    }
    const rank = (e: BoardElement) => (e.type === 'shape' ? 0 : e.type === 'connector' ? 2 : 1);
    const freeKeys = keysBetween(this.nextFreeIndex(), null, free.length);
    [...free].sort((a, b) => rank(a) - rank(b)).forEach((f, i) => {
      const props: Props = { ...f.props };
      if (typeof props.x === 'number') { props.x = round1((props.x as number) + dx); props.y = round1((props.y as number) + dy); }
      if (f.type === 'connector') {
        const from = ids.get(props.from as string), to = ids.get(props.to as string);
        if (!from || !to) return;
        props.from = from;
        props.to = to;
      }
      const parent = f.parent && ids.has(f.parent) ? ids.get(f.parent)! : null;
      ops.push({ op: 'create', id: ids.get(f.id)!, type: f.type, parent, index: parent ? f.index : freeKeys[i], props });
    });
    // connectors must come after both ends: order cards/free by type
    ops.sort((a, b) => (isConnectorCreate(a) ? 1 : 0) - (isConnectorCreate(b) ? 1 : 0));
    let ok = true;
    for (let i = 0; i < ops.length && ok; i += 400) ok = this.submit(ops.slice(i, i + 400));
    if (ok) this.select(ops.map((o) => (o as { id: string }).id));
  }

  // ------------------------------------------------------------------ text editing

  private newCard(laneId: string, stageId: string, x: number, y: number): void {
    const L = this.getLayout();
    const lane = L.lanes.find((l) => l.el.id === laneId)!;
    const stage = L.stages.find((s) => s.el.id === stageId)!;
    const { before, after } = insertionPoint(L, laneId, stageId, x, y, new Set());
    const lo = after?.index ?? null;
    let hi = before?.index ?? null;
    if (lo !== null && hi !== null && lo >= hi) hi = null;
    const index = keyBetween(lo, hi);
    const ref = after ? L.cardById.get(after.id) : null;
    const top = ref ? ref.y + ref.h + G.cardGap : before ? L.cardById.get(before.id)!.y : lane.y + G.cellPad;
    const rect = lane.kind === 'emotions'
      ? { x: stage.x + G.cellPad, y: lane.y + lane.h / 2 - 24, w: stage.w - 2 * G.cellPad, h: 48 }
      : { x: stage.x + G.cellPad, y: top, w: stage.w - 2 * G.cellPad, h: 48 };
    const id = randomId(12);
    const extra: Props = {};
    if (lane.kind === 'emotions') {
      const top0 = lane.y + G.cellPad + (lane.h - 2 * G.cellPad - 4 * G.emotionLevel) / 2;
      extra.emotion = Math.max(-2, Math.min(2, Math.round(2 - (y - top0) / G.emotionLevel)));
      rect.y = top0 + (2 - (extra.emotion as number)) * G.emotionLevel - 24;
    }
    this.startEdit({
      id: null, rect, text: '', font: 14, fill: (LANE_STYLE[lane.kind] ?? LANE_STYLE.custom).card, prop: 'text',
      build: (text) => (text.trim() ? [{ op: 'create', id, type: 'card', parent: laneId, index, props: { stage: stageId, text, ...extra } }] : []),
    });
    this.pendingSelect = id;
  }

  private pendingSelect: string | null = null;

  private newFreeText(type: 'sticky' | 'text', x: number, y: number): void {
    const id = randomId(12);
    const index = this.nextFreeIndex();
    const rect = type === 'sticky' ? { x, y, w: 180, h: 140 } : { x, y, w: 240, h: 36 };
    const frame = this.frameAt(rect, new Set())?.id ?? null;
    const idx = frame ? this.nextChildIndex(frame) : index;
    this.startEdit({
      id: null, rect, text: '', font: type === 'sticky' ? 15 : 20, fill: type === 'sticky' ? '#fff3bf' : 'transparent', prop: 'text',
      build: (text) => (text.trim() ? [{ op: 'create', id, type, parent: frame, index: idx, props: { x: round1(x), y: round1(y), w: rect.w, h: rect.h, text, ...(type === 'text' ? { size: 20 } : {}) } }] : []),
    });
    this.pendingSelect = id;
  }

  editElement(id: string): void {
    const el = this.doc.get(id);
    if (!el || !this.client.canEdit || this.facil.lockedForMe(id)) return;
    const L = this.getLayout();
    if (el.type === 'stage' || el.type === 'lane') {
      if (this.client.role !== 'facilitator') return;
      const r = elementBounds(el, this.doc, L)!;
      const cur = el.type === 'stage' ? L.stages.find((s) => s.el.id === id)!.label : L.lanes.find((l) => l.el.id === id)!.label;
      this.startEdit({ id, rect: el.type === 'stage' ? { x: r.x + 6, y: 26, w: r.w - 12, h: 32 } : { x: 10, y: r.y + 8, w: G.headerW - 20, h: 60 }, text: cur, font: 15, fill: '#ffffff', prop: 'title' });
      return;
    }
    const r = elementBounds(el, this.doc, L);
    if (!r) return;
    const fill = (el.props.color as string) ?? (el.type === 'card' ? (LANE_STYLE[L.cardById.get(id)?.kind ?? 'custom']).card : el.type === 'sticky' ? '#fff3bf' : '#ffffff');
    const font = el.type === 'text' ? ((el.props.size as number) ?? 20) : el.type === 'card' ? 14 : 15;
    this.startEdit({ id, rect: r, text: (el.props.text as string) ?? '', font, fill: el.type === 'text' || el.type === 'shape' ? '#ffffff' : fill, prop: 'text' });
  }

  private startEdit(d: Draft): void {
    this.draft = d;
    const ed = this.editor;
    ed.value = d.text;
    ed.hidden = false;
    ed.style.background = d.fill === 'transparent' ? 'rgba(255,255,255,0.9)' : d.fill;
    this.positionEditor();
    ed.focus();
    ed.select();
    this.requestRender();
  }

  private positionEditor(): void {
    const d = this.draft;
    if (!d) return;
    const z = this.camera.zoom;
    const s = this.toScreen(d.rect.x, d.rect.y);
    const ed = this.editor;
    ed.style.left = `${s.x}px`;
    ed.style.top = `${s.y}px`;
    ed.style.width = `${Math.max(80, d.rect.w * z)}px`;
    ed.style.fontSize = `${d.font * z}px`;
    ed.style.lineHeight = `${(d.font === 14 ? G.lineH : d.font * 1.33) * z}px`;
    ed.style.padding = `${(d.prop === 'title' ? 4 : G.cardPad) * z}px`;
    ed.style.borderRadius = `${8 * z}px`;
    ed.style.height = 'auto';
    ed.style.height = `${Math.max(d.rect.h * z, ed.scrollHeight)}px`;
  }

  private commitEdit(): void {
    const d = this.draft;
    if (!d) return;
    this.draft = null;
    const text = this.editor.value.replace(/\s+$/, '');
    this.editor.hidden = true;
    if (d.build) {
      const ops = d.build(text);
      if (ops.length && this.submit(ops) && this.pendingSelect) this.select([this.pendingSelect]);
    } else if (d.id) {
      const el = this.doc.get(d.id);
      if (el && text !== (el.props[d.prop] ?? '')) {
        if (d.prop === 'title' && !text.trim()) this.submit([{ op: 'update', id: d.id, unset: ['title'] }]);
        else this.submit([{ op: 'update', id: d.id, set: { [d.prop]: text } }]);
      }
    }
    this.pendingSelect = null;
    this.canvas.focus({ preventScroll: true });
    this.requestRender();
  }

  private cancelEdit(): void {
    this.draft = null;
    this.pendingSelect = null;
    this.editor.hidden = true;
    this.canvas.focus({ preventScroll: true });
    this.requestRender();
  }

  // ------------------------------------------------------------------ side panel

  private renderPanel(): void {
    const ids = [...this.selection].filter((id) => this.doc.has(id));
    const els = ids.map((id) => this.doc.get(id)!);
    const key = `${ids.join(',')}|${els.map((e) => JSON.stringify(e.props) + e.index).join('|')}|${lang()}|${this.client.role}`;
    if (key === this.panelKey) return;
    if (this.panel.contains(document.activeElement) && this.panelKey.split('|')[0] === ids.join(',')) return; // don't disturb typing
    this.panelKey = key;
    if (!els.length) {
      this.panel.hidden = true;
      this.panel.replaceChildren();
      return;
    }
    this.panel.hidden = false;
    const ro = !this.client.canEdit || els.some((e) => this.facil.lockedForMe(e.id));
    const body: HTMLElement[] = [];
    if (els.length > 1) {
      body.push(h('h3', { text: t('selected', { n: els.length }) }));
      if (!ro) {
        body.push(this.colorRow(els));
        body.push(h('button', { class: 'btn danger', onclick: () => this.deleteSelection() }, icon('trash'), t('delete')));
      }
    } else {
      const el = els[0];
      if (el.type === 'card') body.push(...this.cardPanel(el, ro));
      else if (el.type === 'stage' || el.type === 'lane') body.push(...this.structurePanel(el, ro || this.client.role !== 'facilitator'));
      else body.push(...this.freePanel(el, ro));
    }
    if (this.client.canEdit && els.some((e) => this.facil.lockedForMe(e.id))) body.unshift(this.facil.lockNote());
    this.panel.replaceChildren(...body);
  }

  private update(id: string, set: Props, unset: string[] = []): void {
    const op: Op = { op: 'update', id };
    if (Object.keys(set).length) op.set = set;
    if (unset.length) op.unset = unset;
    this.submit([op]);
  }

  private field(label: string, control: HTMLElement): HTMLElement {
    return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control);
  }

  private readRow(label: string, value: string): HTMLElement {
    return h('div', { class: 'field' }, h('span', { class: 'field-label', text: label }), h('span', { class: 'field-value', text: value }));
  }

  private selectControl(value: Json | undefined, options: [string, string][], onchange: (v: string) => void): HTMLSelectElement {
    const sel = h('select', { onchange: () => onchange(sel.value) }, ...options.map(([v, l]) => h('option', { value: v, text: l })));
    sel.value = value === undefined ? '' : String(value);
    return sel;
  }

  private cardPanel(el: BoardElement, ro: boolean): HTMLElement[] {
    const p = el.props;
    const id = el.id;
    const L = this.getLayout();
    const box = L.cardById.get(id);
    const where = box ? `${box.stage.label} · ${box.lane.label}` : '';
    const out: HTMLElement[] = [h('div', { class: 'panel-kicker', text: `${t('card')} · ${where}` })];
    if (ro) {
      out.push(h('p', { class: 'panel-text', text: (p.text as string) || '' }));
      const rows: [string, string | undefined][] = [
        [t('emotion'), p.emotion !== undefined ? String(p.emotion) : undefined],
        [t('mot'), p.mot === true ? '★' : undefined],
        [t('kano'), p.kano ? t(`kano.${p.kano}` as MsgKey) : undefined],
        [t('csat'), p.csat !== undefined ? String(p.csat) : undefined],
        [t('nps'), p.nps !== undefined ? String(p.nps) : undefined],
        [t('ces'), p.ces !== undefined ? String(p.ces) : undefined],
        [t('owner'), p.owner as string | undefined],
        [t('votes'), p.votes !== undefined ? String(p.votes) : undefined],
      ];
      for (const [l, v] of rows) if (v !== undefined && v !== '') out.push(this.readRow(l, v));
      return out;
    }
    const ta = h('textarea', { class: 'panel-textarea', rows: 3, value: (p.text as string) ?? '' });
    ta.addEventListener('change', () => { if (ta.value !== (p.text ?? '')) this.update(id, { text: ta.value }); });
    out.push(this.field(t('text'), ta));
    // emotion segmented control
    const seg = h('div', { class: 'segmented', role: 'group' });
    for (const v of [null, -2, -1, 0, 1, 2] as (number | null)[]) {
      const on = v === null ? p.emotion === undefined : p.emotion === v;
      seg.append(h('button', {
        class: `seg ${on ? 'on' : ''} ${v === null ? '' : v > 0 ? 'good' : v < 0 ? 'bad' : 'neutral'}`, type: 'button', 'data-emotion': v === null ? 'none' : String(v),
        text: v === null ? t('none') : v > 0 ? `+${v}` : String(v),
        onclick: () => (v === null ? this.update(id, {}, ['emotion']) : this.update(id, { emotion: v })),
      }));
    }
    out.push(h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('emotion') }), seg));
    const mot = h('input', { type: 'checkbox', checked: p.mot === true, onchange: () => (mot.checked ? this.update(id, { mot: true }) : this.update(id, {}, ['mot'])) });
    out.push(h('label', { class: 'field check' }, mot, h('span', { text: t('mot') })));
    out.push(this.field(t('kano'), this.selectControl(p.kano, [['', t('none')], ...KANO_VALUES.map((k) => [k, t(`kano.${k}` as MsgKey)] as [string, string])],
      (v) => (v ? this.update(id, { kano: v }) : this.update(id, {}, ['kano'])))));
    const metricRow = h('div', { class: 'row3' });
    metricRow.append(
      this.field('CSAT', this.selectControl(p.csat, [['', t('none')], ...[1, 2, 3, 4, 5].map((n) => [String(n), String(n)] as [string, string])],
        (v) => (v ? this.update(id, { csat: Number(v) }) : this.update(id, {}, ['csat'])))),
      this.field('CES', this.selectControl(p.ces, [['', t('none')], ...[1, 2, 3, 4, 5, 6, 7].map((n) => [String(n), String(n)] as [string, string])],
        (v) => (v ? this.update(id, { ces: Number(v) }) : this.update(id, {}, ['ces'])))),
    );
    const nps = h('input', { type: 'number', min: -100, max: 100, step: 1, value: p.nps !== undefined ? String(p.nps) : '', placeholder: '—' });
    nps.addEventListener('change', () => {
      if (nps.value === '') return this.update(id, {}, ['nps']);
      const v = Math.round(Number(nps.value));
      if (Number.isFinite(v)) this.update(id, { nps: Math.max(-100, Math.min(100, v)) });
    });
    metricRow.append(this.field('NPS', nps));
    out.push(metricRow);
    const owner = h('input', { type: 'text', value: (p.owner as string) ?? '', placeholder: t('ownerPlaceholder') });
    owner.addEventListener('change', () => (owner.value.trim() ? this.update(id, { owner: owner.value.trim() }) : this.update(id, {}, ['owner'])));
    out.push(this.field(t('owner'), owner));
    const votes = (p.votes as number) ?? 0;
    out.push(h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('votes') }),
      h('div', { class: 'stepper' },
        h('button', { type: 'button', text: '−', onclick: () => (votes > 1 ? this.update(id, { votes: votes - 1 }) : this.update(id, {}, ['votes'])) }),
        h('span', { text: String(votes) }),
        h('button', { type: 'button', text: '+', onclick: () => this.update(id, { votes: votes + 1 }) }))));
    out.push(this.colorRow([el]));
    out.push(h('button', { class: 'btn danger', onclick: () => this.deleteSelection() }, icon('trash'), t('delete')));
    return out;
  }

  private colorRow(els: BoardElement[]): HTMLElement {
    const row = h('div', { class: 'swatches' });
    const apply = (c: string | null) => {
      const ops: Op[] = els.map((e) => (c ? { op: 'update', id: e.id, set: { color: c } } : { op: 'update', id: e.id, unset: ['color'] }));
      this.submit(ops);
    };
    row.append(h('button', { class: 'swatch default', title: t('none'), text: '∅', onclick: () => apply(null) }));
    const palette = els.every((e) => e.type === 'ink' || e.type === 'connector' || e.type === 'text') ? INK_PALETTE : PALETTE;
    for (const c of palette) row.append(h('button', { class: `swatch ${els.length === 1 && els[0].props.color === c ? 'on' : ''}`, style: `background:${c}`, title: c, onclick: () => apply(c) }));
    return h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('color') }), row);
  }

  private structurePanel(el: BoardElement, ro: boolean): HTMLElement[] {
    const isStage = el.type === 'stage';
    const L = this.getLayout();
    const lbl = isStage ? L.stages.find((s) => s.el.id === el.id)?.label ?? '' : L.lanes.find((l) => l.el.id === el.id)?.label ?? '';
    const out: HTMLElement[] = [h('div', { class: 'panel-kicker', text: isStage ? t('stage') : t('lane') }), h('h3', { text: lbl })];
    if (ro) {
      if (!isStage) out.push(this.readRow(t('kind'), t(`kind.${(el.props.kind as LaneKind) ?? 'custom'}` as MsgKey)));
      return out;
    }
    const title = h('input', { type: 'text', value: (el.props.title as string) ?? '', placeholder: t('titlePlaceholder') });
    title.addEventListener('change', () => (title.value.trim() ? this.update(el.id, { title: title.value.trim() }) : this.update(el.id, {}, ['title'])));
    out.push(this.field(t('title'), title));
    if (!isStage) {
      out.push(this.field(t('kind'), this.selectControl(el.props.kind, LANE_KINDS.map((k) => [k, t(`kind.${k}` as MsgKey)] as [string, string]), (v) => this.update(el.id, { kind: v }))));
    }
    out.push(h('div', { class: 'btn-row' },
      h('button', { class: 'btn', onclick: () => this.moveStructure(el.id, -1) }, icon(isStage ? 'left' : 'up'), isStage ? t('moveLeft') : t('moveUp')),
      h('button', { class: 'btn', onclick: () => this.moveStructure(el.id, 1) }, icon(isStage ? 'right' : 'down'), isStage ? t('moveRight') : t('moveDown'))));
    out.push(h('button', { class: 'btn danger', onclick: () => this.deleteSelection() }, icon('trash'), t('delete')));
    return out;
  }

  private freePanel(el: BoardElement, ro: boolean): HTMLElement[] {
    const names: Record<string, MsgKey> = { sticky: 'toolSticky', text: 'toolText', shape: 'shape', connector: 'toolConnector', ink: 'toolPen' };
    const out: HTMLElement[] = [h('div', { class: 'panel-kicker', text: t(names[el.type]).replace(/\s*[(（].*$/, '') })];
    if (typeof el.props.text === 'string' && el.props.text) out.push(h('p', { class: 'panel-text', text: el.props.text }));
    if (ro) return out;
    if (el.type === 'shape') {
      out.push(this.field(t('shape'), this.selectControl(el.props.shape ?? 'rect', [['rect', t('rect')], ['ellipse', t('ellipse')]], (v) => this.update(el.id, { shape: v }))));
    }
    if (el.type === 'text' || el.type === 'ink') {
      const sizes = el.type === 'text' ? [14, 20, 28, 40, 64] : [2, 3, 6, 10];
      out.push(this.field(t('size'), this.selectControl(el.props.size ?? (el.type === 'text' ? 20 : 3), sizes.map((s) => [String(s), String(s)] as [string, string]), (v) => this.update(el.id, { size: Number(v) }))));
    }
    out.push(this.colorRow([el]));
    out.push(h('button', { class: 'btn danger', onclick: () => this.deleteSelection() }, icon('trash'), t('delete')));
    return out;
  }

  // ------------------------------------------------------------------ share & export

  private openModal(title: string, ...content: HTMLElement[]): HTMLElement {
    const close = () => backdrop.remove();
    const box = h('div', { class: 'modal', role: 'dialog', 'aria-modal': 'true' },
      h('div', { class: 'modal-head' }, h('h2', { text: title }), h('button', { class: 'icon-btn', 'aria-label': 'close', text: '×', onclick: close })),
      ...content);
    const backdrop = h('div', { class: 'modal-backdrop', onclick: (e: MouseEvent) => { if (e.target === backdrop) close(); } }, box);
    backdrop.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
    this.root.append(backdrop);
    (box.querySelector('button, input') as HTMLElement | null)?.focus();
    return backdrop;
  }

  private openShare(): void {
    const links = boardLinks(this.boardId);
    if (!links) {
      this.openModal(t('share'), h('p', { text: t('shareUnknown') }));
      return;
    }
    this.openModal(t('share'), h('p', { class: 'muted', text: t('shareHint') }), linkList(links));
  }

  private openExport(): void {
    let scale = 2;
    const scaleSel = h('select', { onchange: () => { scale = Number(scaleSel.value); } }, ...[1, 2, 3].map((s) => h('option', { value: s, text: `${s}×` })));
    scaleSel.value = '2';
    const m = this.openModal(t('exportPng'),
      h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('exportScale') }), scaleSel),
      h('div', { class: 'btn-row' },
        h('button', { class: 'btn primary', onclick: () => { m.remove(); this.exportPng(scale); } }, icon('download'), t('exportPng')),
        h('button', { class: 'btn', onclick: () => { m.remove(); this.exportJson(); } }, icon('download'), t('exportJson'))));
  }

  private boardName(): string { return this.client.board?.title || this.boardId; }

  exportJson(): void {
    const data = exportBoard(this.doc, this.boardName(), this.client.confirmedSeq);
    downloadBlob(new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' }), `${safeFileName(this.boardName())}.json`);
  }

  /** Renders the whole board (not just the viewport) at the given scale into a PNG. */
  renderPng(scale: number): HTMLCanvasElement | null {
    const L = this.getLayout();
    const pad = 40;
    const b = { x: L.bounds.x - pad, y: L.bounds.y - pad, w: L.bounds.w + 2 * pad, h: L.bounds.h + 2 * pad };
    const maxSide = 16000, maxArea = 120e6;
    scale = Math.min(scale, maxSide / b.w, maxSide / b.h, Math.sqrt(maxArea / (b.w * b.h)));
    if (!(scale > 0.05)) return null;
    const c = document.createElement('canvas');
    c.width = Math.ceil(b.w * scale);
    c.height = Math.ceil(b.h * scale);
    const ctx = c.getContext('2d', { alpha: false });
    if (!ctx) return null;
    ctx.scale(scale, scale);
    this.renderer.draw(ctx, {
      doc: this.doc, layout: L, camera: { x: b.x, y: b.y, zoom: 1 }, width: b.w, height: b.h, selection: new Set(), peers: [], overlay: {},
      editingId: null, canEdit: false, canEditStructure: false, background: true, chrome: false, labels: renderLabels(), marks: null,
    });
    return c;
  }

  exportPng(scale: number): void {
    const c = this.renderPng(scale);
    if (!c) { toast(t('exportFailed'), 'error'); return; }
    c.toBlob((blob) => {
      if (blob) downloadBlob(blob, `${safeFileName(this.boardName())}.png`);
      else toast(t('exportFailed'), 'error');
    }, 'image/png');
  }

  // ------------------------------------------------------------------ test hooks

  private installHooks(): void {
    const self = this;
    const hooks = {
      get state() { return self.client.state; },
      get role() { return self.client.role; },
      get count() { return self.doc.size; },
      get cardCount() { let n = 0; for (const e of self.doc.values()) if (e.type === 'card') n++; return n; },
      get pending() { return self.client.pending.length; },
      get seq() { return self.client.confirmedSeq; },
      get selection() { return [...self.selection]; },
      get camera() { return { ...self.camera }; },
      get peers() { return [...self.client.peers.values()].map((p) => ({ id: p.id, name: p.name, role: p.role, cursor: p.cursor })); },
      get frames() { return self.frames; },
      get lastDrawMs() { return self.renderer.lastDrawMs; },
      get drawnCards() { return self.renderer.drawnCards; },
      get firstRenderAt() { return self.firstRenderAt; },
      get welcomeAt() { return self.welcomeAt; },
      get lastLayoutMs() { return self.lastLayoutMs; },
      get editing() { return !!self.draft; },
      get facil() { return self.facil.testState(); },
      elements: () => self.doc.toArray(),
      element: (id: string) => self.doc.get(id) ?? null,
      /** screen (client) rectangle of an element, for tests that click and drag */
      clientRect: (id: string) => {
        const el = self.doc.get(id);
        const r = elementBounds(el, self.doc, self.getLayout());
        if (!r) return null;
        const c = self.canvas.getBoundingClientRect();
        const s = self.toScreen(r.x, r.y);
        return { x: c.left + s.x, y: c.top + s.y, w: r.w * self.camera.zoom, h: r.h * self.camera.zoom };
      },
      /** client rectangle of the cell (lane, stage) */
      cellRect: (laneId: string, stageId: string) => {
        const L = self.getLayout();
        const lane = L.lanes.find((l) => l.el.id === laneId), stage = L.stages.find((s) => s.el.id === stageId);
        if (!lane || !stage) return null;
        const c = self.canvas.getBoundingClientRect();
        const s = self.toScreen(stage.x, lane.y);
        return { x: c.left + s.x, y: c.top + s.y, w: stage.w * self.camera.zoom, h: lane.h * self.camera.zoom };
      },
      setCamera: (cam: Partial<Camera>) => { self.camera = { ...self.camera, ...cam }; self.cameraChanged(); },
      fit: () => self.fit(),
      /** time of a full grid re-layout with warm text caches (what every remote edit costs) */
      measureRelayout: () => { self.layoutKey = ''; self.layout = null; self.getLayout(); return self.lastLayoutMs; },
      render: () => self.render(),
      dropConnection: () => self.client.dropConnection(),
      pngDataUrl: (scale = 1) => self.renderPng(scale)?.toDataURL('image/png') ?? null,
    };
    (window as unknown as { __jb: typeof hooks }).__jb = hooks;
  }

  destroy(): void {
    this.client.close();
    this.resizeObs.disconnect();
  }
}

export function linkList(links: Record<string, string>): HTMLElement {
  const rows: [string, MsgKey][] = [['facilitator', 'linkFacilitator'], ['edit', 'linkEdit'], ['view', 'linkView']];
  return h('div', { class: 'links' }, ...rows.filter(([k]) => links[k]).map(([k, label]) => {
    const input = h('input', { type: 'text', readonly: true, value: links[k], 'data-link': k, onfocus: () => input.select() });
    const btn = h('button', { class: 'btn', 'data-copy': k, text: t('copy') });
    btn.addEventListener('click', async () => {
      if (await copyText(links[k])) {
        btn.textContent = t('copied');
        setTimeout(() => { btn.textContent = t('copy'); }, 1500);
      }
    });
    return h('div', { class: `link-row link-${k}` }, h('span', { class: 'link-role', text: t(label) }), input, btn);
  }));
}

/** Asks for the display name once; remembered in localStorage. */
export function askName(host: HTMLElement): Promise<string> {
  const saved = getName();
  if (saved && saved.trim()) return Promise.resolve(saved.trim());
  return new Promise((resolve) => {
    const input = h('input', { type: 'text', maxlength: 64, placeholder: t('yourName'), 'data-testid': 'name-input', autocomplete: 'nickname' });
    const form = h('form', { class: 'modal name-modal' },
      h('h2', { text: t('yourName') }),
      h('p', { class: 'muted', text: t('namePrompt') }),
      input,
      h('button', { class: 'btn primary', type: 'submit', text: t('join') }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const name = [...input.value.trim()].slice(0, 64).join('');
      if (!name) { input.focus(); return; }
      setName(name);
      backdrop.remove();
      resolve(name);
    });
    const backdrop = h('div', { class: 'modal-backdrop' }, form);
    host.append(backdrop);
    input.focus();
  });
}

function measureWith(ctx: CanvasRenderingContext2D) {
  return (s: string, font: string): number => {
    if (ctx.font !== font) ctx.font = font;
    return ctx.measureText(s).width;
  };
}

function normRect(x0: number, y0: number, x1: number, y1: number): Rect {
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) };
}

/** Only #rrggbb colours reach CSS (the server assigns them, but never trust a string in a style). */
function safeColor(c: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(c) ? c : '#868e96';
}

function round1(v: number): number { return Math.round(v * 10) / 10; }

function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t0 = l2 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  t0 = Math.max(0, Math.min(1, t0));
  return Math.hypot(px - (ax + t0 * dx), py - (ay + t0 * dy));
}

/** Keeps at most max points of a polyline (flat list x0,y0,x1,y1…), first and last kept. */
function simplify(pts: number[], max: number): number[] {
  const n = pts.length / 2;
  if (n <= max) return pts.length >= 2 ? pts : [0, 0];
  const out: number[] = [];
  for (let i = 0; i < max; i++) {
    const j = Math.round((i * (n - 1)) / (max - 1));
    out.push(pts[2 * j], pts[2 * j + 1]);
  }
  return out;
}

function isConnectorCreate(op: Op): boolean { return op.op === 'create' && op.type === 'connector'; }

export { CARD_FONT };
