// Facilitation tools in the browser (issue 5): the facilitator panel (timer, dot voting, follow
// me, private writing, locks, hidden cursors, people, link rotation) and what everyone sees (timer
// countdown with a gentle end signal, voting dots and result, follow banner, private and lock
// marks). The server enforces every rule; this module only sends requests and shows state.
import './facilitation.css';
import type { BoardDoc } from '../model/doc';
import type { BoardElement, ErrorCode, Op, Role } from '../model/types';
import type { GridLayout } from '../render/layout';
import type { Camera, FacilitationMarks } from '../render/scene';
import type { SyncClient } from '../sync/client';
import type { FacilitatorAction } from '../protocol/messages';
import { fitViewport, FollowState } from '../session/follow';
import { formatClock, SessionStore } from '../session/store';
import { copyText, h, toast } from './dom';
import { hasKey, lang, MsgKey, onLangChange, t } from './i18n';
import { rememberBoard } from './storage';

export interface FacilitationHost {
  client: SyncClient;
  boardId: string;
  /** the positioned wrapper of the canvas (banners, timer and panel float in it) */
  stage: HTMLElement;
  /** the top bar's action group (the "Facilitate" button goes first) */
  topActions: HTMLElement;
  doc(): BoardDoc;
  layout(): GridLayout;
  selection(): string[];
  size(): { width: number; height: number };
  camera(): Camera;
  /** moves the camera programmatically (follow me) */
  setCamera(cam: Camera): void;
  /** re-sends my viewport in presence (so followers get it at once) */
  announceViewport(): void;
  /** role or lock state changed: toolbar, chrome and side panel must be rebuilt */
  refresh(): void;
  requestRender(): void;
  submit(ops: Op[]): boolean;
}

const ROLES: Role[] = ['viewer', 'editor', 'facilitator'];
const LOCK_PATH = 'M7 11V8a5 5 0 0110 0v3 M5 11h14v10H5z';
const CLOCK_PATH = 'M12 3a9 9 0 100 18 9 9 0 000-18z M12 7v5l3 2';

/** A small inline SVG from a fixed path (no user data; emoji fonts are not everywhere). */
function svg(d: string, size = 16): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const el = document.createElementNS(ns, 'svg');
  el.setAttribute('viewBox', '0 0 24 24');
  el.setAttribute('width', String(size));
  el.setAttribute('height', String(size));
  el.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  el.append(path);
  return el;
}

export class Facilitation {
  readonly session = new SessionStore();
  readonly follow: FollowState;
  private readonly client: SyncClient;
  private readonly topEl: HTMLElement;
  private readonly timerEl: HTMLElement;
  private readonly bannersEl: HTMLElement;
  private readonly panelEl: HTMLElement;
  private readonly openBtn: HTMLButtonElement;
  private panelOpen = false;
  private panelKey = '';
  private bannerKey = '';
  private lastRole: Role | null = null;
  private lastLocked = false;
  private applyingCamera = false;
  private lastVoteAt = 0;
  private lastFacilitateAt = 0;
  private resultDialog: HTMLElement | null = null;
  private audio: AudioContext | null = null;
  private followedAt = 0;
  // facilitator form values survive panel rebuilds
  private minutes = 5;
  private votesPerPerson = 3;
  private multiplePerCard = true;
  private voteLanes: Set<string> | null = null;

