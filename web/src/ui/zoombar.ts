// The zoom buttons and level over the canvas, and the hint line for an empty board or a viewer.
import type { GridLayout } from '../render/layout';
import type { SyncClient } from '../sync/client';
import type { CameraController } from './camera';
import { h } from './dom';
import { t } from './i18n';
import { iconButton } from './topbar';

export class ZoomBar {
  readonly el: HTMLElement;
  private readonly label: HTMLElement;

  constructor(private readonly camera: CameraController, fit: () => void) {
    this.label = h('button', { class: 'zoom-label', onclick: () => camera.zoomTo(1) });
    this.el = h('div', { class: 'zoombar' },
      iconButton('minus', 'zoomOut', () => camera.zoomBy(1 / 1.2)),
      this.label,
      iconButton('plus', 'zoomIn', () => camera.zoomBy(1.2)),
      iconButton('fit', 'zoomFit', fit));
  }

  update(): void { this.label.textContent = `${Math.round(this.camera.zoom * 100)}%`; }
}

/** What to do first on an empty board (or that a viewer only watches). */
export class Hint {
  readonly el: HTMLElement = h('div', { class: 'hint' });

  update(c: SyncClient, L: GridLayout | null): void {
    let hint = '';
    if (c.me && !c.canEdit) hint = c.role === 'commenter' ? t('comments.commenterHint') : t('viewerHint');
    else if (c.me && L && L.cards.length === 0) {
      if (L.lanes.length && L.stages.length) hint = t('dblClickHint');
      else if (L.free.length === 0) hint = c.role === 'facilitator' ? t('blankHint') : t('blankHintEditor');
    }
    this.el.textContent = hint;
    this.el.hidden = !hint;
  }
}
