// The start page's template gallery: every template the server ships (GET /api/templates), each
// with its name, a one-line description in the UI language and a preview drawn by the board's own
// renderer from the very elements a new board gets (so the preview is the template). Until the
// list arrives, or if it cannot be fetched, the three basic templates are offered as before.
import { BoardDoc } from '../model/doc';
import type { BoardElement, Lang } from '../model/types';
import { layoutBoard } from '../render/layout';
import { Renderer } from '../render/renderer';
import { TextLayout } from '../render/text';
import { h } from './dom';
import { lang, MsgKey, t } from './i18n';
import { renderLabels } from './labels';

export interface TemplateInfo {
  id: string;
  name: Record<Lang, string>;
  description: Record<Lang, string>;
  cards: number;
  elements: BoardElement[];
}

const FALLBACK: [string, MsgKey, MsgKey][] = [['journey', 'tplJourney', 'tplJourneyDesc'], ['service-blueprint', 'tplBlueprint', 'tplBlueprintDesc'], ['blank', 'tplBlank', 'tplBlankDesc']];
const THUMB = { w: 232, h: 128 };

const lists = new Map<Lang, Promise<TemplateInfo[]>>();
const thumbs = new Map<string, string>();

/** The templates in a language (fetched once per language). */
export function loadTemplates(l: Lang): Promise<TemplateInfo[]> {
  let p = lists.get(l);
  if (!p) {
    p = fetch(`/api/templates?lang=${l}`).then(async (r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return ((await r.json()) as { templates: TemplateInfo[] }).templates;
    });
    p.catch(() => lists.delete(l)); // try again on the next render
    lists.set(l, p);
  }
  return p;
}

/**
 * The gallery as a radio group; {@code selected()} is asked when it is built and {@code select}
 * told of a click. Fills itself in once the templates have arrived.
 */
export function templateGallery(selected: () => string, select: (id: string) => void): HTMLElement {
  const group = h('div', { class: 'templates gallery', role: 'radiogroup', 'aria-label': t('template'), 'data-testid': 'template-gallery' });
  const l = lang();
  const tile = (id: string, name: string, desc: string, preview: HTMLElement, cards: number | null) => {
    const on = selected() === id;
    const b = h('button', { type: 'button', class: `tpl tpl-${id} ${on ? 'on' : ''}`, role: 'radio', 'aria-checked': String(on), 'data-template': id, title: desc },
      preview, h('strong', { class: 'tpl-name', text: name }), h('span', { class: 'muted tpl-desc', text: desc }),
      cards ? h('span', { class: 'tpl-cards', text: t('tpl.cards', { n: cards }) }) : null);
    b.addEventListener('click', () => {
      select(id);
      group.querySelectorAll('.tpl').forEach((x) => { x.classList.toggle('on', x === b); x.setAttribute('aria-checked', String(x === b)); });
    });
    return b;
  };
  group.append(...FALLBACK.map(([id, name, desc]) => tile(id, t(name), t(desc), h('span', { class: 'tpl-preview' }), null)));
  loadTemplates(l).then((list) => {
    if (lang() !== l || !list.length) return; // a newer render shows the other language
    group.replaceChildren(...list.map((tpl) => tile(tpl.id, tpl.name[l], tpl.description[l],
      h('img', { class: 'tpl-thumb', src: thumbnail(tpl, l), alt: '', width: THUMB.w, height: THUMB.h, 'data-elements': String(tpl.elements.length) }), tpl.cards)));
    group.dataset.loaded = 'true';
  }, () => { group.dataset.loaded = 'fallback'; });
  return group;
}

/** The template drawn by the board renderer, fitted into a small picture (cached per language). */
export function thumbnail(tpl: TemplateInfo, l: Lang): string {
  const key = `${l}|${tpl.id}`;
  const cached = thumbs.get(key);
  if (cached) return cached;
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const c = document.createElement('canvas');
  c.width = THUMB.w * dpr;
  c.height = THUMB.h * dpr;
  const ctx = c.getContext('2d', { alpha: false })!;
  const measure = document.createElement('canvas').getContext('2d')!;
  const text = new TextLayout((s, font) => { if (measure.font !== font) measure.font = font; return measure.measureText(s).width; });
  const doc = new BoardDoc(tpl.elements);
  const L = layoutBoard(doc, text, l, { stage: t('stage'), lane: t('lane') });
  const pad = 16;
  const b = L.bounds.w > 0 && L.bounds.h > 0 ? L.bounds : { x: 0, y: 0, w: 1600, h: 900 };
  // fitted to the width, the top of a tall grid shown: headers and the first lanes stay big enough to tell apart
  const zoom = Math.min(0.5, (THUMB.w - 2 * pad) / b.w);
  const cam = { x: b.x - (THUMB.w / zoom - b.w) / 2, y: b.y - pad / zoom, zoom };
  ctx.scale(dpr, dpr);
  new Renderer(text).draw(ctx, {
    doc, layout: L, camera: cam, width: THUMB.w, height: THUMB.h, selection: new Set(), peers: [], overlay: {}, editingId: null,
    canEdit: false, canEditStructure: false, background: true, chrome: false, labels: renderLabels(), marks: null,
  });
  const url = c.toDataURL('image/png');
  thumbs.set(key, url);
  return url;
}
