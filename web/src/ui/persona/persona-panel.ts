// Personas in the side panel: a card in a persona lane edits its profile (name, quote, goals,
// frustrations, photo upload or the generated avatar); any other card chooses which persona it is
// about (`persona`). Read-only for viewers and locked cards.
import type { BoardDoc } from '../../model/doc';
import type { BoardElement, Props } from '../../model/types';
import { avatarColor, initials } from '../../render/avatar';
import { isPersonaCard } from '../../render/persona-card';
import type { BoardContext } from '../context';
import { h, toast } from '../dom';
import { t } from '../i18n';
import { field, readRow } from '../panels/fields';
import { personaImages, UploadError } from './images';

const ACCEPT = 'image/png,image/jpeg,image/webp';

export interface PersonaOption { id: string; name: string }

/** The board's personas: profile cards in persona lanes (plain notes there are not personas), by name. */
export function personaOptions(doc: BoardDoc): PersonaOption[] {
  const out: PersonaOption[] = [];
  for (const e of doc.values()) {
    if (e.type !== 'card' || !inPersonaLane(doc, e) || !isPersonaCard(e, 'persona')) continue;
    const name = text(e, 'name') || text(e, 'text');
    if (name) out.push({ id: e.id, name });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function inPersonaLane(doc: BoardDoc, el: BoardElement): boolean {
  const lane = el.parent ? doc.get(el.parent) : undefined;
  return lane?.type === 'lane' && lane.props.kind === 'persona';
}

const text = (el: BoardElement, p: string) => (typeof el.props[p] === 'string' ? (el.props[p] as string).trim() : '');

/** The persona part of a card's side panel. */
export function personaFields(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement[] {
  const doc = ctx.doc();
  return inPersonaLane(doc, el) ? profileFields(ctx, el, ro) : aboutField(ctx, el, ro);
}

function set(ctx: BoardContext, el: BoardElement, prop: string, value: string): void {
  const v = value.trim();
  if (v === text(el, prop)) return;
  if (v) ctx.actions.update(el.id, { [prop]: v } as Props);
  else if (el.props[prop] !== undefined) ctx.actions.update(el.id, {}, [prop]);
}

function avatar(el: BoardElement, size: number): HTMLElement {
  const name = text(el, 'name') || text(el, 'text');
  const image = text(el, 'image');
  const images = personaImages();
  if (image && images) {
    return h('img', { class: 'persona-avatar', src: images.url(image), width: size, height: size, alt: t('persona.avatar', { name }), 'data-testid': 'persona-photo-preview' });
  }
  return h('span', { class: 'persona-avatar', style: `width:${size}px;height:${size}px;background:${avatarColor(name)}`, 'aria-label': t('persona.avatar', { name }), text: initials(name) });
}

function profileFields(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement[] {
  const head = h('div', { class: 'persona-head' }, avatar(el, 56), h('div', { class: 'panel-kicker', text: t('persona.section') }));
  if (ro) {
    const rows: HTMLElement[] = [head];
    for (const [p, label] of [['name', t('persona.name')], ['quote', t('persona.quote')], ['goals', t('persona.goals')], ['frustrations', t('persona.frustrations')]] as const) {
      if (text(el, p)) rows.push(readRow(label, text(el, p)));
    }
    return rows;
  }
  const input = (p: string, placeholder: string, testid: string) => {
    const i = h('input', { type: 'text', value: text(el, p), placeholder, 'data-testid': testid });
    i.addEventListener('change', () => set(ctx, el, p, i.value));
    return i;
  };
  const area = (p: string, placeholder: string, testid: string) => {
    const a = h('textarea', { class: 'panel-textarea', rows: 3, value: text(el, p), placeholder, 'data-testid': testid });
    a.addEventListener('change', () => set(ctx, el, p, a.value));
    return a;
  };
  const file = h('input', { type: 'file', accept: ACCEPT, hidden: true, 'data-testid': 'persona-photo' });
  const status = h('span', { class: 'muted persona-status' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    const images = personaImages();
    file.value = '';
    if (!f || !images) return;
    status.textContent = t('persona.uploading');
    try {
      const up = await images.upload(f);
      ctx.actions.update(el.id, { image: up.id });
      status.textContent = '';
    } catch (e) {
      status.textContent = '';
      const code = e instanceof UploadError ? e.code : '';
      toast(code === 'TOO_LARGE' ? t('persona.tooLarge') : code === 'INVALID_VALUE' ? t('persona.notImage') : t('persona.uploadFailed'), 'error');
    }
  });
  const photo = h('div', { class: 'btn-row persona-photo-row' },
    h('button', { class: 'btn', type: 'button', 'data-action': 'persona-upload', text: t('persona.upload'), onclick: () => file.click() }),
    el.props.image !== undefined ? h('button', { class: 'btn', type: 'button', text: t('persona.removePhoto'), onclick: () => ctx.actions.update(el.id, {}, ['image']) }) : null,
    file, status);
  return [head,
    field(t('persona.name'), input('name', t('persona.namePlaceholder'), 'persona-name')),
    field(t('persona.photo'), photo),
    field(t('persona.quote'), area('quote', t('persona.quotePlaceholder'), 'persona-quote')),
    field(`${t('persona.goals')} · ${t('persona.listHint')}`, area('goals', '', 'persona-goals')),
    field(`${t('persona.frustrations')} · ${t('persona.listHint')}`, area('frustrations', '', 'persona-frustrations'))];
}

function aboutField(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement[] {
  const options = personaOptions(ctx.doc());
  const current = typeof el.props.persona === 'string' ? el.props.persona : '';
  if (!options.length && !current) return [];
  const name = options.find((o) => o.id === current)?.name;
  if (ro) return current && name ? [readRow(t('persona.about'), name)] : [];
  const sel = h('select', { 'data-testid': 'persona-select', onchange: () => {
    if (sel.value) ctx.actions.update(el.id, { persona: sel.value });
    else ctx.actions.update(el.id, {}, ['persona']);
  } }, h('option', { value: '', text: t('persona.none') }), ...options.map((o) => h('option', { value: o.id, text: o.name })));
  sel.value = options.some((o) => o.id === current) ? current : '';
  return [field(t('persona.about'), sel)];
}
