// The "Customer feedback / 客户之声" panel: the facilitator imports a CSV here (and sees the
// import's report, row by row), everyone sees the feedback no card matched, and editors tag an
// item onto a card by dragging it onto the card (data-tools.ts handles the drop) or with the
// "Tag" button and a selected card. It refetches when the server says the feedback changed.
import type { BoardContext } from '../context';
import { h, toast } from '../dom';
import { t } from '../i18n';
import type { FeedbackApi, FeedbackItem, ImportReport } from './api';
import { itemRow } from './item';

const PAGE = 50;

export class FeedbackPanel {
  readonly el: HTMLElement;
  readonly openBtn: HTMLButtonElement;
  private open = false;
  private items: FeedbackItem[] = [];
  private total: number | null = null;
  private shown = PAGE;
  private report: ImportReport | null = null;
  private busy: string | null = null;
  private loading = false;
  private again = false;

  constructor(private readonly ctx: BoardContext, private readonly api: FeedbackApi,
              private readonly tag: (items: string[], card: string) => Promise<void>) {
    this.el = h('section', { class: 'fb-panel', 'data-testid': 'feedback-panel', 'aria-label': t('data.feedback') });
    this.el.hidden = true;
    this.openBtn = h('button', { class: 'btn wide-only btn-feedback', 'data-testid': 'feedback-open', 'data-narrow': 'feedback', 'aria-pressed': 'false', onclick: () => this.setOpen(!this.open) });
    this.updateButton();
  }

  get isOpen(): boolean { return this.open; }
  get unmatchedTotal(): number | null { return this.total; }
  get lastReport(): ImportReport | null { return this.report; }
  get shownItems(): FeedbackItem[] { return this.items; }

  setOpen(open: boolean): void {
    this.open = open;
    this.el.hidden = !open;
    this.openBtn.setAttribute('aria-pressed', String(open));
    this.openBtn.classList.toggle('on', open);
    if (open) void this.refresh();
    this.render();
  }

  /** The server changed the board's feedback: the count is news, the list is stale. */
  changed(unmatched: number): void {
    this.total = unmatched;
    this.updateButton();
    if (this.open) void this.refresh();
  }

  /** Fetches the shown part of the unmatched list again (one fetch at a time, the latest wins). */
  async refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    try {
      const page = await this.api.list({ offset: 0, limit: Math.min(this.shown, 500) });
      this.items = page.items;
      this.total = page.total;
    } catch (e) {
      toast(t('data.failed', { message: (e as Error).message }), 'error');
    } finally {
      this.loading = false;
    }
    this.updateButton();
    this.render();
    if (this.again) {
      this.again = false;
      void this.refresh();
    }
  }

  render(): void {
    this.updateButton();
    if (!this.open) return;
    const canEdit = this.ctx.client.canEdit;
    const body: (HTMLElement | null)[] = [
      h('div', { class: 'fp-head' }, h('h3', { text: t('data.feedback') }),
        h('button', { class: 'icon-btn', 'aria-label': t('data.close'), text: '×', onclick: () => this.setOpen(false) })),
    ];
    if (this.ctx.client.role === 'facilitator') body.push(this.importSection());
    const list = h('div', { class: 'fb-list', 'data-testid': 'feedback-unmatched' });
    for (const item of this.items) list.append(itemRow(item, { draggable: canEdit, action: canEdit ? { label: t('data.tag'), run: () => this.tagSelected(item) } : null }));
    if (this.total === 0) list.append(h('p', { class: 'muted', text: t('data.noUnmatched') }));
    const more = this.total !== null && this.items.length < this.total
      ? h('button', { class: 'btn wide', 'data-action': 'feedback-more', text: t('data.more'), onclick: () => { this.shown += PAGE; void this.refresh(); } })
      : null;
    body.push(h('div', { class: 'fp-section' },
      h('div', { class: 'fp-title', 'data-testid': 'feedback-unmatched-title', text: t('data.unmatched', { n: this.total ?? '…' }) }),
      canEdit ? h('p', { class: 'muted small', text: t('data.unmatchedHint') }) : null,
      list, more));
    this.el.replaceChildren(...body.filter((x): x is HTMLElement => x !== null));
  }

  private importSection(): HTMLElement {
    const input = h('input', { type: 'file', accept: '.csv,text/csv', hidden: true, 'data-testid': 'feedback-file' });
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      if (f) void this.importFile(f);
      input.value = '';
    });
    const btn = h('button', { class: 'btn primary', 'data-action': 'feedback-import', text: this.busy ?? t('data.import'), onclick: () => input.click() });
    btn.disabled = this.busy !== null;
    const out: (HTMLElement | null)[] = [h('div', { class: 'btn-row' }, btn, input), h('p', { class: 'muted small', text: t('data.importHint') })];
    const r = this.report;
    if (r) {
      out.push(h('p', { class: 'fb-report', 'data-testid': 'feedback-report', text: t('data.imported', { imported: r.imported, rows: r.rows, matched: r.matched, unmatched: r.unmatched }) }));
      if (r.skipped) {
        const errs = h('ul', { class: 'fb-errors' }, ...r.errors.slice(0, 20).map((e) => h('li', { text: `${t('data.row', { row: e.row })}: ${e.message}` })));
        out.push(h('details', { class: 'fb-issues' }, h('summary', { text: t('data.skipped', { n: r.skipped }) }), errs));
      }
      if (r.warnings.length) {
        const warns = h('ul', { class: 'fb-errors' }, ...r.warnings.slice(0, 20).map((e) => h('li', { text: `${t('data.row', { row: e.row })}: ${e.message}` })));
        out.push(h('details', { class: 'fb-issues' }, h('summary', { text: t('data.warnings', { n: r.warnings.length }) }), warns));
      }
    }
    return h('div', { class: 'fp-section' }, ...out);
  }

  async importFile(file: Blob & { name?: string }): Promise<ImportReport | null> {
    this.busy = t('data.importing', { name: file.name ?? 'CSV' });
    this.render();
    try {
      this.report = await this.api.importCsv(file);
      return this.report;
    } catch (e) {
      toast(t('data.failed', { message: (e as Error).message }), 'error', 8000);
      return null;
    } finally {
      this.busy = null;
      this.render();
      void this.refresh();
    }
  }

  private async tagSelected(item: FeedbackItem): Promise<void> {
    const doc = this.ctx.doc();
    const cards = this.ctx.selection.list().filter((id) => doc.get(id)?.type === 'card');
    if (cards.length !== 1) {
      toast(t('data.selectCard'));
      return;
    }
    await this.tag([item.id], cards[0]);
  }

  private updateButton(): void {
    const label = this.total ? `${t('data.feedbackOpen')} · ${this.total}` : t('data.feedbackOpen');
    if (this.openBtn.textContent !== label) this.openBtn.textContent = label;
  }
}
