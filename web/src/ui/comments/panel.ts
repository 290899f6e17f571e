// The comments drawer over the canvas: a search box over comment and card texts (a hit selects
// its item and pans to it), then the threads of the selected card or item with a box for a new
// thread, or, with nothing selected, the items that have open threads. Without comment rights it
// says why and shows the threads read-only. It is rebuilt on every change that shows in it; drafts
// and the caret survive the rebuild (the draft map, the focused box found again by its key).
import type { BoardElement } from '../../model/types';
import type { BoardContext } from '../context';
import { h, icon } from '../dom';
import { lang, MsgKey, t } from '../i18n';
import { composer } from './composer';
import { threadView, ThreadHost } from './thread-view';
import type { CommentRights, MentionTarget } from './threads';
import { commentable, itemsWithOpenThreads, mentionsOf, openThreadCounts, searchBoard, threadsOn } from './threads';
import { nameOf } from '../departments/names';
import { SideView } from '../side-view';

export interface PanelActions {
  rights(): CommentRights;
  targets(): MentionTarget[];
  post(on: string, text: string, draftKey: string, replyTo?: string): void;
  resolve(threadId: string, resolved: boolean): void;
  remove(commentId: string): void;
  /** select the item and pan to it */
  show(itemId: string): void;
}

const cut = (s: string, n: number): string => {
  const c = [...s.replace(/\s+/g, ' ').trim()];
  return c.length > n ? c.slice(0, n - 1).join('') + '…' : c.join('');
};

export function itemName(el: BoardElement): string {
  const text = typeof el.props.text === 'string' ? el.props.text : typeof el.props.name === 'string' ? el.props.name : '';
  return text.trim() ? cut(text, 40) : t('comments.untitled');
}

/** A speech bubble, like the one on the cards. */
function bubbleIcon(): SVGSVGElement {
  const svg = icon('', 16, 1.8);
  svg.querySelector('path')!.setAttribute('d', 'M5 4h14a2 2 0 012 2v9a2 2 0 01-2 2h-8l-5 4v-4H5a2 2 0 01-2-2V6a2 2 0 012-2z');
  return svg;
}

export class CommentsPanel extends SideView {
  readonly drafts = new Map<string, string>();
  /** the last refusal, shown in the panel until the next send: [key, draft it belongs to] */
  error: { key: string } | null = null;
  private query = '';
  private showResolved = false;
  private readonly openLabel: HTMLSpanElement;
  private readonly openCount: HTMLSpanElement;

  constructor(private readonly ctx: BoardContext, private readonly act: PanelActions) {
    // shown on a phone too (no wide-only): there only the bubble and the count show (comments.css)
    const label = h('span', { class: 'cm-open-label' });
    const count = h('span', { class: 'cm-count-pill' });
    super(h('section', { class: 'comments-panel', 'data-testid': 'comments-panel', 'aria-label': t('comments.title') }),
      { testId: 'comments-open', className: 'btn btn-view cm-open' }, bubbleIcon(), label, count);
    this.openLabel = label;
    this.openCount = count;
  }

  invalidate(): void { this.key = ''; }

