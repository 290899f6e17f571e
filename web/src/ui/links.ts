// Role links with copy buttons: on the start page, in the share dialog and, after a rotation, in
// the facilitator panel.
import { copyText, h } from './dom';
import { MsgKey, t } from './i18n';

export const LINK_ROLES: [string, MsgKey][] = [['facilitator', 'linkFacilitator'], ['edit', 'linkEdit'], ['comment', 'linkComment'], ['view', 'linkView']];

/** A read-only field with the link and a copy button ("Copied" for a moment after a copy). */
export function linkField(role: string, url: string): { input: HTMLInputElement; button: HTMLButtonElement } {
  const input = h('input', { type: 'text', readonly: true, value: url, 'data-link': role, onfocus: () => input.select() });
  const button = h('button', { class: 'btn', 'data-copy': role, text: t('copy') });
  button.addEventListener('click', async () => {
    if (await copyText(url)) {
      button.textContent = t('copied');
      setTimeout(() => { button.textContent = t('copy'); }, 1500);
    }
  });
  return { input, button };
}

export function linkList(links: Record<string, string>): HTMLElement {
  return h('div', { class: 'links' }, ...LINK_ROLES.filter(([k]) => links[k]).map(([k, label]) => {
    const { input, button } = linkField(k, links[k]);
    return h('div', { class: `link-row link-${k}` }, h('span', { class: 'link-role', text: t(label) }), input, button);
  }));
}

/** A link the server sent (relative unless JB_PUBLIC_URL is set) as an absolute URL. */
export function absolute(link: string): string {
  try {
    return new URL(link, location.origin).toString();
  } catch {
    return link;
  }
}
