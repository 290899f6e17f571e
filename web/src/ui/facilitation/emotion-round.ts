// The emotion round in the browser (PROTOCOL.md "Emotion round"): the facilitator's section of
// the Facilitate panel (targets, label, open, close), everyone's scoring panel while a round is
// open (my scores −2…+2 per target, how many people scored each), and the emotion-curve selector
// (which round the emotion lane draws, and which one it is compared with). The server keeps the
// round secret and computes the results; this only sends scores and shows what it is told.
import { roundsIn } from '../../model/emotion-rounds';
import type { BoardElement } from '../../model/types';
import type { EmotionMsg, FacilitatorAction } from '../../protocol/messages';
import { roundName } from '../../render/emotion-band';
import type { EmotionView } from '../../render/emotion-band';
import { EmotionRoundStore } from '../../session/emotion';
import './emotion-round.css';
import type { BoardContext } from '../context';
import { h, toast } from '../dom';
import { lang, t } from '../i18n';

const SCORES = [-2, -1, 0, 1, 2];
/** A server error this soon after a score of mine is taken as its answer. */
const ANSWER_MS = 3000;

export class EmotionRoundUi {
  readonly store = new EmotionRoundStore();
  /** bottom left of the canvas: the scoring panel (during a round) and the curve selector */
  readonly dock: HTMLElement;
  private readonly view: EmotionView;
  private key = '';
  private lastScoreAt = 0;
  // the facilitator's form survives panel rebuilds
  private mode: 'stages' | 'cards' = 'stages';
  private stages: Set<string> | null = null;
  private label = '';

  constructor(private readonly ctx: BoardContext, private readonly facilitate: (a: FacilitatorAction) => void) {
    this.dock = h('div', { class: 'emo-dock' });
    this.view = { current: null, compare: null, words: this.words() };
    ctx.view.renderer.emotion = this.view;
    this.store.onChange(() => { this.update(); ctx.view.requestRender(); });
    ctx.client.on('error', (code) => {
      if (Date.now() - this.lastScoreAt < ANSWER_MS && (code === 'INVALID_VALUE' || code === 'FORBIDDEN')) {
        toast(t('emo.refused'), 'error');
        this.lastScoreAt = 0;
      }
    });
  }

  /** The language changed: the canvas words too. */
  invalidate(): void {
    this.key = '';
    this.view.words = this.words();
  }

  private words(): EmotionView['words'] {
    return { round: t('emo.round', { n: '{n}' }), n: t('emo.n'), emotion: t('emo.emotion') };
  }

  // ------------------------------------------------------------------ everyone: dock

  update(): void {
    const s = this.store;
    const rounds = roundsIn(this.ctx.layout().stages.map((st) => st.el));
    const key = JSON.stringify([lang(), s.round, s.mine, s.counts, s.people, this.ctx.client.role, rounds, this.view.current, this.view.compare,
      s.round?.targets.map((id) => this.targetLabel(id))]);
    if (key === this.key) return;
    this.key = key;
    this.dock.replaceChildren(...[s.open ? this.scorePanel() : null, rounds.length ? this.curveSelector() : null].filter((e): e is HTMLElement => !!e));
    this.dock.hidden = !this.dock.childElementCount;
  }

  private scorePanel(): HTMLElement {
    const s = this.store;
    const round = s.round!;
    const can = s.canScore(this.ctx.client.role);
    const { done, total } = s.progress();
    const rows = round.targets.map((id) => {
      const mine = s.scoreOf(id);
      const buttons = SCORES.map((v) => h('button', {
        type: 'button', class: `seg ${mine === v ? 'on' : ''} ${v > 0 ? 'good' : v < 0 ? 'bad' : 'neutral'}`, 'data-score': String(v),
        'aria-pressed': String(mine === v), 'aria-label': t('emo.score', { v: v > 0 ? `+${v}` : String(v) }), disabled: !can,
        text: v > 0 ? `+${v}` : String(v), onclick: () => this.send(id, v),
      }));
      return h('div', { class: 'emo-row', 'data-target': id, 'data-mine': mine === undefined ? '' : String(mine) },
        h('span', { class: 'emo-target', title: this.targetLabel(id), text: this.targetLabel(id) }),
        h('div', { class: 'segmented emo-scores', role: 'group' }, ...buttons),
        h('span', { class: 'emo-count', 'data-count': String(s.counts[id] ?? 0), text: t('emo.scored', { n: s.counts[id] ?? 0 }) }),
        can && mine !== undefined
          ? h('button', { type: 'button', class: 'icon-btn emo-take-back', title: t('emo.takeBack'), 'aria-label': t('emo.takeBack'), text: '×', onclick: () => this.send(id, null) })
          : h('span', { class: 'emo-take-back' }));
    });
    const name = roundName({ round: round.round, label: round.label, at: 0, targets: total }, this.view);
    return h('section', { class: 'emo-panel', 'data-testid': 'emotion-panel', 'aria-label': t('emo.panelTitle') },
      h('div', { class: 'emo-head' }, h('strong', { text: t('emo.panelTitle') }), h('span', { class: 'emo-name', text: name })),
      h('p', { class: 'emo-hint', text: can ? t('emo.hint') : t('emo.viewerHint') }),
      ...rows,
      h('div', { class: 'emo-foot', 'data-testid': 'emotion-progress' },
        h('span', { text: can ? t('emo.progress', { done, total }) : '' }),
        h('span', { text: t('emo.running', { n: round.round, people: s.people }) })));
  }