  update(): void {
    // (cached per document version: the renderer's bubbles use the same counts)
    let open = 0;
    for (const n of openThreadCounts(this.ctx.doc()).values()) open += n;
    // on a phone only the bubble and the count show (comments.css); the label says it all
    const label = open ? t('comments.openCount', { n: open }) : t('comments.open');
    if (this.openBtn.getAttribute('aria-label') !== label) {
      this.openBtn.setAttribute('aria-label', label);
      this.openBtn.title = label;
      this.openLabel.textContent = t('comments.open');
      this.openCount.textContent = open ? String(open) : '';
      this.openCount.hidden = !open;
    }
    if (!this.open) return;
    const { ctx } = this;
    const sel = ctx.selection.list();
    const rights = this.act.rights();
    const key = JSON.stringify([ctx.doc().version, sel, lang(), ctx.client.role, ctx.client.department, ctx.client.clientId, rights, this.query, this.showResolved, this.error]);
    if (key === this.key) return;
    const active = document.activeElement as HTMLElement | null;
    // never under an IME composition: the box says when it is done (compositionend)
    if (active && this.el.contains(active) && active.dataset.composing) return;
    this.key = key;
    const focusKey = active && this.el.contains(active) ? active.dataset.draft ?? (active.dataset.testid === 'comments-search' ? 'search' : null) : null;
    const caret = focusKey && (active as HTMLTextAreaElement).selectionStart;
    this.el.replaceChildren(...this.build(sel, rights));
    if (focusKey) {
      const again = (focusKey === 'search' ? this.el.querySelector('[data-testid=comments-search]') : this.el.querySelector(`[data-draft="${CSS.escape(focusKey)}"]`)) as HTMLTextAreaElement | null;
      if (again) {
        again.focus();
        if (typeof caret === 'number') again.setSelectionRange(caret, caret);
      }
    }
  }

  private build(sel: string[], rights: CommentRights): HTMLElement[] {
    const out: HTMLElement[] = [
      h('div', { class: 'cm-head' }, h('h3', { text: t('comments.title') }), h('span', { class: 'spacer' }),
        h('button', { class: 'icon-btn', 'aria-label': t('comments.close'), text: '×', onclick: () => this.setOpen(false) })),
    ];
    if (!rights.write) out.push(h('p', { class: 'note cm-reason', 'data-testid': 'comments-reason', text: t(`comments.reason.${rights.reason}` as MsgKey) }));
    if (this.error) out.push(h('p', { class: 'note error cm-error', role: 'alert', 'data-testid': 'comments-error', text: t(this.error.key as MsgKey) }));
    out.push(this.searchBox());
    if (this.query.trim()) {
      out.push(this.hits());
      return out;
    }
    const doc = this.ctx.doc();
    const item = sel.length === 1 ? doc.get(sel[0]) : undefined;
    if (item && commentable(item)) out.push(...this.itemThreads(item, rights));
    else if (item) out.push(h('p', { class: 'muted', text: t('comments.notCommentable') }));
    else out.push(...this.overview());
    return out;
  }

  private searchBox(): HTMLElement {
    const input = h('input', { type: 'search', class: 'cm-search', value: this.query, placeholder: t('comments.search'), 'aria-label': t('comments.search'), 'data-testid': 'comments-search' });
    input.addEventListener('input', () => {
      this.query = input.value;
      this.update();
    });
    return input;
  }

  private hits(): HTMLElement {
    const doc = this.ctx.doc();
    const hits = searchBoard(doc, this.query);
    if (!hits.length) return h('p', { class: 'muted', 'data-testid': 'comments-hits', text: t('comments.searchNone', { q: this.query.trim() }) });
    return h('ul', { class: 'cm-hits', 'data-testid': 'comments-hits' }, ...hits.map((hit) => {
      const item = doc.get(hit.item);
      const text = hit.text;
      // a window of the text around the match, the match marked
      const from = Math.max(0, hit.at - 20);
      const before = (from > 0 ? '…' : '') + text.slice(from, hit.at);
      const found = text.slice(hit.at, hit.at + this.query.trim().length);
      const after = cut(text.slice(hit.at + found.length), 40);
      return h('li', {}, h('button', { type: 'button', class: 'cm-hit', 'data-hit': hit.item, 'data-hit-comment': hit.comment ?? '', onclick: () => {
        this.query = '';
        this.act.show(hit.item);
      } },
      h('span', { class: `cm-hit-kind ${hit.kind}`, text: hit.kind === 'comment' ? t('comments.hitComment') : t('comments.hitCard') }),
      h('span', { class: 'cm-hit-text' }, before, h('mark', { text: found }), after),
      hit.kind === 'comment' && item ? h('span', { class: 'muted cm-hit-on', text: t('comments.on', { name: itemName(item) }) }) : null));
    }));
  }

