// The data on the map in the board page: the customer-feedback panel and its top-bar button,
// dropping a feedback item onto a card, who last changed a card's data (the integration, an
// import), the data-integration section of the share dialog and the data part of the card panel.
// One board page per document: the side panel reaches the page's instance through dataTools().
import './data.css';
import type { BoardElement } from '../../model/types';
import { drawnData, lastStageMeans } from '../../render/data-draw';
import type { BoardContext } from '../context';
import { toast } from '../dom';
import { FeedbackApi } from '../feedback/api';
import { openCardFeedback } from '../feedback/card-dialog';
import { ITEM_DRAG_TYPE } from '../feedback/item';
import { FeedbackPanel } from '../feedback/panel';
import { onLangChange, t } from '../i18n';
import { rememberBoard } from '../storage';
import { cardDataSection, SectionHost } from './card-section';
import { dataShareSection } from './share-section';

export interface DataHost {
  boardId: string;
  /** the tab's board token now (the facilitator's is replaced when the links rotate) */
  token(): string;
  /** the positioned wrapper of the canvas (the panel floats in it) */
  stage: HTMLElement;
  /** the top bar's action group (the feedback button goes there) */
  topActions: HTMLElement;
}

let active: DataTools | null = null;

/** The board page's data tools, or null outside a board page. */
export function dataTools(): DataTools | null { return active; }

export class DataTools implements SectionHost {
  readonly api: FeedbackApi;
  readonly panel: FeedbackPanel;
  private readonly lastBy = new Map<string, { author: string; at: number }>();

  constructor(private readonly ctx: BoardContext, private readonly host: DataHost) {
    this.api = new FeedbackApi(host.boardId, () => host.token());
    this.panel = new FeedbackPanel(ctx, this.api, (items, card) => this.tag(items, card));
    host.stage.append(this.panel.el);
    host.topActions.prepend(this.panel.openBtn);
    const { client } = ctx;
    client.on('feedback', (m) => this.panel.changed(m.unmatched));
    client.on('applied', (m) => {
      // the server's own edits for integrations and imports: remember who, per card, for the panel
      if (m.client !== '@server' || !m.author.startsWith('@')) return;
      for (const op of m.ops) if (op.op === 'update') this.lastBy.set(op.id, { author: m.author, at: Date.now() });
    });
    client.on('session', (m) => {
      if (m.type !== 'links' || !m.tokens) return;
      if (m.tokens.data) rememberBoard({ id: host.boardId, dataToken: m.tokens.data });
    });
    client.on('peers', () => this.panel.render());
    client.on('welcome', () => this.panel.render());
    onLangChange(() => this.panel.render());
    this.installDrop();
    active = this;
    (window as Window & { __jbData?: unknown }).__jbData = {
      drawn: (id: string) => drawnData.get(id) ?? null,
      means: (stage: string) => lastStageMeans()?.get(stage) ?? null,
      get panelOpen() { return active?.panel.isOpen ?? false; },
      get unmatched() { return active?.panel.unmatchedTotal ?? null; },
      get report() { return active?.panel.lastReport ?? null; },
      get shownItems() { return active?.panel.shownItems.map((i) => ({ id: i.id, text: i.text })) ?? []; },
      openPanel: () => active?.panel.setOpen(true),
      importFile: (name: string, bytes: number[], type = 'text/csv') => active?.panel.importFile(Object.assign(new Blob([new Uint8Array(bytes)], { type }), { name })),
    };
  }

  lastChange(cardId: string): { author: string; at: number } | null {
    return this.lastBy.get(cardId) ?? null;
  }

  showAllFeedback(cardId: string): void {
    openCardFeedback(this.ctx, this.api, cardId, (items) => this.tag(items, null));
  }

  cardSection(el: BoardElement, ro: boolean): HTMLElement[] {
    return cardDataSection(this.ctx, el, ro, this);
  }

  /**
   * The share dialog's data-integration section; facilitators only. `dataToken` is the one the server's
   * links answer gave (any device of the facilitator), else the one this device remembers.
   */
  shareSection(dataToken?: string): HTMLElement | null {
    if (this.ctx.client.role !== 'facilitator') return null;
    if (dataToken) rememberBoard({ id: this.host.boardId, dataToken });
    return dataShareSection(this.host.boardId, () => { this.ctx.client.send({ type: 'facilitate', action: 'links.rotate' }); });
  }

  /** Files feedback items under a card (null: under none); everyone's panels follow the server's notice. */
  async tag(items: string[], card: string | null): Promise<void> {
    try {
      await this.api.tag(items, card);
      if (card) {
        const text = ((this.ctx.doc().get(card)?.props.text as string | undefined) ?? '').split('\n')[0].slice(0, 30) || card;
        toast(t('data.tagged', { card: text }));
      }
    } catch (e) {
      toast(t('data.failed', { message: (e as Error).message }), 'error');
    }
  }

  /** A feedback item dragged from a panel and dropped on a card tags it there. */
  private installDrop(): void {
    const canvas = this.ctx.view.canvas;
    const isFeedback = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes(ITEM_DRAG_TYPE);
    const cardAt = (e: DragEvent) => {
      const r = canvas.getBoundingClientRect();
      const w = this.ctx.camera.toWorld(e.clientX - r.left, e.clientY - r.top);
      const hit = this.ctx.hit(w.x, w.y);
      return hit && hit.type === 'card' ? hit : null;
    };
    canvas.addEventListener('dragover', (e) => {
      if (!isFeedback(e) || !this.ctx.client.canEdit) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = cardAt(e) ? 'link' : 'none';
    });
    canvas.addEventListener('drop', (e) => {
      if (!isFeedback(e) || !this.ctx.client.canEdit) return;
      e.preventDefault();
      const id = e.dataTransfer!.getData(ITEM_DRAG_TYPE);
      const card = cardAt(e);
      if (!card) {
        toast(t('data.notCard'));
        return;
      }
      void this.tag([id], card.id);
    });
  }
}
