// The hand-off documents the server makes (PROTOCOL.md "Hand-off documents"): plan.csv, plan.md,
// board.svg and board.pdf, downloaded with this tab's token (in the Authorization header, so it
// stays out of addresses and logs) in the UI language, under the file name the server gives.
import { downloadBlob } from '../../io/download';
import { h, icon, toast } from '../dom';
import { lang, MsgKey, t } from '../i18n';

export type HandoffFile = 'plan.csv' | 'plan.md' | 'board.svg' | 'board.pdf';
export const HANDOFF_FILES: readonly [HandoffFile, MsgKey][] = [
  ['plan.csv', 'export.planCsv'], ['plan.md', 'export.planMd'], ['board.svg', 'export.boardSvg'], ['board.pdf', 'export.boardPdf'],
];

export interface HandoffSource { boardId: string; token: string; name(): string }

/** The file name of a Content-Disposition header: RFC 6266 `filename*` (UTF-8) first, else `filename`. */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try { return decodeURIComponent(star[1].trim()); } catch { /* fall back to the plain name */ }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? plain[1].trim() : null;
}

export async function downloadHandoff(src: HandoffSource, file: HandoffFile): Promise<boolean> {
  toast(t('export.making', { file }));
  try {
    const r = await fetch(`/api/boards/${encodeURIComponent(src.boardId)}/export/${file}?lang=${lang()}`, { headers: { Authorization: `Bearer ${src.token}` } });
    if (!r.ok) {
      let reason = `HTTP ${r.status}`;
      try { const body = (await r.json()) as { message?: string }; if (body.message) reason = body.message; } catch { /* not JSON */ }
      toast(t('export.serverFailed', { file, reason }), 'error', 8000);
      return false;
    }
    const blob = await r.blob();
    downloadBlob(blob, dispositionName(r.headers.get('content-disposition')) ?? `${src.name()}-${file}`);
    return true;
  } catch {
    toast(t('export.serverFailed', { file, reason: t('err.network') }), 'error');
    return false;
  }
}

/** One button per document; `done` closes the dialog. */
export function handoffButtons(src: HandoffSource, done: () => void): HTMLElement {
  return h('div', { class: 'handoff-files' }, ...HANDOFF_FILES.map(([file, label]) =>
    h('button', { class: 'btn', 'data-export': file, onclick: () => { done(); void downloadHandoff(src, file); } }, icon('download'), t(label))));
}
