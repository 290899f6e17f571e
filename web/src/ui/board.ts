// The board page, put together: the sync client, the canvas with its camera, selection, tools,
// text editor and clipboard, the side panel, the top bar and the facilitation tools. Each part
// lives in its own file; this one only creates them and connects their events. It is the
// BoardContext the parts share.
import type { BoardDoc } from '../model/doc';
import type { BoardElement } from '../model/types';
import { hitTest } from '../render/hit';
import type { GridLayout } from '../render/layout';
import { Renderer } from '../render/renderer';
import type { Scene } from '../render/scene';
import type { Sticky } from '../render/sticky';
import { SyncClient } from '../sync/client';
import { BoardA11y } from './a11y';
import { Actions } from './actions';
import { Authors } from './authors';
import { socketUrl } from './board-api';
import { CameraController } from './camera';
import { CanvasView } from './canvas-view';
import { Clipboard } from './clipboard';
import { CommentsUi } from './comments/comments';
import { ConnectionChrome } from './connection';
import type { BoardContext, ToolId } from './context';
import { DataTools } from './data/tools';
import { ExportSource, openExport, renderPng } from './dialogs/export';
import { openShare } from './dialogs/share';
import { h } from './dom';
import { TextEditor } from './editor';
import { LinkCheck, showError, showFailure } from './errors';
import { Facilitation } from './facilitation/facilitation';
import { HistoryTools } from './history/history';
import { installTestHooks } from './hooks';
import { installCanvasHooks } from './hooks-canvas';
import { identity } from './identity';
import { onLangChange } from './i18n';
import { PointerInput } from './input';
import { ActionLoop } from './plan/action-loop';
import { renderLabels } from './labels';
import { LayoutCache } from './layout-cache';
import { SidePanel } from './panels/side-panel';
import { installPersonaImages } from './persona/images';
import { Selection } from './selection';
import { installShortcuts } from './shortcuts';
import { rememberBoard } from './storage';
import { Toolbar } from './toolbar';
import { ConnectorTool } from './tools/connector';
import { PanTool } from './tools/pan';
import { PenTool } from './tools/pen';
import { SelectTool } from './tools/select';
import { ShapeTool } from './tools/shape';
import { StickyTool } from './tools/sticky';
import { TextTool } from './tools/text';
import type { Tool } from './tools/tool';
import { TopBar } from './topbar';
import { confirmForeign } from './undo-confirm';
import { Hint, ZoomBar } from './zoombar';

export class BoardView implements BoardContext {
  readonly client: SyncClient;
  readonly view = new CanvasView();
  readonly camera = new CameraController(() => ({ width: this.view.width, height: this.view.height }), () => this.view.measureInsets());
  readonly selection = new Selection();
  readonly editor: TextEditor;
  readonly actions: Actions;
  readonly authors: Authors;
  private readonly a11y: BoardA11y;
  private readonly layouts = new LayoutCache(this.view.text);
  private readonly root: HTMLElement;
  private readonly topbar: TopBar;
  private readonly toolbar = new Toolbar();
  private readonly zoombar: ZoomBar;
  private readonly hint = new Hint();
  private readonly panel: SidePanel;
  private readonly facil: Facilitation;
  private readonly loop: ActionLoop;
  private readonly data: DataTools;
  private readonly input: PointerInput;
  private readonly clipboard: Clipboard;
  private readonly pen: PenTool;
  private readonly exportSource: ExportSource;
  private readonly conn: ConnectionChrome;
  private tool: ToolId = 'select';
  private labels = renderLabels();
  private fitted = false;
  private welcomeAt: number | null = null;