  private overview(): HTMLElement[] {
    const doc = this.ctx.doc();
    const items = itemsWithOpenThreads(doc);
    const out: HTMLElement[] = [h('p', { class: 'muted', text: t('comments.pickItem') })];
    // what asks my department for something comes first
    const mine = this.ctx.client.department;
    const dept = mine ? doc.get(mine) : undefined;
    const asks = dept ? mentionsOf(doc, dept.id) : [];
    if (dept && asks.length) {
      out.push(h('h4', { class: 'cm-sub', text: t('comments.mentionsOfMine', { dept: nameOf(dept) }) }),
        h('ul', { class: 'cm-hits', 'data-testid': 'comments-my-mentions' }, ...asks.map(({ comment, item }) => h('li', {},
          h('button', { type: 'button', class: 'cm-hit', 'data-hit': item.id, 'data-hit-comment': comment.id, onclick: () => this.act.show(item.id) },
            h('b', { text: String(comment.props.author ?? '') }), h('span', { class: 'cm-hit-text', text: cut(String(comment.props.text ?? ''), 60) }),
            h('span', { class: 'muted cm-hit-on', text: t('comments.on', { name: itemName(item) }) }))))));
    }
    if (!items.length) {
      out.push(h('p', { class: 'muted', 'data-testid': 'comments-none-open', text: t('comments.noneOpen') }));
      return out;
    }
    out.push(h('h4', { class: 'cm-sub', text: t('comments.allOpen') }),
      h('ul', { class: 'cm-hits', 'data-testid': 'comments-open-items' }, ...items.map(({ item, open }) => h('li', {},
        h('button', { type: 'button', class: 'cm-hit', 'data-open-item': item.id, onclick: () => this.act.show(item.id) },
          h('span', { class: 'cm-count-pill', text: String(open) }), h('span', { class: 'cm-hit-text', text: itemName(item) }))))));
    return out;
  }

  private itemThreads(item: BoardElement, rights: CommentRights): HTMLElement[] {
    const { ctx, act } = this;
    const targets = act.targets();
    const host: ThreadHost = {
      drafts: this.drafts, targets: () => targets, canWrite: rights.write, me: ctx.client.clientId, facilitator: ctx.client.role === 'facilitator',
      send: (text, draftKey) => act.post(item.id, text, draftKey, draftKey.startsWith('reply:') ? draftKey.slice(6) : undefined),
      resolve: (id, resolved) => act.resolve(id, resolved), remove: (id) => act.remove(id),
      settled: () => this.update(),
    };
    const threads = threadsOn(ctx.doc(), item.id);
    const open = threads.filter((th) => th.open);
    const resolved = threads.filter((th) => !th.open);
    const out: HTMLElement[] = [h('div', { class: 'cm-on', 'data-testid': 'comments-on', 'data-item': item.id, text: t('comments.on', { name: itemName(item) }) })];
    if (!threads.length) out.push(h('p', { class: 'muted', text: t('comments.none') }));
    out.push(h('div', { class: 'cm-threads', 'data-testid': 'comment-threads' }, ...open.map((th) => threadView(th, host, targets))));
    if (resolved.length) {
      const toggle = h('button', { type: 'button', class: 'link-btn', 'data-testid': 'show-resolved', 'aria-expanded': String(this.showResolved), text: t('comments.showResolved', { n: resolved.length }), onclick: () => {
        this.showResolved = !this.showResolved;
        this.update();
      } });
      out.push(toggle);
      if (this.showResolved) out.push(h('div', { class: 'cm-threads resolved' }, ...resolved.map((th) => threadView(th, host, targets))));
    }
    if (rights.write) out.push(h('div', { class: 'cm-new' }, h('div', { class: 'cm-sub', text: t('comments.newThread') }), composer(host, `new:${item.id}`, t('comments.placeholder'), t('comments.send'))));
    return out;
  }
}