  constructor(private readonly host: FacilitationHost) {
    this.client = host.client;
    this.follow = new FollowState(() => this.client.me?.id ?? null);
    this.timerEl = h('div', { class: 'facil-timer', 'data-testid': 'timer', role: 'timer', 'aria-live': 'off' });
    this.timerEl.hidden = true;
    this.bannersEl = h('div', { class: 'facil-banners', 'aria-live': 'polite' });
    this.topEl = h('div', { class: 'facil-top' }, this.timerEl, this.bannersEl);
    this.panelEl = h('section', { class: 'facil-panel', 'data-testid': 'facil-panel', 'aria-label': t('fac.title') });
    this.panelEl.hidden = true;
    this.openBtn = h('button', { class: 'btn btn-facil', 'data-testid': 'facil-open', 'aria-pressed': 'false', onclick: () => this.togglePanel() });
    this.openBtn.hidden = true;
    host.stage.append(this.topEl, this.panelEl);
    host.topActions.prepend(this.openBtn);

    this.client.on('session', (m) => { this.session.handle(m); });
    this.client.on('welcome', () => this.onRoleMaybeChanged());
    this.client.on('peers', () => {
      this.onRoleMaybeChanged();
      this.applyFollow();
      this.update();
    });
    this.client.on('error', (code) => this.onServerError(code));
    this.session.on('session', () => this.onSession());
    this.session.on('votes', () => { this.update(); host.requestRender(); });
    this.session.on('result', () => { this.showResult(); this.update(); host.requestRender(); });
    this.session.on('links', () => this.onLinks());
    this.session.on('timerEnd', () => this.endSignal());
    onLangChange(() => { this.panelKey = ''; this.bannerKey = ''; this.update(); if (this.resultDialog) this.showResult(); });
    setInterval(() => this.update(), 250);
    this.update();
  }

  // ------------------------------------------------------------------ state

  private get role(): Role { return this.client.role; }
  get isFacilitator(): boolean { return this.role === 'facilitator'; }
  get voting(): boolean { return this.session.vote !== null; }

  /** The element refuses edits from me (a lock on it, its lane or stage, or the board). */
  lockedForMe(id: string): boolean {
    return this.host.doc().isLockedFor(id, this.client.actor);
  }

  private onRoleMaybeChanged(): void {
    const role = this.client.me ? this.role : null;
    if (role === this.lastRole) return;
    const before = this.lastRole;
    this.lastRole = role;
    if (before !== null && role !== null) toast(t('role.changedMe', { role: t(role) }));
    if (role !== 'facilitator') this.setPanelOpen(false);
    this.panelKey = '';
    this.host.refresh();
    this.update();
  }

  private onSession(): void {
    const s = this.session;
    const wasFollowing = this.follow.following;
    this.follow.setTarget(s.follow);
    if (this.follow.following && !wasFollowing) this.followedAt = Date.now();
    if (s.follow !== null && s.follow === this.client.me?.id) this.host.announceViewport();
    if (s.boardLocked !== this.lastLocked) {
      this.lastLocked = s.boardLocked;
      this.host.refresh();
    }
    if (s.vote && this.resultDialog) this.closeResult();
    this.applyFollow();
    this.update();
    this.host.requestRender();
  }

  private onServerError(code: ErrorCode): void {
    const now = Date.now();
    if (this.client.state === 'failed') return;
    if (now - this.lastVoteAt < 3000 && (code === 'INVALID_VALUE' || code === 'FORBIDDEN')) {
      toast(t('vote.refused'), 'error');
      this.lastVoteAt = 0;
    } else if (now - this.lastFacilitateAt < 3000) {
      const key = `err.${code}`;
      toast(hasKey(key) ? t(key) : code, 'error');
      this.lastFacilitateAt = 0;
    }
  }

  private facilitate(action: FacilitatorAction): void {
    this.lastFacilitateAt = Date.now();
    if (!this.client.send({ type: 'facilitate', ...action })) toast(t('err.network'), 'error');
  }

  // ------------------------------------------------------------------ camera (follow me)

  /** The board calls this on every camera change; a change I did not make stops following. */
  cameraChanged(): void {
    if (this.applyingCamera) return;
    // the first frames after engaging may still carry a gesture in flight; ignore them briefly
    if (this.follow.following && Date.now() - this.followedAt > 150) {
      this.follow.userMoved();
      this.update();
    }
  }

