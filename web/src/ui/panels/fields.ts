// Form pieces of the side panels: a labelled field, a read-only row, a select, the colour
// swatches, the delete button and the note on locked items.
import { colorOps } from '../../edit/props';
import type { BoardElement, Json } from '../../model/types';
import { INK_PALETTE, PALETTE } from '../../render/theme';
import type { BoardContext } from '../context';
import { h, icon } from '../dom';
import { t } from '../i18n';

export function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control);
}

export function readRow(label: string, value: string): HTMLElement {
  return h('div', { class: 'field' }, h('span', { class: 'field-label', text: label }), h('span', { class: 'field-value', text: value }));
}

export function selectControl(value: Json | undefined, options: [string, string][], onchange: (v: string) => void): HTMLSelectElement {
  const sel = h('select', { onchange: () => onchange(sel.value) }, ...options.map(([v, l]) => h('option', { value: v, text: l })));
  sel.value = value === undefined ? '' : String(value);
  return sel;
}

/** Colour swatches for the elements (ink colours for lines and text, paper colours otherwise). */
export function colorRow(ctx: BoardContext, els: BoardElement[]): HTMLElement {
  const row = h('div', { class: 'swatches' });
  const apply = (c: string | null) => ctx.actions.submit(colorOps(els, c));
  row.append(h('button', { class: 'swatch default', title: t('none'), text: '∅', onclick: () => apply(null) }));
  const palette = els.every((e) => e.type === 'ink' || e.type === 'connector' || e.type === 'text') ? INK_PALETTE : PALETTE;
  for (const c of palette) row.append(h('button', { class: `swatch ${els.length === 1 && els[0].props.color === c ? 'on' : ''}`, style: `background:${c}`, title: c, onclick: () => apply(c) }));
  return h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('color') }), row);
}

export function deleteButton(ctx: BoardContext): HTMLElement {
  return h('button', { class: 'btn danger', onclick: () => ctx.actions.deleteSelection() }, icon('trash'), t('delete'));
}

/** Shown at the top of the side panel of a locked element (for non-facilitators). */
export function lockNote(): HTMLElement {
  return h('div', { class: 'facil-lock-note', 'data-testid': 'lock-note' }, icon('lock', 14, 2), h('span', { text: t('locked.item') }));
}
