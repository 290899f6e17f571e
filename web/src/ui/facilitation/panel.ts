// The facilitator panel: timer, dot vote, room switches (follow me, private writing, board lock,
// hidden cursors), locks on the selection, people (role, remove) and new links. It only sends
// requests; the server enforces everything and the panel shows what the session says.
import { lockOps } from '../../edit/props';
import type { BoardElement, Role } from '../../model/types';
import type { FacilitatorAction, Participant } from '../../protocol/messages';
import type { SessionStore } from '../../session/store';
import type { GridLayout } from '../../render/layout';
import type { BoardContext } from '../context';
import { h, icon, safeColor, toast } from '../dom';
import { lang, MsgKey, t } from '../i18n';
import { absolute, LINK_ROLES, linkField } from '../links';
import { departmentSelect, departmentsKey } from '../departments/assign';

// the commenter (issue 17) comments and votes; the map is read-only for them
const ROLES: Role[] = ['viewer', 'commenter', 'editor', 'facilitator'];

export interface PanelHost {
  facilitate(action: FacilitatorAction): void;
  showResult(): void;
  /** sections of other tools (the emotion round), after the vote; the panel rebuilds when their key changes */
  extraSections(): HTMLElement[];
  extraKey(): string;
}

export class FacilitatorPanel {
  readonly el: HTMLElement;
  /** the "Facilitate" button of the top bar */
  readonly openBtn: HTMLButtonElement;
  private open = false;
  private key = '';
  // form values survive panel rebuilds
  private minutes = 5;
  private votesPerPerson = 3;
  private multiplePerCard = true;
  private voteLanes: Set<string> | null = null;

  constructor(private readonly ctx: BoardContext, private readonly session: SessionStore, private readonly host: PanelHost) {
    this.el = h('section', { class: 'facil-panel', 'data-testid': 'facil-panel', 'aria-label': t('fac.title') });
    this.el.hidden = true;
    this.openBtn = h('button', { class: 'btn btn-facil', 'data-testid': 'facil-open', 'aria-pressed': 'false', onclick: () => this.setOpen(!this.open) });
    this.openBtn.hidden = true;
  }

  get isOpen(): boolean { return this.open; }
  private get isFacilitator(): boolean { return this.ctx.client.role === 'facilitator'; }

  invalidate(): void { this.key = ''; }

  setOpen(open: boolean): void {
    this.open = open && this.isFacilitator;
    this.el.hidden = !this.open;
    this.openBtn.setAttribute('aria-pressed', String(this.open));
    this.openBtn.classList.toggle('on', this.open);
    this.key = '';
    if (this.open) this.render();
  }

  update(): void {
    this.openBtn.hidden = !this.isFacilitator;
    if (this.openBtn.textContent !== t('fac.open')) this.openBtn.textContent = t('fac.open');
    if (!this.isFacilitator && this.open) this.setOpen(false);
    if (this.open) this.render();
  }

  /** New links arrived: show them (the copy buttons are in the links section). */
  showLinks(): void {
    this.setOpen(true);
    this.el.querySelector('.fp-link')?.scrollIntoView({ block: 'nearest' });
  }

  private render(): void {
    const s = this.session;
    const { client } = this.ctx;
    const L = this.ctx.layout();
    const doc = this.ctx.doc();
    const sel = this.ctx.selection.list();
    const people = [...(client.me ? [client.me] : []), ...client.peers.values()];
    const key = JSON.stringify([lang(), s.timer.state, s.vote, s.cast, s.follow, s.privateWriting, s.boardLocked, s.cursorsHidden, !!s.result,
      sel, sel.map((id) => doc.get(id)?.props.locked === true), people.map((p) => [p.id, p.name, p.role]), s.links, L.lanes.map((l) => [l.el.id, l.label]),
      L.stages.map((st) => [st.el.id, st.label]), this.host.extraKey(), departmentsKey(this.ctx, people)]);
    if (key === this.key) return;
    // keep typing undisturbed: a focused number field is rebuilt on the next change only
    const active = document.activeElement as HTMLElement | null;
    if (active && this.el.contains(active) && active.tagName === 'INPUT' && ['number', 'text'].includes((active as HTMLInputElement).type)) return;
    this.key = key;
    this.el.replaceChildren(
      h('div', { class: 'fp-head' }, h('h3', { text: t('fac.title') }), h('button', { class: 'icon-btn', 'aria-label': t('fac.close'), text: '×', onclick: () => this.setOpen(false) })),
      this.timerSection(), this.voteSection(L), ...this.host.extraSections(), this.roomSection(), this.lockSection(sel), this.peopleSection(people), this.linksSection());
  }

