// The board's history in the page (issue 17 §1–3): a top-bar button opens the timeline over the
// live board: the board as it was at a past point (read-only, nobody's cursors), a slider with
// previous / next, the changes (who, when, what), the named versions, restore in place, what
// changed between two points or since my last visit, and the session replay at 1x–50x. Leaving
// it shows the live board again, which never stopped. Viewers get the replay and the comparison
// (the changes with names and restore need edit rights, as the server's history API does).
import './history.css';
import { BoardDoc, countOps } from '../../model/doc';
import { restoreOps } from '../../edit/restore';
import type { Highlight } from '../../render/highlights';
import type { BoardContext } from '../context';
import { h, icon, toast } from '../dom';
import { onLangChange, t } from '../i18n';
import { diffBoards, lastSeen, rememberSeen } from './diff';
import type { BoardDiff } from './diff';
import { HistoryApi } from './api';
import { HistoryControls } from './controls';
import { Player } from './player';
import { changesList, compareSection, KIND_COLORS, Tab, versionsList, versionsOf } from './side';
import type { CompareChoice } from './side';
import { Timeline } from './timeline';
import { HistoryMap } from './view';
import { timeText } from './words';

export interface HistoryHost {
  boardId: string;
  /** the tab's board token now */
  token(): string;
  /** the positioned wrapper of the canvas (the timeline covers it) */
  stage: HTMLElement;
  /** the top bar's action group (the history button goes there) */
  topActions: HTMLElement;
}

