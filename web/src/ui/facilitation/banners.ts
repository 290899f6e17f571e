// What everyone sees of the session at the top of the board: the timer (counting down, with a
// gentle end signal) and banners for follow me, the vote, private writing and the board lock.
import type { FollowState } from '../../session/follow';
import { formatClock, SessionStore } from '../../session/store';
import type { SyncClient } from '../../sync/client';
import { h, icon } from '../dom';
import { lang, t } from '../i18n';

export interface BannerActions {
  stopFollowing(): void;
  refollow(): void;
  showResult(): void;
  laneLabel(id: string): string;
}

export class SessionBanners {
  /** timer and banners, centred over the canvas */
  readonly el: HTMLElement;
  private readonly timerEl: HTMLElement;
  private readonly bannersEl: HTMLElement;
  private key = '';
  private audio: AudioContext | null = null;

  constructor(private readonly client: SyncClient, private readonly session: SessionStore, private readonly follow: FollowState, private readonly actions: BannerActions) {
    this.timerEl = h('div', { class: 'facil-timer', 'data-testid': 'timer', role: 'timer', 'aria-live': 'off' });
    this.timerEl.hidden = true;
    this.bannersEl = h('div', { class: 'facil-banners', 'aria-live': 'polite' });
    this.el = h('div', { class: 'facil-top' }, this.timerEl, this.bannersEl);
  }

  invalidate(): void { this.key = ''; }

  update(): void {
    this.updateTimer();
    this.updateBanners();
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
    const parts: (Node | string)[] = [h('span', { class: 'facil-timer-icon' }, icon('clock', 18, 2)), h('span', { class: 'facil-timer-time', 'data-testid': 'timer-text', text })];
    if (state === 'paused') parts.push(h('span', { class: 'facil-timer-note', text: t('timer.paused') }));
    el.replaceChildren(...parts);
    el.setAttribute('aria-label', `${t('timer.label')} ${text}`);
  }

  private updateBanners(): void {
    const s = this.session;
    const me = this.client.me;
    const role = this.client.role;
    const follow = this.follow;
    const leader = follow.leader ? this.client.peers.get(follow.leader) : null;
    const key = JSON.stringify([lang(), s.vote, s.remaining, s.cast, s.privateWriting, s.boardLocked, s.follow, follow.engaged, leader?.name, me?.id, role, s.result?.length ?? null]);
    if (key === this.key) return;
    this.key = key;
    const out: HTMLElement[] = [];
    if (follow.leader) {
      const name = leader?.name ?? '…';
      if (follow.following) {
        out.push(h('div', { class: 'facil-banner follow', 'data-testid': 'follow-banner' },
          h('span', { text: t('follow.banner', { name }) }),
          h('button', { class: 'banner-btn', 'data-testid': 'follow-stop', text: t('follow.stop'), onclick: () => this.actions.stopFollowing() })));
      } else {
        out.push(h('div', { class: 'facil-banner follow off', 'data-testid': 'follow-banner' },
          h('span', { text: t('follow.paused', { name }) }),
          h('button', { class: 'banner-btn', 'data-testid': 'follow-again', text: t('follow.again'), onclick: () => this.actions.refollow() })));
      }
    } else if (s.follow !== null && s.follow === me?.id) {
      out.push(h('div', { class: 'facil-banner follow lead', text: t('follow.leading') }));
    }
    if (s.vote) {
      const lanes = s.vote.lanes.map((id) => this.actions.laneLabel(id)).join('、');
      if (role === 'viewer') {
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
        h('button', { class: 'banner-btn', 'data-testid': 'vote-result-open', text: t('vote.showResult'), onclick: () => this.actions.showResult() })));
    }
    if (s.privateWriting) out.push(h('div', { class: 'facil-banner private', 'data-testid': 'private-banner', text: t('private.banner') }));
    if (s.boardLocked) out.push(h('div', { class: 'facil-banner locked', 'data-testid': 'locked-banner' }, icon('lock', 14, 2), h('span', { text: t('locked.banner') })));
    this.bannersEl.replaceChildren(...out);
  }

  /** Time's up: a short visual pulse and a soft two-note chime (no alert). */
  endSignal(): void {
    const el = this.timerEl;
    el.classList.remove('pulse');
    void el.offsetWidth; // restart the animation
    el.classList.add('pulse');
    setTimeout(() => el.classList.remove('pulse'), 4000);
    try {
      const Ctx = window.AudioContext ?? (window as Window & { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
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
}