  constructor(host: HTMLElement, boardId: string, token: string, name: string, department: string | null = null) {
    const me = identity();
    const client = new SyncClient({ url: socketUrl(boardId, token), name, person: me.person, color: me.color, department });
    this.client = client;
    this.authors = new Authors(client);
    this.editor = new TextEditor(this);
    this.actions = new Actions(this, { edited: () => this.chrome(), showError, duplicate: () => this.clipboard.duplicate(), askForeign: (ids) => confirmForeign(this, ids) });
    this.a11y = new BoardA11y(this);
    this.panel = new SidePanel(this);
    this.exportSource = { doc: () => this.doc(), layout: () => this.layout(), renderer: this.view.renderer, name: () => client.board?.title || boardId, seq: () => client.confirmedSeq,
      handoff: { boardId, token, name: () => client.board?.title || boardId } };
    this.topbar = new TopBar({
      undo: () => this.actions.undo(), redo: () => this.actions.redo(), share: () => openShare({ boardId, token: () => this.conn.currentToken, role: () => client.role, dataSection: (data) => this.data.shareSection(data) }), export: () => openExport(this.exportSource),
      rename: () => void this.conn.rename(), deleteBoard: () => this.conn.deleteBoard(),
    });
    this.zoombar = new ZoomBar(this.camera, () => this.fit());
    const stage = h('div', { class: 'stage' }, this.view.canvas, ...this.a11y.nodes, this.editor.el, this.toolbar.el, this.zoombar.el, this.hint.el);
    this.root = h('div', { class: 'board-app' }, this.topbar.el, h('div', { class: 'main' }, stage, this.panel.el));
    host.replaceChildren(this.root);
    this.conn = new ConnectionChrome(client, { boardId, token, host, root: this.root, topbar: this.topbar.el, ctx: this });
    this.facil = new Facilitation(this, { boardId, stage, topActions: this.topbar.actions, refresh: () => this.refresh() });
    installPersonaImages(boardId, token, this.view);
    this.loop = new ActionLoop(this, { boardId, stage, topActions: this.topbar.actions });
    this.data = new DataTools(this, { boardId, token: () => this.conn.currentToken, stage, topActions: this.topbar.actions });
    new HistoryTools(this, { boardId, token: () => this.conn.currentToken, stage, topActions: this.topbar.actions });
    new CommentsUi(this, { stage, topActions: this.topbar.actions, facil: this.facil });

    const pan = new PanTool(this);
    this.pen = new PenTool(this);
    const tools: Record<ToolId, Tool> = {
      select: new SelectTool(this, this.facil), hand: pan, sticky: new StickyTool(this), text: new TextTool(this),
      rect: new ShapeTool(this, 'rect'), ellipse: new ShapeTool(this, 'ellipse'), connector: new ConnectorTool(this), pen: this.pen,
    };
    this.input = new PointerInput(this, tools, pan, () => this.tool, this.facil);
    this.clipboard = new Clipboard(this);
    installShortcuts(this, { root: this.root, currentTool: () => this.tool, setSpace: (down) => this.input.setSpace(down), fit: () => this.fit() });
    this.buildToolbar();
    this.view.start(stage, { scene: () => this.scene(), connected: () => client.state === 'connected', drawn: () => this.editor.position() });

    this.camera.onChange(() => {
      this.zoombar.update();
      client.setPresence({ viewport: this.camera.viewport() });
      this.view.requestRender();
    });
    this.selection.onChange(() => {
      client.setPresence({ selection: this.selection.list().slice(0, 200) });
      this.panel.render();
      this.a11y.selectionChanged();
      this.loop.update();
      this.view.requestRender();
    });
    client.on('change', (changes, local) => {
      this.onDocChange();
      this.a11y.changedSoon(local || changes === 'all' ? 0 : changes.length);
    });
    client.on('outbox', () => this.chrome());
    const linkCheck = new LinkCheck(client, boardId, () => this.conn.currentToken);
    client.on('state', (st) => {
      this.chrome();
      // a failed client already says why (a close code such as 4404): the check would only replace its words
      if (st !== 'connected' && st !== 'failed' && client.failedAttempts >= 3) void linkCheck.run();
    });
    client.on('peers', () => {
      this.topbar.renderAvatars(client);
      this.a11y.changedSoon();
      this.view.requestRender();
    });
    client.on('welcome', (msg) => {
      this.welcomeAt ??= performance.now();
      this.topbar.setTitle(msg.board.title || '');
      document.title = `${msg.board.title || 'Board'} · Journey Board`;
      rememberBoard({ id: boardId, title: msg.board.title, role: msg.you.role, url: this.conn.link });
      this.chrome();
      this.buildToolbar();
      if (!this.fitted) {
        this.fitted = true;
        this.fit(true);
      }
    });
    client.on('rejected', (code) => showError(code));
    client.on('failed', (failure) => {
      showFailure(this.root, failure);
      this.chrome();
    });
    client.on('error', (code, message) => {
      if (client.state === 'failed') return; // the failure says it
      if (code !== 'BOARD_UNAVAILABLE') console.warn('server error', code, message);
      else showError(code);
    });
    window.addEventListener('online', () => client.reconnectNow());
    onLangChange(() => {
      this.layouts.invalidate();
      this.labels = renderLabels();
      this.refresh();
      this.a11y.rebuild();
    });
    installTestHooks({
      client, camera: this.camera, view: this.view, selection: this.selection, editor: this.editor, layouts: this.layouts,
      doc: () => this.doc(), layout: () => this.layout(), welcomeAt: () => this.welcomeAt, facil: () => ({ ...this.facil.testState(), ...this.loop.testState() }),
      fit: () => this.fit(), png: (scale) => renderPng(this.exportSource, scale), conn: this.conn,
    });
    installCanvasHooks(this, this.a11y);
    this.chrome();
    client.connect();
  }

