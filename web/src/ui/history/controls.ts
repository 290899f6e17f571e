// The bar under the history map: previous / next, the slider, where I am, play / pause, the
// replay speed and restore. Built once and updated in place, so that dragging the slider is not
// interrupted by the map it moves.
import { h, icon } from '../dom';
import { t } from '../i18n';
import { SPEEDS } from './pacing';

export interface ControlsHost {
  go(point: number): void;
  /** the slider was moved by hand (a replay stops) */
  scrub(point: number): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  restore(): void;
}

export interface ControlsState { point: number; last: number; playing: boolean; speed: number; canRestore: boolean }

export class HistoryControls {
  readonly el: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly slider: HTMLInputElement;
  private readonly where = h('span', { class: 'history-point', 'data-testid': 'history-point' });
  private readonly play: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
  private readonly restoreBtn: HTMLButtonElement;
  private point = 0;

  constructor(host: ControlsHost) {
    this.prev = h('button', { class: 'icon-btn', 'data-testid': 'history-prev', onclick: () => host.go(this.point - 1) }, icon('left'));
    this.next = h('button', { class: 'icon-btn', 'data-testid': 'history-next', onclick: () => host.go(this.point + 1) }, icon('right'));
    this.slider = h('input', { type: 'range', min: 0, max: 0, value: 0, step: 1, 'data-testid': 'history-slider' });
    this.slider.addEventListener('input', () => host.scrub(Number(this.slider.value)));
    this.play = h('button', { class: 'btn', 'data-testid': 'history-play', onclick: () => host.togglePlay() });
    this.speed = h('select', { 'data-testid': 'history-speed' }, ...SPEEDS.map((s) => h('option', { value: s, text: `${s}×` })));
    this.speed.addEventListener('change', () => host.setSpeed(Number(this.speed.value)));
    this.restoreBtn = h('button', { class: 'btn primary', 'data-testid': 'history-restore', onclick: () => host.restore() });
    this.el = h('div', { class: 'history-controls' }, this.prev, this.slider, this.next, this.where, this.play, this.speed, this.restoreBtn);
    this.el.hidden = true;
    this.labels();
  }

  /** The words, in the language now. */
  labels(): void {
    for (const [b, k] of [[this.prev, 'history.prev'], [this.next, 'history.next']] as const) {
      b.title = t(k);
      b.setAttribute('aria-label', t(k));
    }
    this.slider.setAttribute('aria-label', t('history.slider'));
    this.speed.setAttribute('aria-label', t('history.speed'));
    this.restoreBtn.textContent = t('history.restore');
  }

  update(s: ControlsState): void {
    this.el.hidden = false;
    this.point = s.point;
    this.slider.max = String(s.last);
    if (this.slider.value !== String(s.point)) this.slider.value = String(s.point);
    this.prev.disabled = s.point <= 0;
    this.next.disabled = s.point >= s.last;
    this.where.textContent = t('history.point', { n: s.point, total: s.last });
    this.play.textContent = s.playing ? t('history.pause') : t('history.play');
    this.play.setAttribute('aria-pressed', String(s.playing));
    if (this.speed.value !== String(s.speed)) this.speed.value = String(s.speed);
    this.restoreBtn.hidden = !s.canRestore;
  }

  hide(): void { this.el.hidden = true; }
}