  private applyFollow(): void {
    if (!this.follow.following) return;
    const leader = this.client.peers.get(this.follow.leader!);
    const vp = leader?.viewport;
    if (!vp) return;
    const { width, height } = this.host.size();
    const cam = fitViewport(vp, width, height);
    const cur = this.host.camera();
    if (Math.abs(cam.x - cur.x) < 0.01 && Math.abs(cam.y - cur.y) < 0.01 && Math.abs(cam.zoom - cur.zoom) < 1e-4) return;
    this.applyingCamera = true;
    try {
      this.host.setCamera(cam);
    } finally {
      this.applyingCamera = false;
    }
  }

  private stopFollowing(): void {
    this.follow.userMoved();
    this.update();
  }

  private refollow(): void {
    this.follow.refollow();
    this.followedAt = Date.now();
    this.applyFollow();
    this.update();
  }

  // ------------------------------------------------------------------ voting

  /**
   * A pointer press on the canvas during a vote: a card in a voted lane gets a dot (left click)
   * or loses one (Shift/Alt-click or right click). Answers true when the press was used.
   */
  voteClick(hit: BoardElement | null, e: { button: number; shiftKey: boolean; altKey: boolean }): boolean {
    const v = this.session.vote;
    if (!v || !hit || hit.type !== 'card' || this.role === 'viewer' || hit.parent === null) return false;
    if (!v.lanes.includes(hit.parent)) return false;
    if (e.button !== 0 && e.button !== 2) return false;
    const remove = e.button === 2 || e.shiftKey || e.altKey;
    if (remove) {
      if (this.session.dotsOn(hit.id) > 0) this.sendVote(hit.id, -1);
      return true;
    }
    if (this.session.remaining <= 0) {
      toast(t('vote.none'));
      return true;
    }
    if (!this.session.canVoteOn(hit, this.role)) {
      toast(t('vote.refused'));
      return true;
    }
    this.sendVote(hit.id, 1);
    return true;
  }

  private sendVote(card: string, delta: 1 | -1): void {
    this.lastVoteAt = Date.now();
    if (!this.client.send({ type: 'vote', card, delta })) toast(t('err.network'), 'error');
  }

  private laneLabel(id: string): string {
    return this.host.layout().lanes.find((l) => l.el.id === id)?.label ?? id;
  }

  // ------------------------------------------------------------------ drawing on the canvas

  /** What the canvas marks for the session: the open vote's lanes and my dots. */
  marks(): FacilitationMarks {
    const s = this.session;
    return { vote: s.vote ? { lanes: s.vote.lanes, mine: s.mine } : null };
  }

  /** Shown at the top of the side panel of a locked element (for non-facilitators). */
  lockNote(): HTMLElement {
    return h('div', { class: 'facil-lock-note', 'data-testid': 'lock-note' }, svg(LOCK_PATH, 14), h('span', { text: t('locked.item') }));
  }

  // ------------------------------------------------------------------ DOM: banners and timer

  update(): void {
    this.updateTimer();
    this.updateBanners();
    this.openBtn.hidden = !this.isFacilitator;
    if (this.openBtn.textContent !== t('fac.open')) this.openBtn.textContent = t('fac.open');
    if (!this.isFacilitator && this.panelOpen) this.setPanelOpen(false);
    if (this.panelOpen) this.renderPanel();
  }

  private updateTimer(): void {
    const s = this.session;
    const el = this.timerEl;
    el.hidden = !s.timerVisible;
    if (el.hidden) return;
    const state = s.timer.state;
    const text = state === 'ended' ? t('timer.ended') : formatClock(s.remainingMs());
    el.dataset.state = state;
    const key = `${state}|${text}|${lang()}`;
    if (el.dataset.key === key) return;
    el.dataset.key = key;
    const parts: (Node | string)[] = [h('span', { class: 'facil-timer-icon' }, svg(CLOCK_PATH, 18)), h('span', { class: 'facil-timer-time', 'data-testid': 'timer-text', text })];
    if (state === 'paused') parts.push(h('span', { class: 'facil-timer-note', text: t('timer.paused') }));
    el.replaceChildren(...parts);
    el.setAttribute('aria-label', `${t('timer.label')} ${text}`);
  }

