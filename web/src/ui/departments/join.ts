// Joining with a department: before the socket opens, the board's departments come from the HTTP
// API, and the join dialog asks which one I am from (remembered per board). The choice goes into
// the hello; the server refuses a department the board does not have, and the facilitator can
// change it later (participant.department).
import type { Json } from '../../model/types';
import { label } from '../../render/layout';
import { h } from '../dom';
import { lang, t } from '../i18n';

interface Dept { id: string; labels?: { zh?: string; en?: string }; title?: string }

const key = (boardId: string) => `jb.dept.${boardId}`;

export function rememberedDepartment(boardId: string): string | null | undefined {
  try {
    const v = localStorage.getItem(key(boardId));
    return v === null ? undefined : v === '' ? null : v;
  } catch { return undefined; }
}

export function rememberDepartment(boardId: string, id: string | null): void {
  try { localStorage.setItem(key(boardId), id ?? ''); } catch { /* storage blocked */ }
}

/** The board's departments, or none to ask about (a viewer edits nowhere, so a viewer is not asked). */
async function boardDepartments(boardId: string, token: string): Promise<Dept[]> {
  try {
    const r = await fetch(`/api/boards/${encodeURIComponent(boardId)}/departments?token=${encodeURIComponent(token)}`);
    if (!r.ok) return [];
    const body = (await r.json()) as { departments?: Dept[]; role?: string };
    if (body.role === 'viewer') return [];
    return Array.isArray(body.departments) ? body.departments.filter((d) => typeof d?.id === 'string') : [];
  } catch {
    return []; // the socket's own errors say what is wrong with the board or the link
  }
}

/**
 * The department to join with: the one remembered for this board if it still exists, else the
 * user's choice from the board's list (null: none, or the board has no departments).
 */
export async function askDepartment(host: HTMLElement, boardId: string, token: string): Promise<string | null> {
  const depts = await boardDepartments(boardId, token);
  if (!depts.length) return null;
  const saved = rememberedDepartment(boardId);
  if (saved === null) return null;
  if (saved !== undefined && depts.some((d) => d.id === saved)) return saved;
  return new Promise((resolve) => {
    const name = (d: Dept) => label({ id: d.id, type: 'department', parent: null, index: 'V', props: d as unknown as Record<string, Json> }, lang(), d.id);
    const choose = (id: string | null) => {
      rememberDepartment(boardId, id);
      backdrop.remove();
      resolve(id);
    };
    const box = h('div', { class: 'modal name-modal dept-join', 'data-testid': 'join-department', role: 'dialog', 'aria-modal': 'true' },
      h('h2', { text: t('join.deptTitle') }),
      h('p', { class: 'muted', text: t('join.deptPrompt') }),
      h('div', { class: 'dept-choices' }, ...depts.map((d) => h('button', { class: 'btn', 'data-dept': d.id, text: name(d), onclick: () => choose(d.id) }))),
      h('button', { class: 'btn link', 'data-dept': '', text: t('join.deptSkip'), onclick: () => choose(null) }));
    const backdrop = h('div', { class: 'modal-backdrop' }, box);
    host.append(backdrop);
    (box.querySelector('button') as HTMLButtonElement | null)?.focus();
  });
}