  private section(title: MsgKey, ...children: (HTMLElement | null)[]): HTMLElement {
    return h('div', { class: 'fp-section' }, h('div', { class: 'fp-title', text: t(title) }), ...children);
  }

  private button(label: MsgKey, action: FacilitatorAction, cls = 'btn'): HTMLButtonElement {
    return h('button', { class: cls, 'data-action': action.action, text: t(label), onclick: () => this.host.facilitate(action) });
  }

  private timerSection(): HTMLElement {
    const st = this.session.timer.state;
    const row = h('div', { class: 'btn-row' });
    if (st === 'running' || st === 'paused') {
      row.append(st === 'running' ? this.button('fac.pause', { action: 'timer.pause' }) : this.button('fac.resume', { action: 'timer.resume' }, 'btn primary'),
        this.button('fac.addMinute', { action: 'timer.add', ms: 60_000 }), this.button('fac.stop', { action: 'timer.stop' }));
      return this.section('fac.timer', row);
    }
    const minutes = h('input', { type: 'number', min: 1, max: 180, step: 'any', value: String(this.minutes), 'data-testid': 'timer-minutes', 'aria-label': t('fac.minutes') });
    minutes.addEventListener('input', () => { const v = Number(minutes.value); if (v > 0) this.minutes = v; });
    const start = h('button', { class: 'btn primary', 'data-action': 'timer.start', text: t('fac.start'), onclick: () => {
      const m = Math.max(0.05, Math.min(180, Number(minutes.value) || this.minutes));
      this.minutes = m;
      this.host.facilitate({ action: 'timer.start', durationMs: Math.round(m * 60_000) });
    } });
    row.append(h('label', { class: 'fp-inline' }, minutes, h('span', { text: t('fac.minutes') })), start);
    if (st === 'ended') row.append(this.button('fac.stop', { action: 'timer.stop' }));
    return this.section('fac.timer', row);
  }