  private updateBanners(): void {
    const s = this.session;
    const me = this.client.me;
    const leader = this.follow.leader ? this.client.peers.get(this.follow.leader) : null;
    const key = JSON.stringify([lang(), s.vote, s.remaining, s.cast, s.privateWriting, s.boardLocked, s.follow, this.follow.engaged, leader?.name, me?.id, this.role, s.result?.length ?? null]);
    if (key === this.bannerKey) return;
    this.bannerKey = key;
    const out: HTMLElement[] = [];
    if (this.follow.leader) {
      const name = leader?.name ?? '…';
      if (this.follow.following) {
        out.push(h('div', { class: 'facil-banner follow', 'data-testid': 'follow-banner' },
          h('span', { text: t('follow.banner', { name }) }),
          h('button', { class: 'banner-btn', 'data-testid': 'follow-stop', text: t('follow.stop'), onclick: () => this.stopFollowing() })));
      } else {
        out.push(h('div', { class: 'facil-banner follow off', 'data-testid': 'follow-banner' },
          h('span', { text: t('follow.paused', { name }) }),
          h('button', { class: 'banner-btn', 'data-testid': 'follow-again', text: t('follow.again'), onclick: () => this.refollow() })));
      }
    } else if (s.follow !== null && s.follow === me?.id) {
      out.push(h('div', { class: 'facil-banner follow lead', text: t('follow.leading') }));
    }
    if (s.vote) {
      const lanes = s.vote.lanes.map((id) => this.laneLabel(id)).join('、');
      if (this.role === 'viewer') {
        out.push(h('div', { class: 'facil-banner vote', 'data-testid': 'vote-banner' }, h('b', { text: t('vote.bannerViewer') }), h('span', { class: 'sub', text: t('vote.cast', { n: s.cast }) })));
      } else {
        const dots = h('span', { class: 'vote-dots', 'aria-hidden': 'true' });
        for (let i = 0; i < s.vote.votesPerPerson; i++) dots.append(h('i', { class: i < s.remaining ? 'on' : '' }));
        out.push(h('div', { class: 'facil-banner vote', 'data-testid': 'vote-banner', 'data-remaining': s.remaining },
          dots,
          h('b', { text: t('vote.banner', { left: s.remaining, total: s.vote.votesPerPerson }) }),
          h('span', { class: 'sub', text: `${t('vote.help', { lanes })} · ${t('vote.cast', { n: s.cast })}` })));
      }
    } else if (s.result) {
      out.push(h('div', { class: 'facil-banner result' },
        h('span', { text: t('vote.closed') }),
        h('button', { class: 'banner-btn', 'data-testid': 'vote-result-open', text: t('vote.showResult'), onclick: () => this.showResult() })));
    }
    if (s.privateWriting) out.push(h('div', { class: 'facil-banner private', 'data-testid': 'private-banner', text: t('private.banner') }));
    if (s.boardLocked) out.push(h('div', { class: 'facil-banner locked', 'data-testid': 'locked-banner' }, svg(LOCK_PATH, 14), h('span', { text: t('locked.banner') })));
    this.bannersEl.replaceChildren(...out);
  }

