// A small drop-down menu under a button: opens on click, closes on a choice, a click elsewhere or
// Escape. Items are rebuilt each time it opens, so they follow the role and the language.
import { h } from './dom';

export interface MenuItem {
  label: string;
  action: string;
  run(): void;
  /** extra classes (e.g. items shown only on narrow screens) */
  class?: string;
  danger?: boolean;
}

export class Menu {
  readonly el: HTMLElement;
  private open = false;
  private readonly onDoc = (e: Event) => { if (!this.el.contains(e.target as Node) && e.target !== this.button) this.close(); };

  constructor(private readonly button: HTMLButtonElement, private readonly items: () => MenuItem[], testid: string) {
    this.el = h('div', { class: 'menu', role: 'menu', hidden: true, 'data-testid': testid });
    button.setAttribute('aria-haspopup', 'menu');
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', () => (this.open ? this.close() : this.show()));
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { this.close(); button.focus(); }
    });
  }

  get isOpen(): boolean { return this.open; }

  show(): void {
    this.el.replaceChildren(...this.items().map((it) => h('button', {
      class: `menu-item ${it.class ?? ''} ${it.danger ? 'danger' : ''}`.trim(), role: 'menuitem', 'data-menu': it.action, text: it.label,
      onclick: () => { this.close(); it.run(); },
    })));
    this.el.hidden = false;
    this.open = true;
    this.button.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', this.onDoc, true);
    (this.el.querySelector('.menu-item:not([hidden])') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  close(): void {
    if (!this.open) return;
    this.el.hidden = true;
    this.open = false;
    this.button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', this.onDoc, true);
  }
}