export class HistoryTools {
  private readonly api: HistoryApi;
  private readonly btn: HTMLButtonElement;
  private readonly el: HTMLElement;
  private readonly banner = h('div', { class: 'history-banner-text', 'data-testid': 'history-banner', role: 'status' });
  private readonly sideEl = h('div', { class: 'history-side-body' });
  private readonly roTag = h('span', { class: 'history-ro', text: t('history.readOnly') });
  private readonly backBtn = h('button', { class: 'btn', 'data-testid': 'history-close', text: t('history.back'), onclick: () => this.close() });
  private readonly tabsEl = h('div', { class: 'history-tabs', role: 'tablist' });
  private map: HistoryMap | null = null;
  private timeline: Timeline | null = null;
  private point = 0;
  private tab: Tab = 'changes';
  private diff: BoardDiff | null = null;
  /** the point the map shows and its document (mine to change: a fresh one from the timeline) */
  private shown: { point: number; doc: BoardDoc } | null = null;
  private diffLabel = '';
  private picked = { from: 'visit', to: 'now' };
  private loading = false;
  private readonly player: Player;
  private readonly controls: HistoryControls;
  /** the seq I had seen when this visit began (localStorage), for "since my last visit" */
  private readonly previousVisit: number | null;
  private seenTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ctx: BoardContext, host: HistoryHost) {
    this.api = new HistoryApi(host.boardId, () => host.token());
    this.controls = new HistoryControls({
      go: (p) => this.go(p),
      scrub: (p) => { this.player.pause(); this.go(p); },
      togglePlay: () => this.player.toggle(),
      setSpeed: (speed) => { this.player.setSpeed(speed); },
      restore: () => void this.restore(),
    });
    this.previousVisit = lastSeen(host.boardId);
    this.btn = h('button', { class: 'btn btn-history wide-only', 'data-action': 'history', 'data-testid': 'history-open', title: t('history.title'), onclick: () => void this.open() }, icon('clock', 16), h('span', { text: t('history.open') }));
    host.topActions.prepend(this.btn);
    this.el = h('div', { class: 'history-view', 'data-testid': 'history-view', hidden: true, role: 'dialog', 'aria-label': t('history.title') },
      h('div', { class: 'history-banner' }, this.banner,
        this.roTag, this.backBtn),
      h('div', { class: 'history-body' }, h('div', { class: 'history-main' }), h('aside', { class: 'history-side' }, this.tabsEl, this.sideEl)),
      this.controls.el);
    host.stage.append(this.el);
    this.player = new Player({
      point: () => this.point, last: () => this.timeline?.last ?? 0, atOf: (p) => this.timeline?.atOf(p) ?? null,
      show: (p) => this.go(p), changed: () => { this.renderControls(); if (!this.player?.playing) this.renderSide(); },
    });
    const { client } = ctx;
    // remember what I saw, for my next visit's "since my last visit"
    const seen = () => {
      if (this.seenTimer !== null) return;
      this.seenTimer = setTimeout(() => {
        this.seenTimer = null;
        if (client.confirmedSeq !== null) rememberSeen(host.boardId, client.confirmedSeq);
      }, 1000);
    };
    client.on('welcome', seen);
    client.on('applied', (m) => {
      seen();
      // the board moves on while I look: the timeline grows; standing at its end, I follow it
      const tl = this.timeline;
      if (!tl || !this.isOpen) return;
      const atEnd = this.point === tl.last;
      if (!tl.append({ seq: m.seq, at: m.at ?? null, ops: m.ops, name: m.name ?? null, server: m.client === '@server' })) return;
      if (atEnd && !this.player.playing && !this.diff) this.go(tl.last);
      else this.renderControls();
    });
    window.addEventListener('pagehide', () => { if (client.confirmedSeq !== null) rememberSeen(host.boardId, client.confirmedSeq); });
    this.el.addEventListener('keydown', (e) => {
      // the live board's shortcuts (Delete, paste, undo) must not act on it from the timeline
      e.stopPropagation();
      if (e.key === 'Escape') this.close();
      else if (e.key === 'ArrowLeft' && e.target === this.map?.view.canvas) this.go(this.point - 1);
      else if (e.key === 'ArrowRight' && e.target === this.map?.view.canvas) this.go(this.point + 1);
    });
    for (const ev of ['copy', 'cut', 'paste']) this.el.addEventListener(ev, (e) => e.stopPropagation());
    onLangChange(() => {
      this.btn.title = t('history.title');
      this.btn.querySelector('span')!.textContent = t('history.open');
      this.map?.invalidate();
      this.controls.labels();
      this.roTag.textContent = t('history.readOnly');
      this.backBtn.textContent = t('history.back');
      this.el.setAttribute('aria-label', t('history.title'));
      if (this.isOpen) this.renderAll();
    });
    installHooks(this);
  }

  get isOpen(): boolean { return !this.el.hidden; }
  get state() {
    const tl = this.timeline;
    return {
      open: this.isOpen, loading: this.loading, point: this.point, last: tl?.last ?? 0, seq: tl ? tl.seqOf(this.point) : null,
      playing: this.player.playing, speed: this.player.speed, banner: this.banner.textContent ?? '', previousVisit: this.previousVisit,
      diff: this.diff ? { added: this.diff.changes.filter((c) => c.kind === 'added').map((c) => c.id), removed: this.diff.changes.filter((c) => c.kind === 'removed').map((c) => c.id),
        changed: this.diff.changes.filter((c) => c.kind === 'changed').map((c) => c.id) } : null,
      cards: () => this.map?.shown?.toArray().filter((e) => e.type === 'card').map((e) => String(e.props.text ?? '')).sort() ?? [],
    };
  }

  /** Opens the timeline at the newest point (loads the history each time: it grows while I look). */
  async open(): Promise<void> {
    if (this.loading) return;
    if (!this.map) {
      this.map = new HistoryMap();
      this.el.querySelector('.history-main')!.append(this.map.el);
    }
    this.el.hidden = false;
    this.btn.classList.add('on');
    this.ctx.editor.commit();
    this.ctx.selection.select([]);
    this.map.start();
    this.loading = true;
    this.banner.textContent = t('history.loading');
    this.controls.hide();
    this.sideEl.replaceChildren();
    const replay = await this.api.replay();
    this.loading = false;
    if (!this.isOpen) return; // closed while it loaded
    if (!replay.ok) {
      this.banner.textContent = replay.status === 503 && replay.code === 'STORE_UNAVAILABLE' ? t('history.unavailable') : t('history.failed', { message: replay.message });
      return;
    }
    const r = replay.value;
    this.timeline = new Timeline(r.start, r.steps.map((s) => ({ seq: s.seq, at: s.at ?? null, ops: s.ops, name: null, server: false })));
    if (this.ctx.client.canEdit) {
      const names = await this.api.changes();
      if (names.ok) this.timeline.addNames(names.value);
      else console.warn('history names', names.code, names.message);
      if (!this.isOpen) return;
    }
    this.diff = null;
    this.shown = null;
    this.point = this.timeline.last;
    this.map.camera.set(this.ctx.camera.current);
    this.renderAll();
    this.map.view.focus();
  }

  close(): void {
    this.player.pause();
    this.el.hidden = true;
    this.btn.classList.remove('on');
    this.diff = null;
    this.ctx.view.focus();
  }

  /** Shows a point of the timeline (the comparison ends). */
  go(point: number): void {
    const tl = this.timeline;
    if (!tl) return;
    this.point = Math.max(0, Math.min(tl.last, point));
    this.diff = null;
    this.renderAll();
  }

  private renderAll(): void {
    this.renderMap();
    this.renderControls();
    // 300 rows per step would slow a 50x replay down: the list catches up when it stops
    if (!this.player.playing) this.renderSide();
  }

  private versions() { return versionsOf(this.ctx.doc().values()); }

  private renderMap(): void {
    const tl = this.timeline;
    if (!tl || !this.map) return;
    if (this.diff) {
      const marks = new Map<string, Highlight>();
      for (const [id, kind] of this.diff.kinds) marks.set(id, { color: KIND_COLORS[kind], removed: kind === 'removed' });
      this.map.show(this.diff.shown, marks);
      this.shown = null;
      this.banner.textContent = this.diffLabel;
      return;
    }
    const d = this.shown;
    // one step on from the point shown (the replay, "next"): apply that step to the shown board
    const doc = d && d.point + 1 === this.point ? tl.stepOn(d.doc, d.point) : tl.docAt(this.point);
    this.shown = { point: this.point, doc };
    this.map.show(doc);
    const time = timeText(tl.atOf(this.point));
    const seq = tl.seqOf(this.point);
    const version = this.versions().filter((v) => tl.pointOf(v.seq) === this.point && v.seq >= tl.startSeq).pop();
    this.banner.textContent = version ? t('history.viewingVersion', { time, name: version.name }) : t('history.viewing', { time });
    this.banner.dataset.seq = String(seq);
  }

  private renderControls(): void {
    const tl = this.timeline;
    if (!tl) return;
    this.controls.update({ point: this.point, last: tl.last, playing: this.player.playing, speed: this.player.speed,
      canRestore: this.ctx.client.canEdit && this.point < tl.last && !this.diff });
  }

  private renderSide(): void {
    const tabs: Tab[] = ['changes', 'versions', 'compare'];
    this.tabsEl.replaceChildren(...tabs.map((k) => h('button', {
      class: `history-tab${k === this.tab ? ' active' : ''}`, role: 'tab', 'aria-selected': String(k === this.tab), 'data-testid': `history-tab-${k}`,
      text: t(k === 'changes' ? 'history.tabChanges' : k === 'versions' ? 'history.tabVersions' : 'history.tabCompare'),
      onclick: () => { this.tab = k; this.renderSide(); },
    })));
    const tl = this.timeline;
    if (!tl) return;
    if (this.tab === 'changes') this.sideEl.replaceChildren(changesList(tl, this.point, (p) => this.go(p)));
    else if (this.tab === 'versions') {
      const save = this.ctx.client.role === 'facilitator' ? (name: string) => this.saveVersion(name) : null;
      this.sideEl.replaceChildren(versionsList(this.versions(), tl.startSeq, (seq) => this.go(tl.pointOf(seq)), save));
    } else this.sideEl.replaceChildren(this.compareTab(tl));
  }

  private compareTab(tl: Timeline): HTMLElement {
    const versions = this.versions().filter((v) => v.seq >= tl.startSeq);
    const vChoices: CompareChoice[] = versions.map((v) => ({ value: `v:${v.seq}`, label: v.name }));
    const froms: CompareChoice[] = [
      ...(this.previousVisit !== null ? [{ value: 'visit', label: t('history.sinceVisit') }] : []),
      { value: 'point', label: t('history.thisPoint') }, { value: 'oldest', label: t('history.oldest') }, ...vChoices];
    const tos: CompareChoice[] = [{ value: 'now', label: t('history.now') }, { value: 'point', label: t('history.thisPoint') }, ...vChoices];
    if (!froms.some((c) => c.value === this.picked.from)) this.picked.from = froms[0].value;
    const d = this.diff;
    const map = this.map!;
    const out = compareSection(froms, tos, this.picked, (from, to) => this.compare(from, to),
      d ? { changes: d.changes, placed: (id) => d.shown.has(id), pan: (id) => map.panTo(id) } : null);
    if (this.previousVisit === null) out.append(h('p', { class: 'history-empty', text: t('history.noVisit') }));
    return out;
  }

  /** Compares two points ("visit", "point", "oldest", "now" or "v:{seq}") and outlines the cards. */
  compare(from: string, to: string): void {
    const tl = this.timeline;
    if (!tl) return;
    this.picked = { from, to };
    const pointOf = (v: string): number => v === 'now' ? tl.last : v === 'point' ? this.point : v === 'oldest' ? 0
      : v === 'visit' ? tl.pointOf(this.previousVisit ?? 0) : tl.pointOf(Number(v.slice(2)));
    const labelOf = (v: string): string => v === 'now' ? t('history.now') : v === 'visit' ? t('history.sinceVisit') : v === 'point' ? timeText(tl.atOf(this.point))
      : v === 'oldest' ? t('history.oldest') : (this.versions().find((x) => `v:${x.seq}` === v)?.name ?? v);
    this.player.pause();
    this.diff = diffBoards(tl.docAt(pointOf(from)), tl.docAt(pointOf(to)));
    this.diffLabel = t('history.compareBanner', { from: labelOf(from), to: labelOf(to) });
    this.tab = 'compare';
    this.renderAll();
  }

  /** Restore in place: the board right after this point, from the server, becomes one undoable message. */
  private async restore(): Promise<void> {
    const tl = this.timeline;
    if (!tl) return;
    const seq = tl.seqOf(this.point);
    const time = timeText(tl.atOf(this.point));
    if (!window.confirm(t('history.restoreConfirm', { time }))) return;
    const past = await this.api.documentAt(seq);
    if (!past.ok) {
      toast(t('history.failed', { message: past.message }), 'error');
      return;
    }
    const ops = restoreOps(this.ctx.client.visible, new BoardDoc(past.value.elements));
    if (!ops.length) {
      toast(t('history.nothingToRestore'));
      return;
    }
    // one message, so that one undo takes it back: too big a difference is refused before anything is sent
    const { limits } = this.ctx.client;
    const bytes = new TextEncoder().encode(JSON.stringify(ops)).length + 64;
    if (countOps(ops) > limits.maxOpsPerMessage || bytes > limits.maxFrameBytes) {
      toast(t('history.restoreTooLarge', { n: countOps(ops), max: limits.maxOpsPerMessage }), 'error');
      return;
    }
    if (this.ctx.actions.submit(ops)) {
      toast(t('history.restored', { time }));
      this.close();
    }
  }

  private saveVersion(name: string): void {
    if ([...name].length > 100) {
      toast(t('history.versionTooLong'), 'error');
      return;
    }
    if (!this.ctx.client.send({ type: 'facilitate', action: 'version.save', name })) {
      toast(t('err.network'), 'error');
      return;
    }
    // saved when the server's version element arrives (durable, in everyone's list); a refusal is an error message
    const { client } = this.ctx;
    const offs: (() => void)[] = [];
    const done = () => { for (const off of offs.splice(0)) off(); };
    offs.push(client.on('applied', (m) => {
      const made = m.ops.some((op) => op.op === 'create' && op.type === 'version' && op.props.name === name);
      if (!made) return;
      done();
      toast(t('history.versionSaved', { name }));
      if (this.isOpen && this.tab === 'versions') this.renderSide();
    }));
    offs.push(client.on('error', (code, message) => {
      done();
      toast(`${t('history.versionFailed')} ${message || code}`, 'error');
    }));
    setTimeout(done, 15_000);
  }
}

/** window.__jbHistory for the e2e tests: the state, and the timeline's moves without the mouse. */
function installHooks(tools: HistoryTools): void {
  (window as Window & { __jbHistory?: unknown }).__jbHistory = {
    get state() { return tools.state; },
    open: () => tools.open(),
    close: () => tools.close(),
    go: (p: number) => tools.go(p),
    compare: (from: string, to: string) => tools.compare(from, to),
  };
}
