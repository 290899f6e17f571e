// One thread as the panel shows it: the first comment and its replies (author, time, text with
// the @department mentions highlighted and listed), and what I may do: reply, resolve or reopen
// (anyone who may comment), delete (its author or a facilitator). Without comment rights it is
// read-only: no buttons, no box.
import type { BoardElement } from '../../model/types';
import { h } from '../dom';
import { lang, t } from '../i18n';
import { composer, ComposerHost } from './composer';
import type { MentionTarget, Thread } from './threads';
import { splitMentions } from './threads';

export interface ThreadHost extends ComposerHost {
  canWrite: boolean;
  /** my client id and role: who may delete what */
  me: string;
  facilitator: boolean;
  resolve(threadId: string, resolved: boolean): void;
  remove(commentId: string): void;
}

function when(at: unknown): string {
  if (typeof at !== 'number') return '';
  return new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at));
}

function commentText(c: BoardElement, targets: readonly MentionTarget[]): HTMLElement {
  const mentioned = Array.isArray(c.props.mentions) ? (c.props.mentions as string[]) : [];
  const runs = splitMentions(String(c.props.text ?? ''), targets, mentioned);
  const body = h('div', { class: 'cm-text' }, ...runs.map((r) => (r.mention ? h('mark', { class: 'cm-mention', 'data-mentioned': r.mention, text: r.text }) : r.text)));
  const names = mentioned.map((id) => targets.find((tg) => tg.id === id)?.label).filter((n): n is string => !!n);
  return names.length ? h('div', {}, body, h('div', { class: 'cm-mentions', 'data-testid': 'comment-mentions', text: t('comments.mentions', { names: names.join('、') }) })) : body;
}

function commentRow(c: BoardElement, host: ThreadHost, targets: readonly MentionTarget[]): HTMLElement {
  const mine = c.props.by === host.me;
  const del = host.canWrite && (mine || host.facilitator)
    ? h('button', { type: 'button', class: 'link-btn cm-del', 'data-action': 'comment-delete', text: t('comments.delete'), onclick: () => {
      if (window.confirm(t('comments.confirmDelete'))) host.remove(c.id);
    } })
    : null;
  return h('div', { class: 'cm-comment', 'data-comment': c.id },
    h('div', { class: 'cm-meta' }, h('b', { class: 'cm-author', text: String(c.props.author ?? '') }), h('span', { class: 'muted', text: when(c.props.at) }), h('span', { class: 'spacer' }), del),
    commentText(c, targets));
}

export function threadView(th: Thread, host: ThreadHost, targets: readonly MentionTarget[]): HTMLElement {
  const el = h('article', { class: `cm-thread ${th.open ? 'open' : 'resolved'}`, 'data-thread': th.root.id, 'data-open': String(th.open) },
    commentRow(th.root, host, targets));
  if (!th.open) el.prepend(h('div', { class: 'cm-resolved-tag', text: t('comments.resolved') }));
  if (th.replies.length) el.append(h('div', { class: 'cm-replies' }, ...th.replies.map((r) => commentRow(r, host, targets))));
  if (!host.canWrite) return el;
  const toggle = h('button', { type: 'button', class: 'btn', 'data-action': th.open ? 'thread-resolve' : 'thread-reopen', text: th.open ? t('comments.resolve') : t('comments.reopen'),
    onclick: () => host.resolve(th.root.id, th.open) });
  if (th.open) el.append(composer(host, `reply:${th.root.id}`, t('comments.replyPlaceholder'), t('comments.reply')));
  el.append(h('div', { class: 'cm-row cm-thread-actions' }, toggle));
  return el;
}