  /** Time's up: a short visual pulse and a soft two-note chime (no alert). */
  private endSignal(): void {
    const el = this.timerEl;
    el.classList.remove('pulse');
    void el.offsetWidth; // restart the animation
    el.classList.add('pulse');
    setTimeout(() => el.classList.remove('pulse'), 4000);
    try {
      const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctx) return;
      this.audio ??= new Ctx();
      const ac = this.audio;
      void ac.resume?.();
      const t0 = ac.currentTime + 0.02;
      for (const [i, f] of [660, 880].entries()) {
        const osc = ac.createOscillator();
        const gain = ac.createGain();
        osc.type = 'sine';
        osc.frequency.value = f;
        const s0 = t0 + i * 0.22;
        gain.gain.setValueAtTime(0, s0);
        gain.gain.linearRampToValueAtTime(0.07, s0 + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, s0 + 0.6);
        osc.connect(gain).connect(ac.destination);
        osc.start(s0);
        osc.stop(s0 + 0.65);
      }
    } catch { /* no audio: the pulse is enough */ }
  }

  // ------------------------------------------------------------------ DOM: vote result

  private showResult(): void {
    const ranked = this.session.result;
    if (!ranked) return;
    this.closeResult();
    const doc = this.host.doc();
    const L = this.host.layout();
    const list = h('ol', { class: 'vote-result-list', 'data-testid': 'vote-result-list' });
    for (const r of ranked) {
      if (r.votes <= 0) continue;
      const el = doc.get(r.card);
      const box = L.cardById.get(r.card);
      const text = typeof el?.props.text === 'string' && el.props.text.trim() ? el.props.text : t('emptyCard');
      list.append(h('li', { 'data-card': r.card, 'data-votes': r.votes },
        h('span', { class: 'vr-votes', text: r.votes === 1 ? t('vote.dot') : t('vote.dots', { n: r.votes }) }),
        h('span', { class: 'vr-text', text }),
        box ? h('span', { class: 'vr-where', text: `${box.stage.label} · ${box.lane.label}` }) : null));
    }
    const body = list.childElementCount ? list : h('p', { class: 'muted', text: t('vote.resultEmpty') });
    const close = () => this.closeResult();
    const box = h('div', { class: 'modal vote-result', role: 'dialog', 'aria-modal': 'true', 'data-testid': 'vote-result' },
      h('div', { class: 'modal-head' }, h('h2', { text: t('vote.result') }), h('button', { class: 'icon-btn', 'aria-label': t('fac.close'), text: '×', onclick: close })),
      body,
      h('div', { class: 'btn-row end' }, h('button', { class: 'btn primary', text: t('fac.close'), onclick: close })));
    const backdrop = h('div', { class: 'modal-backdrop', onclick: (e: MouseEvent) => { if (e.target === backdrop) close(); } }, box);
    backdrop.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
    this.resultDialog = backdrop;
    (document.querySelector('.board-app') ?? document.body).append(backdrop);
    (box.querySelector('.btn.primary') as HTMLElement | null)?.focus();
  }

  private closeResult(): void {
    this.resultDialog?.remove();
    this.resultDialog = null;
  }

  // ------------------------------------------------------------------ DOM: facilitator panel

  private togglePanel(): void { this.setPanelOpen(!this.panelOpen); }

  private setPanelOpen(open: boolean): void {
    this.panelOpen = open && this.isFacilitator;
    this.panelEl.hidden = !this.panelOpen;
    this.openBtn.setAttribute('aria-pressed', String(this.panelOpen));
    this.openBtn.classList.toggle('on', this.panelOpen);
    this.panelKey = '';
    if (this.panelOpen) this.renderPanel();
  }

  private renderPanel(): void {
    const s = this.session;
    const L = this.host.layout();
    const sel = this.host.selection();
    const people = [...(this.client.me ? [this.client.me] : []), ...this.client.peers.values()];
    const key = JSON.stringify([lang(), s.timer.state, s.vote, s.cast, s.follow, s.privateWriting, s.boardLocked, s.cursorsHidden, !!s.result,
      sel, sel.map((id) => this.host.doc().get(id)?.props.locked === true), people.map((p) => [p.id, p.name, p.role]), s.links, L.lanes.map((l) => [l.el.id, l.label])]);
    if (key === this.panelKey) return;
    // keep typing undisturbed: a focused number field is rebuilt on the next change only
    const active = document.activeElement as HTMLElement | null;
    if (active && this.panelEl.contains(active) && active.tagName === 'INPUT' && (active as HTMLInputElement).type === 'number') return;
    this.panelKey = key;
    this.panelEl.replaceChildren(
      h('div', { class: 'fp-head' }, h('h3', { text: t('fac.title') }), h('button', { class: 'icon-btn', 'aria-label': t('fac.close'), text: '×', onclick: () => this.setPanelOpen(false) })),
      this.timerSection(), this.voteSection(L), this.roomSection(), this.lockSection(sel), this.peopleSection(people), this.linksSection());
  }

  private section(title: MsgKey, ...children: (HTMLElement | null)[]): HTMLElement {
    return h('div', { class: 'fp-section' }, h('div', { class: 'fp-title', text: t(title) }), ...children);
  }

  private timerSection(): HTMLElement {
    const st = this.session.timer.state;
    const btn = (label: MsgKey, action: FacilitatorAction, cls = 'btn') =>
      h('button', { class: cls, 'data-action': action.action, text: t(label), onclick: () => this.facilitate(action) });
    const row = h('div', { class: 'btn-row' });
    if (st === 'running' || st === 'paused') {
      row.append(st === 'running' ? btn('fac.pause', { action: 'timer.pause' }) : btn('fac.resume', { action: 'timer.resume' }, 'btn primary'),
        btn('fac.addMinute', { action: 'timer.add', ms: 60_000 }), btn('fac.stop', { action: 'timer.stop' }));
      return this.section('fac.timer', row);
    }
    const minutes = h('input', { type: 'number', min: 1, max: 180, step: 'any', value: String(this.minutes), 'data-testid': 'timer-minutes', 'aria-label': t('fac.minutes') });
    minutes.addEventListener('input', () => { const v = Number(minutes.value); if (v > 0) this.minutes = v; });
    const start = h('button', { class: 'btn primary', 'data-action': 'timer.start', text: t('fac.start'), onclick: () => {
      const m = Math.max(0.05, Math.min(180, Number(minutes.value) || this.minutes));
      this.minutes = m;
      this.facilitate({ action: 'timer.start', durationMs: Math.round(m * 60_000) });
    } });
    row.append(h('label', { class: 'fp-inline' }, minutes, h('span', { text: t('fac.minutes') })), start);
    if (st === 'ended') row.append(btn('fac.stop', { action: 'timer.stop' }));
    return this.section('fac.timer', row);
  }

  private voteSection(L: GridLayout): HTMLElement {
    const s = this.session;
    if (s.vote) {
      return this.section('fac.vote',
        h('p', { class: 'fp-note', 'data-testid': 'vote-status', text: t('fac.voteRunning', { n: s.cast }) }),
        h('button', { class: 'btn primary wide', 'data-action': 'vote.close', text: t('fac.voteClose'), onclick: () => this.facilitate({ action: 'vote.close' }) }));
    }
    if (!this.voteLanes) {
      this.voteLanes = new Set(L.lanes.filter((l) => l.kind === 'painpoints' || l.kind === 'opportunities').map((l) => l.el.id));
    }
    const chosen = this.voteLanes;
    const lanes = h('div', { class: 'fp-lanes' }, ...L.lanes.map((l) => {
      const cb = h('input', { type: 'checkbox', checked: chosen.has(l.el.id), 'data-lane': l.el.id, onchange: () => { if (cb.checked) chosen.add(l.el.id); else chosen.delete(l.el.id); } });
      return h('label', { class: 'fp-check', title: l.label }, cb, h('span', { text: l.label }));
    }));
    const per = h('input', { type: 'number', min: 1, max: 20, step: 1, value: String(this.votesPerPerson), 'data-testid': 'votes-per-person', 'aria-label': t('fac.votesPerPerson') });
    per.addEventListener('input', () => { const v = Math.round(Number(per.value)); if (v > 0) this.votesPerPerson = v; });
    const multi = h('input', { type: 'checkbox', checked: this.multiplePerCard, onchange: () => { this.multiplePerCard = multi.checked; } });
    const open = h('button', { class: 'btn primary wide', 'data-action': 'vote.open', text: t('fac.voteOpen'), onclick: () => {
      const ids = L.lanes.map((l) => l.el.id).filter((id) => chosen.has(id));
      if (!ids.length) { toast(t('fac.noLanes'), 'error'); return; }
      this.facilitate({ action: 'vote.open', lanes: ids, votesPerPerson: Math.max(1, Math.round(this.votesPerPerson)), multiplePerCard: this.multiplePerCard });
    } });
    return this.section('fac.vote',
      h('div', { class: 'fp-sub', text: t('fac.voteLanes') }), lanes,
      h('label', { class: 'fp-inline' }, per, h('span', { text: t('fac.votesPerPerson') })),
      h('label', { class: 'fp-check' }, multi, h('span', { text: t('fac.multiplePerCard') })),
      open,
      s.result ? h('button', { class: 'btn wide', text: t('vote.showResult'), onclick: () => this.showResult() }) : null);
  }

  private roomSection(): HTMLElement {
    const s = this.session;
    const toggle = (label: MsgKey, on: boolean, send: (v: boolean) => void, testid: string) => {
      const cb = h('input', { type: 'checkbox', role: 'switch', checked: on, 'data-testid': testid, onchange: () => send(cb.checked) });
      return h('label', { class: 'fp-check switch' }, cb, h('span', { text: t(label) }));
    };
    return this.section('fac.room',
      toggle('fac.follow', s.follow !== null && s.follow === this.client.me?.id, (on) => this.facilitate({ action: 'follow', on }), 'toggle-follow'),
      toggle('fac.private', s.privateWriting, (on) => this.facilitate({ action: 'private', on }), 'toggle-private'),
      toggle('fac.lockBoard', s.boardLocked, (locked) => this.facilitate({ action: 'lock.board', locked }), 'toggle-lock'),
      toggle('fac.hideCursors', s.cursorsHidden, (hidden) => this.facilitate({ action: 'cursors.hide', hidden }), 'toggle-cursors'));
  }

  private lockSection(sel: string[]): HTMLElement {
    const doc = this.host.doc();
    const els = sel.map((id) => doc.get(id)).filter((e): e is BoardElement => !!e);
    if (!els.length) return this.section('fac.selection', h('p', { class: 'fp-note', text: t('fac.noSelection') }));
    const allLocked = els.every((e) => e.props.locked === true);
    const ops = (lock: boolean): Op[] => els.filter((e) => (e.props.locked === true) !== lock)
      .map((e) => (lock ? { op: 'update', id: e.id, set: { locked: true } } : { op: 'update', id: e.id, unset: ['locked'] }));
    return this.section('fac.selection',
      h('div', { class: 'btn-row' },
        h('button', { class: `btn ${allLocked ? '' : 'primary'}`, 'data-action': 'lock-selection', disabled: allLocked, onclick: () => this.host.submit(ops(true)) }, svg(LOCK_PATH, 14), t('fac.lockSel')),
        h('button', { class: 'btn', 'data-action': 'unlock-selection', disabled: !els.some((e) => e.props.locked === true), text: t('fac.unlockSel'), onclick: () => this.host.submit(ops(false)) })));
  }

  private peopleSection(people: { id: string; name: string; color: string; role: Role }[]): HTMLElement {
    const me = this.client.me?.id;
    const rows = people.map((p) => {
      const isMe = p.id === me;
      const row = h('div', { class: 'fp-person', 'data-person': p.id },
        h('span', { class: 'fp-dot', style: `background:${/^#[0-9a-fA-F]{6}$/.test(p.color) ? p.color : '#868e96'}` }),
        h('span', { class: 'fp-name', text: isMe ? `${p.name} (${t('you')})` : p.name }));
      if (isMe) {
        row.append(h('span', { class: 'fp-role', text: t(p.role) }));
        return row;
      }
      const sel = h('select', { 'aria-label': t('role.change'), 'data-testid': 'role-select', onchange: () => this.facilitate({ action: 'participant.role', participant: p.id, role: sel.value as Role }) },
        ...ROLES.map((r) => h('option', { value: r, text: t(r) })));
      sel.value = p.role;
      row.append(sel, h('button', { class: 'icon-btn fp-remove', title: t('fac.remove'), 'aria-label': t('fac.remove'), text: '×', onclick: () => {
        if (window.confirm(t('fac.confirmRemove', { name: p.name }))) this.facilitate({ action: 'participant.remove', participant: p.id });
      } }));
      return row;
    });
    return this.section('fac.people', h('div', { class: 'fp-people' }, ...rows));
  }

  private linksSection(): HTMLElement {
    const links = this.session.links;
    const out: HTMLElement[] = [];
    if (links) {
      out.push(h('p', { class: 'fp-note', text: t('fac.newLinks') }));
      const labels: [string, MsgKey][] = [['facilitator', 'linkFacilitator'], ['edit', 'linkEdit'], ['view', 'linkView']];
      for (const [k, label] of labels) {
        if (!links[k]) continue;
        const url = absolute(links[k]);
        const input = h('input', { type: 'text', readonly: true, value: url, 'data-link': k, onfocus: () => input.select() });
        const btn = h('button', { class: 'btn', 'data-copy': k, text: t('copy') });
        btn.addEventListener('click', async () => {
          if (await copyText(url)) {
            btn.textContent = t('copied');
            setTimeout(() => { btn.textContent = t('copy'); }, 1500);
          }
        });
        out.push(h('div', { class: 'fp-link' }, h('span', { class: 'fp-sub', text: t(label) }), h('div', { class: 'fp-link-row' }, input, btn)));
      }
    }
    out.push(h('button', { class: 'btn danger wide', 'data-action': 'links.rotate', text: t('fac.rotate'), onclick: () => {
      if (window.confirm(t('fac.confirmRotate'))) this.facilitate({ action: 'links.rotate' });
    } }));
    return this.section('fac.links', ...out);
  }

  private onLinks(): void {
    const links = this.session.links;
    if (!links) return;
    const abs: Record<string, string> = {};
    for (const [k, v] of Object.entries(links)) abs[k] = absolute(v);
    rememberBoard({ id: this.host.boardId, links: abs, ...(abs.facilitator ? { url: abs.facilitator } : {}) });
    // my own page link carries the old token: swap it so a reload keeps working
    if (abs.facilitator) {
      try {
        const u = new URL(abs.facilitator);
        if (u.origin === location.origin) history.replaceState(history.state, '', u.pathname + u.search + u.hash);
      } catch { /* keep the address */ }
    }
    this.setPanelOpen(true);
    this.panelEl.querySelector('.fp-link')?.scrollIntoView({ block: 'nearest' });
  }

  /** Test hook view of the state. */
  testState(): Record<string, unknown> {
    const s = this.session;
    return {
      timer: s.timer.state, remainingMs: s.remainingMs(), vote: s.vote, mine: { ...s.mine }, remaining: s.remaining, cast: s.cast,
      result: s.result, follow: s.follow, following: this.follow.following, privateWriting: s.privateWriting,
      boardLocked: s.boardLocked, cursorsHidden: s.cursorsHidden, links: s.links, panelOpen: this.panelOpen,
    };
  }
}

function absolute(link: string): string {
  try {
    return new URL(link, location.origin).toString();
  } catch {
    return link;
  }
}