  // ------------------------------------------------------------------ BoardContext

  doc(): BoardDoc { return this.client.visible; }
  layout(): GridLayout { return this.layouts.get(this.doc()); }
  lockedForMe(id: string): boolean { return this.doc().isLockedFor(id, this.client.actor); }
  hit(x: number, y: number): BoardElement | null { return hitTest(this.doc(), this.layout(), x, y, this.camera.zoom, this.sticky()); }
  sticky(): Sticky { return Renderer.sticky({ layout: this.layout(), camera: this.camera.current, chrome: true, insets: this.view.insets }); }
  pointerWorld(): { x: number; y: number } | null { return this.input.pointerWorld; }

  setTool(tool: ToolId): void {
    if (!this.client.canEdit && tool !== 'select' && tool !== 'hand') return;
    this.tool = tool;
    this.buildToolbar();
    this.input.updateCursor();
  }

  // ------------------------------------------------------------------ wiring

  /** Zoom to fit the whole board; the first view fits the width only. */
  fit(initial = false): void { this.camera.fit(this.layout().bounds, initial); }

  private scene(): Omit<Scene, 'width' | 'height' | 'overlay' | 'insets'> {
    const c = this.client;
    return {
      doc: this.doc(), layout: this.layout(), camera: this.camera.current, selection: this.selection.set,
      peers: [...c.peers.values()].map((p) => ({ id: p.id, name: p.name, color: p.color, cursor: p.cursor, selection: p.selection, editing: p.editing })),
      editingId: this.editor.editingId, canEdit: c.canEdit, canEditStructure: c.role === 'facilitator', background: true, chrome: true,
      labels: this.labels, marks: this.facil.marks(), outOfScope: this.loop.outOfScope(),
    };
  }

  private buildToolbar(): void {
    this.toolbar.render({
      tool: this.tool, canEdit: this.client.canEdit, inkColor: this.pen.color,
      setTool: (tool) => this.setTool(tool),
      setInkColor: (color) => { this.pen.color = color; this.buildToolbar(); },
    });
  }

  /** Status, undo state, read-only look, zoom level, hint. */
  private chrome(): void {
    const c = this.client;
    this.topbar.update(c, this.actions.undoManager.canUndo, this.actions.undoManager.canRedo);
    this.root.classList.toggle('read-only', !c.canEdit);
    this.zoombar.update();
    this.hint.update(c, c.me ? this.layout() : null);
  }

  /** My role or the board lock changed, or the language: everything that depends on them. */
  private refresh(): void {
    this.buildToolbar();
    this.chrome();
    this.panel.invalidate();
    this.panel.render();
    this.loop.update();
    this.view.requestRender();
  }

  private onDocChange(): void {
    // forget selected elements that are gone
    this.selection.retain((id) => this.doc().has(id));
    this.editor.docChanged();
    this.chrome();
    this.panel.render();
    this.loop.update();
    this.view.requestRender();
  }

  destroy(): void {
    this.client.close();
    this.view.destroy();
  }
}
