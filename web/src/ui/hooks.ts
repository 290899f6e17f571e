// window.__jb: what the end-to-end tests, the perf script and the screenshots read and drive.
import type { BoardDoc } from '../model/doc';
import type { GridLayout } from '../render/layout';
import type { Camera } from '../render/scene';
import { elementBounds } from '../render/layout';
import type { SyncClient } from '../sync/client';
import type { CameraController } from './camera';
import type { ConnectionChrome } from './connection';
import type { CanvasView } from './canvas-view';
import type { TextEditor } from './editor';
import type { LayoutCache } from './layout-cache';
import type { Selection } from './selection';

export interface HookSources {
  client: SyncClient;
  camera: CameraController;
  view: CanvasView;
  selection: Selection;
  editor: TextEditor;
  layouts: LayoutCache;
  doc(): BoardDoc;
  layout(): GridLayout;
  welcomeAt(): number | null;
  facil(): Record<string, unknown>;
  fit(): void;
  png(scale: number): HTMLCanvasElement | null;
  conn?: ConnectionChrome;
}

export function installTestHooks(s: HookSources): void {
  const { client, camera, view } = s;
  /** a world rectangle in client (page) coordinates */
  const toClient = (x: number, y: number, w: number, h: number) => {
    const c = view.canvas.getBoundingClientRect();
    const p = camera.toScreen(x, y);
    return { x: c.left + p.x, y: c.top + p.y, w: w * camera.zoom, h: h * camera.zoom };
  };
  const hooks = {
    get state() { return client.state; },
    get role() { return client.role; },
    get count() { return s.doc().size; },
    get cardCount() { let n = 0; for (const e of s.doc().values()) if (e.type === 'card') n++; return n; },
    get pending() { return client.pending.length; },
    get seq() { return client.confirmedSeq; },
    get selection() { return s.selection.list(); },
    get camera() { return camera.current; },
    get peers() { return [...client.peers.values()].map((p) => ({ id: p.id, name: p.name, role: p.role, cursor: p.cursor })); },
    get frames() { return view.frames; },
    get lastDrawMs() { return view.renderer.lastDrawMs; },
    get drawnCards() { return view.renderer.drawnCards; },
    get firstRenderAt() { return view.firstRenderAt; },
    get welcomeAt() { return s.welcomeAt(); },
    get lastLayoutMs() { return s.layouts.lastLayoutMs; },
    get editing() { return s.editor.editing; },
    get facil() { return s.facil(); },
    /** the store refused an edit and saving waits for a retry */
    get savingPaused() { return client.savingPaused; },
    /** the status pill's words */
    get statusText() { return document.querySelector('[data-testid=status]')?.textContent ?? ''; },
    /** the last "board went back" notice */
    get notice() { return s.conn?.lastNotice ?? null; },
    get myName() { return client.me?.name ?? null; },
    get myColor() { return client.me?.color ?? null; },
    /** the emotion-round points of the last frame (mean, sd, min, max, n per stage; faded = compared round) */
    get emotionDrawn() { return view.renderer.lastEmotion; },
    /** persona profiles and avatar badges of the last frame, and whether each was drawn with its photo */
    get personas() { return view.renderer.lastPersonas; },
    elements: () => s.doc().toArray(),
    element: (id: string) => s.doc().get(id) ?? null,
    /** screen (client) rectangle of an element, for tests that click and drag */
    clientRect: (id: string) => {
      const doc = s.doc();
      const r = elementBounds(doc.get(id), doc, s.layout());
      return r ? toClient(r.x, r.y, r.w, r.h) : null;
    },
    /** client rectangle of the cell (lane, stage) */
    cellRect: (laneId: string, stageId: string) => {
      const L = s.layout();
      const lane = L.lanes.find((l) => l.el.id === laneId), stage = L.stages.find((st) => st.el.id === stageId);
      return lane && stage ? toClient(stage.x, lane.y, stage.w, lane.h) : null;
    },
    setCamera: (cam: Partial<Camera>) => camera.set(cam),
    fit: () => s.fit(),
    /** time of a full grid re-layout with warm text caches (what every remote edit costs) */
    measureRelayout: () => { s.layouts.invalidate(); s.layout(); return s.layouts.lastLayoutMs; },
    render: () => view.render(),
    dropConnection: () => client.dropConnection(),
    pngDataUrl: (scale = 1) => s.png(scale)?.toDataURL('image/png') ?? null,
  };
  (window as Window & { __jb?: typeof hooks }).__jb = hooks;
}