  private curveSelector(): HTMLElement {
    const rounds = roundsIn(this.ctx.layout().stages.map((st) => st.el));
    const latest = rounds[rounds.length - 1];
    const current = rounds.find((r) => r.round === this.view.current) ?? latest;
    const pick = h('select', { 'data-testid': 'emotion-current', 'aria-label': t('emo.curve'), onchange: () => {
      this.view.current = pick.value === '' ? null : Number(pick.value);
      if (this.view.compare === this.view.current) this.view.compare = null;
      this.changed();
    } }, h('option', { value: '', text: `${t('emo.latest')} (${roundName(latest, this.view)})` }),
    ...rounds.map((r) => h('option', { value: String(r.round), text: roundName(r, this.view) })));
    pick.value = this.view.current === null ? '' : String(this.view.current);
    const compare = h('select', { 'data-testid': 'emotion-compare', 'aria-label': t('emo.compare'), onchange: () => {
      this.view.compare = compare.value === '' ? null : Number(compare.value);
      this.changed();
    } }, h('option', { value: '', text: t('emo.none') }),
    ...rounds.filter((r) => r.round !== current.round).map((r) => h('option', { value: String(r.round), text: roundName(r, this.view) })));
    compare.value = this.view.compare === null ? '' : String(this.view.compare);
    return h('div', { class: 'emo-view' },
      h('label', {}, h('span', { text: t('emo.curve') }), pick),
      rounds.length > 1 ? h('label', {}, h('span', { text: t('emo.compare') }), compare) : null);
  }

  private changed(): void {
    this.key = '';
    this.update();
    this.ctx.view.requestRender();
  }

  private send(target: string, score: number | null): void {
    this.lastScoreAt = Date.now();
    const msg: EmotionMsg = { type: 'emotion', target, score };
    if (!this.ctx.client.send(msg)) toast(t('err.network'), 'error');
  }

  private targetLabel(id: string): string {
    const L = this.ctx.layout();
    const stage = L.stages.find((s) => s.el.id === id);
    if (stage) return stage.label;
    const text = (this.ctx.doc().get(id)?.props.text as string | undefined) ?? id;
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  }

  // ------------------------------------------------------------------ the facilitator's section

  /** What the Facilitate panel's section shows depends on this (it rebuilds when it changes). */
  sectionKey(): string {
    const s = this.store;
    return JSON.stringify([s.round, s.people, this.mode, this.selectedCards().length]);
  }

  section(): HTMLElement {
    const s = this.store;
    const title = h('div', { class: 'fp-title', text: t('emo.section') });
    if (s.round) {
      return h('div', { class: 'fp-section', 'data-testid': 'emotion-section' }, title,
        h('p', { class: 'fp-note', 'data-testid': 'emotion-status', text: t('emo.running', { n: s.round.round, people: s.people }) }),
        h('button', { class: 'btn primary wide', 'data-action': 'emotion.close', text: t('emo.close'), onclick: () => this.facilitate({ action: 'emotion.close' }) }));
    }
    const L = this.ctx.layout();
    this.stages ??= new Set(L.stages.map((st) => st.el.id));
    const chosen = this.stages;
    const cards = this.selectedCards();
    const radio = (mode: 'stages' | 'cards', text: string) => {
      const r = h('input', { type: 'radio', name: 'emo-mode', value: mode, checked: this.mode === mode, 'data-testid': `emotion-mode-${mode}`,
        onchange: () => { if (r.checked) this.mode = mode; } });
      return h('label', { class: 'fp-check' }, r, h('span', { text }));
    };
    const stageBoxes = h('div', { class: 'fp-stages' }, ...L.stages.map((st) => {
      const cb = h('input', { type: 'checkbox', checked: chosen.has(st.el.id), 'data-stage': st.el.id,
        onchange: () => { if (cb.checked) chosen.add(st.el.id); else chosen.delete(st.el.id); } });
      return h('label', { class: 'fp-check', title: st.label }, cb, h('span', { text: st.label }));
    }));
    const label = h('input', { type: 'text', maxlength: 60, value: this.label, placeholder: t('emo.labelPlaceholder'), 'data-testid': 'emotion-label', 'aria-label': t('emo.label') });
    label.addEventListener('input', () => { this.label = label.value; });
    const open = h('button', { class: 'btn primary wide', 'data-action': 'emotion.open', text: t('emo.open'), onclick: () => {
      const name = this.label.trim() || undefined;
      this.label = ''; // the next round gets a name of its own
      if (this.mode === 'cards') {
        const ids = this.selectedCards().map((c) => c.id);
        if (!ids.length) { toast(t('emo.noTargets'), 'error'); return; }
        this.facilitate({ action: 'emotion.open', cards: ids, ...(name ? { label: name } : {}) });
      } else {
        const ids = L.stages.map((st) => st.el.id).filter((id) => chosen.has(id));
        if (!ids.length) { toast(t('emo.noTargets'), 'error'); return; }
        this.facilitate({ action: 'emotion.open', stages: ids, ...(name ? { label: name } : {}) });
      }
    } });
    return h('div', { class: 'fp-section', 'data-testid': 'emotion-section' }, title,
      h('div', { class: 'fp-sub', text: t('emo.targets') }),
      radio('stages', t('emo.targetStages')), stageBoxes,
      radio('cards', t('emo.targetCards', { n: cards.length })),
      h('label', { class: 'fp-inline wide' }, h('span', { text: t('emo.label') }), label),
      open);
  }

  private selectedCards(): BoardElement[] {
    const doc = this.ctx.doc();
    return this.ctx.selection.list().map((id) => doc.get(id)).filter((e): e is BoardElement => e?.type === 'card');
  }

  testState(): Record<string, unknown> {
    const s = this.store;
    return { round: s.round, mine: { ...s.mine }, counts: { ...s.counts }, people: s.people, view: { current: this.view.current, compare: this.view.compare } };
  }
}
