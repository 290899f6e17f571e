// Undo respects others: before an undo or redo deletes what someone else changed since ("Sam
// edited this card since; delete it anyway?"), the user is asked; no keeps it.
import type { BoardContext } from './context';
import { toast } from './dom';
import { t } from './i18n';

export function confirmForeign(ctx: BoardContext, ids: string[], confirm: (msg: string) => boolean = (m) => window.confirm(m)): boolean {
  const who = [...new Set(ids.map((id) => ctx.authors.name(ctx.authors.lastOther(id))).filter((n): n is string => !!n))];
  const name = who.length ? who.join(', ') : t('someone');
  const ok = confirm(ids.length === 1 ? t('undo.confirmOne', { name }) : t('undo.confirmMany', { name, n: ids.length }));
  if (!ok) toast(t('undo.kept'));
  return ok;
}
