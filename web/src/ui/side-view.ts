// A view the top bar opens and closes (the priorities matrix, the action plan, the comments drawer):
// its section, its toggle button (pressed while the view is open) and the key of what it last
// rendered. Opening or closing forgets the key, so an opened view renders afresh from the board as
// it is now.
import { h } from './dom';

/** The toggle button: its test id, its classes and its stand-in on a phone. */
export interface ViewToggle {
  testId: string;
  /** default: a top-bar button hidden on a phone */
  className?: string;
  /** the "⋯" menu item that stands for the button on a phone (topbar.ts, data-narrow), if any */
  narrow?: string;
}

export abstract class SideView {
  readonly openBtn: HTMLButtonElement;
  protected open = false;
  /** What the view last rendered from; '' makes the next update render. */
  protected key = '';

  /** @param content what the button holds from the start (a view that names itself with {@link label} passes none) */
  protected constructor(readonly el: HTMLElement, toggle: ViewToggle, ...content: Node[]) {
    this.el.hidden = true;
    this.openBtn = h('button', { class: toggle.className ?? 'btn wide-only btn-view', 'data-testid': toggle.testId, 'data-narrow': toggle.narrow, 'aria-pressed': 'false', onclick: () => this.setOpen(!this.open) }, ...content);
  }

  get isOpen(): boolean { return this.open; }

  setOpen(open: boolean): void {
    this.open = open;
    this.el.hidden = !open;
    this.openBtn.setAttribute('aria-pressed', String(open));
    this.openBtn.classList.toggle('on', open);
    this.key = '';
    this.update();
  }

  /** Renders what changed (the board, my role, the language); called on every change and on open. */
  abstract update(): void;

  /** The toggle's text in the current language. */
  protected label(text: string): void {
    if (this.openBtn.textContent !== text) this.openBtn.textContent = text;
  }
}
