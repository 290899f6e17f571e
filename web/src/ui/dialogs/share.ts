// The share dialog. A facilitator sees the board's role links as the server has them (fetched
// with the facilitator token, so a second device sees them too, and nothing is rotated), and the
// personal links: issue one for a named person with a role, copy, revoke. Others see the link
// they came with and are told to ask the facilitator. Where the server is older (no links
// endpoint, no personal links) the dialog falls back to the links this device knows and says so.
// Facilitators also get the data-integration section (`dataSection`: the data token, with curl).
import type { Role } from '../../model/types';
import type { PersonalLink } from '../../protocol/messages';
import { boardLinks, createPersonalLink, revokePersonalLink } from '../board-api';
import { h, toast } from '../dom';
import { MsgKey, t } from '../i18n';
import { boardLink } from '../join';
import { absolute, linkField, linkList } from '../links';
import { boardLinks as knownLinks, rememberBoard } from '../storage';
import { openModal } from './modal';

export interface ShareSource {
  boardId: string;
  /** the token this tab joined with */
  token(): string;
  role(): Role;
  /** the data-integration section for facilitators, given the data token the links answer holds (if any) */
  dataSection?(dataToken: string | undefined): HTMLElement | null;
}

const ROLE_LABEL: Record<Role, MsgKey> = { facilitator: 'facilitator', editor: 'editor', commenter: 'commenter', viewer: 'viewer' };
const LINK_OF_ROLE: Record<Role, string> = { facilitator: 'facilitator', editor: 'edit', commenter: 'comment', viewer: 'view' };

export function openShare(src: ShareSource): void {
  const body = h('div', { class: 'share-body', 'data-testid': 'share' });
  openModal(t('share'), [body], { testid: 'share-dialog', class: 'share-modal' });
  if (src.role() !== 'facilitator') {
    body.append(...participantView(src));
    return;
  }
  body.append(h('p', { class: 'muted', text: t('share.loading') }));
  void facilitatorView(src, body);
}

function participantView(src: ShareSource): HTMLElement[] {
  const links = knownLinks(src.boardId);
  if (links) return [h('p', { class: 'muted', text: t('shareHint') }), linkList(links)];
  const role = src.role();
  const own = linkField(LINK_OF_ROLE[role], boardLink(src.boardId, src.token()));
  return [
    h('p', { text: t('shareUnknown') }),
    h('div', { class: 'links' }, h('div', { class: 'link-row' }, h('span', { class: 'link-role', text: t('share.yourLink', { role: t(ROLE_LABEL[role]) }) }), own.input, own.button)),
  ];
}

async function facilitatorView(src: ShareSource, body: HTMLElement): Promise<void> {
  const r = await boardLinks(src.boardId, src.token());
  const out: HTMLElement[] = [h('h3', { class: 'share-h', text: t('share.roleLinks') })];
  let personal: PersonalLink[] | null = null;
  if (r.ok) {
    const links: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.value.links ?? {})) links[k] = absolute(v);
    // this device now knows them too (the start page's recent list, the next dialog)
    if (Object.keys(links).length) rememberBoard({ id: src.boardId, links });
    out.push(h('p', { class: 'muted', text: t('share.roleHint') }), linkList(links));
    if (!links.edit || !links.view) out.push(h('p', { class: 'note', 'data-testid': 'share-no-shared', text: t('share.noShared') }));
    personal = Array.isArray(r.value.personal) ? r.value.personal : null;
  } else {
    const local = knownLinks(src.boardId);
    out.push(h('p', { class: 'note', 'data-testid': 'share-fallback', text: local ? t('share.fetchFailed') : t('shareUnknown') }));
    out.push(linkList(local ?? { facilitator: boardLink(src.boardId, src.token()) }));
  }
  out.push(personalSection(src, personal));
  const data = src.dataSection?.(r.ok ? r.value.tokens?.data : undefined);
  if (data) out.push(data);
  body.replaceChildren(...out);
}

function personalSection(src: ShareSource, initial: PersonalLink[] | null): HTMLElement {
  const section = h('section', { class: 'share-personal', 'data-testid': 'personal-links' },
    h('h3', { class: 'share-h', text: t('share.personal') }),
    h('p', { class: 'muted', text: t('share.personalHint') }));
  if (initial === null) {
    section.append(h('p', { class: 'note', 'data-testid': 'personal-unsupported', text: t('share.personalUnsupported') }));
    return section;
  }
  const list = h('div', { class: 'personal-list' });
  const people = [...initial];
  const render = () => {
    list.replaceChildren(...(people.length ? people.map(row) : [h('p', { class: 'muted', text: t('share.personalNone') })]));
  };
  const row = (p: PersonalLink): HTMLElement => {
    const url = p.link ? absolute(p.link) : p.token ? boardLink(src.boardId, p.token) : null;
    const revoke = h('button', { class: 'btn danger', 'data-revoke': p.id, text: t('share.revoke') });
    revoke.addEventListener('click', async () => {
      if (!window.confirm(t('share.confirmRevoke', { name: p.name }))) return;
      revoke.disabled = true;
      const r = await revokePersonalLink(src.boardId, src.token(), p.id);
      if (r.ok || r.status === 404) {
        people.splice(people.indexOf(p), 1);
        render();
        toast(t('share.revoked', { name: p.name }));
      } else {
        revoke.disabled = false;
        toast(r.unsupported ? t('share.personalUnsupported') : `${r.code}: ${r.message}`, 'error');
      }
    });
    const who = h('span', { class: 'link-role' }, h('span', { class: 'pl-name', text: p.name }), h('span', { class: 'muted pl-role', text: ` · ${t(ROLE_LABEL[p.role] ?? 'viewer')}` }));
    if (!url) return h('div', { class: 'link-row personal-row', 'data-person-link': p.id }, who, h('span', { class: 'muted', text: t('share.personalNoCopy') }), revoke);
    const { input, button } = linkField(`personal-${p.id}`, url);
    return h('div', { class: 'link-row personal-row', 'data-person-link': p.id }, who, input, h('span', { class: 'pl-buttons' }, button, revoke));
  };
  const name = h('input', { type: 'text', maxlength: 64, placeholder: t('share.personalName'), 'aria-label': t('share.personalName'), 'data-testid': 'personal-name' });
  const role = h('select', { 'aria-label': t('share.personalRole'), 'data-testid': 'personal-role' },
    ...(['editor', 'viewer', 'facilitator'] as Role[]).map((r) => h('option', { value: r, text: t(ROLE_LABEL[r]) })));
  const create = h('button', { class: 'btn primary', type: 'submit', 'data-testid': 'personal-create', text: t('share.personalCreate') });
  const form = h('form', { class: 'personal-form' }, name, role, create);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const who = name.value.trim();
    if (!who) { toast(t('share.nameNeeded'), 'error'); name.focus(); return; }
    create.disabled = true;
    const r = await createPersonalLink(src.boardId, src.token(), who, role.value as Role);
    create.disabled = false;
    if (r.ok) {
      people.push({ ...r.value, name: r.value.name ?? who, role: r.value.role ?? (role.value as Role) });
      render();
      name.value = '';
      toast(t('share.created', { name: who }));
    } else if (r.unsupported) {
      form.replaceWith(h('p', { class: 'note', 'data-testid': 'personal-unsupported', text: t('share.personalUnsupported') }));
    } else {
      toast(`${r.code}: ${r.message}`, 'error');
    }
  });
  render();
  section.append(list, form);
  return section;
}