  private voteSection(L: GridLayout): HTMLElement {
    const s = this.session;
    if (s.vote) {
      return this.section('fac.vote',
        h('p', { class: 'fp-note', 'data-testid': 'vote-status', text: t('fac.voteRunning', { n: s.cast }) }),
        this.button('fac.voteClose', { action: 'vote.close' }, 'btn primary wide'));
    }
    // pain points and opportunities are what a workshop votes on first
    this.voteLanes ??= new Set(L.lanes.filter((l) => l.kind === 'painpoints' || l.kind === 'opportunities').map((l) => l.el.id));
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
      this.host.facilitate({ action: 'vote.open', lanes: ids, votesPerPerson: Math.max(1, Math.round(this.votesPerPerson)), multiplePerCard: this.multiplePerCard });
    } });
    return this.section('fac.vote',
      h('div', { class: 'fp-sub', text: t('fac.voteLanes') }), lanes,
      h('label', { class: 'fp-inline' }, per, h('span', { text: t('fac.votesPerPerson') })),
      h('label', { class: 'fp-check' }, multi, h('span', { text: t('fac.multiplePerCard') })),
      open,
      s.result ? h('button', { class: 'btn wide', text: t('vote.showResult'), onclick: () => this.host.showResult() }) : null);
  }

  private roomSection(): HTMLElement {
    const s = this.session;
    const toggle = (label: MsgKey, on: boolean, send: (v: boolean) => FacilitatorAction, testid: string) => {
      const cb = h('input', { type: 'checkbox', role: 'switch', checked: on, 'data-testid': testid, onchange: () => this.host.facilitate(send(cb.checked)) });
      return h('label', { class: 'fp-check switch' }, cb, h('span', { text: t(label) }));
    };
    return this.section('fac.room',
      toggle('fac.follow', s.follow !== null && s.follow === this.ctx.client.me?.id, (on) => ({ action: 'follow', on }), 'toggle-follow'),
      toggle('fac.private', s.privateWriting, (on) => ({ action: 'private', on }), 'toggle-private'),
      toggle('fac.lockBoard', s.boardLocked, (locked) => ({ action: 'lock.board', locked }), 'toggle-lock'),
      toggle('fac.hideCursors', s.cursorsHidden, (hidden) => ({ action: 'cursors.hide', hidden }), 'toggle-cursors'));
  }

  private lockSection(sel: string[]): HTMLElement {
    const doc = this.ctx.doc();
    const els = sel.map((id) => doc.get(id)).filter((e): e is BoardElement => !!e);
    if (!els.length) return this.section('fac.selection', h('p', { class: 'fp-note', text: t('fac.noSelection') }));
    const allLocked = els.every((e) => e.props.locked === true);
    const submit = (lock: boolean) => this.ctx.actions.submit(lockOps(els, lock), false);
    return this.section('fac.selection',
      h('div', { class: 'btn-row' },
        h('button', { class: `btn ${allLocked ? '' : 'primary'}`, 'data-action': 'lock-selection', disabled: allLocked, onclick: () => submit(true) }, icon('lock', 14, 2), t('fac.lockSel')),
        h('button', { class: 'btn', 'data-action': 'unlock-selection', disabled: !els.some((e) => e.props.locked === true), text: t('fac.unlockSel'), onclick: () => submit(false) })));
  }

  private peopleSection(people: Participant[]): HTMLElement {
    const me = this.ctx.client.me?.id;
    const rows = people.map((p) => {
      const isMe = p.id === me;
      const row = h('div', { class: 'fp-person', 'data-person': p.id },
        h('span', { class: 'fp-dot', style: `background:${safeColor(p.color)}` }),
        h('span', { class: 'fp-name', text: isMe ? `${p.name} (${t('you')})` : p.name }));
      const dept = departmentSelect(this.ctx, p, (a) => this.host.facilitate(a));
      if (isMe) {
        row.append(h('span', { class: 'fp-role', text: t(p.role) }));
        if (dept) row.append(dept);
        return row;
      }
      const sel = h('select', { 'aria-label': t('role.change'), 'data-testid': 'role-select', onchange: () => {
        const role = ROLES.find((r) => r === sel.value);
        if (role) this.host.facilitate({ action: 'participant.role', participant: p.id, role });
      } }, ...ROLES.map((r) => h('option', { value: r, text: t(r) })));
      sel.value = p.role;
      if (dept) row.append(dept);
      row.append(sel, h('button', { class: 'icon-btn fp-remove', title: t('fac.remove'), 'aria-label': t('fac.remove'), text: '×', onclick: () => {
        if (window.confirm(t('fac.confirmRemove', { name: p.name }))) this.host.facilitate({ action: 'participant.remove', participant: p.id });
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
      for (const [k, label] of LINK_ROLES) {
        if (!links[k]) continue;
        const { input, button } = linkField(k, absolute(links[k]));
        out.push(h('div', { class: 'fp-link' }, h('span', { class: 'fp-sub', text: t(label) }), h('div', { class: 'fp-link-row' }, input, button)));
      }
    }
    out.push(h('button', { class: 'btn danger wide', 'data-action': 'links.rotate', text: t('fac.rotate'), onclick: () => {
      if (window.confirm(t('fac.confirmRotate'))) this.host.facilitate({ action: 'links.rotate' });
    } }));
    return this.section('fac.links', ...out);
  }
}
