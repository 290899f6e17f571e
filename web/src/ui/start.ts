// Start page: create a board from a template (with the server's creation key when it asks for
// one), share its role links, import a JSON export (checked first, so a bad file says what is
// wrong and creates nothing), reopen recent boards.
import { checkImport, CheckedImport, ImportError, ImportProblem } from '../io/import-check';
import { chunkOps } from '../io/exchange';
import { SyncClient } from '../sync/client';
import { ApiResult, createBoard, CreatedBoard, deleteBoard, socketUrl } from './board-api';
import { h, icon, toast } from './dom';
import { lang, MsgKey, onLangChange, setLang, t } from './i18n';
import { identity } from './identity';
import { linkList } from './links';
import { creationKey, knownBoards, rememberBoard, rememberCreationKey } from './storage';
import { templateGallery } from './templates';

/** A problem of an import file in the UI language. */
export function problemText(p: ImportProblem): string {
  return t(p.key as MsgKey, { ...p.vars, detail: p.detail ? problemText(p.detail) : '' });
}

/** Why a create failed, for the person at the keyboard. */
function createFailure(r: Extract<ApiResult<unknown>, { ok: false }>): string {
  if (r.status === 0) return t('err.network');
  if (r.status === 429) return t('err.createRateLimited');
  return `${r.code}: ${r.message}`;
}

export function startPage(host: HTMLElement): void {
  let template = 'journey';
  let created: CreatedBoard | null = null;
  /** the server wants a creation key: why we ask (none yet, or a wrong one) */
  let keyPrompt: MsgKey | null = null;
  let importMessage: { text: string; error: boolean } | null = null;

  /** Creates a board, asking for the creation key when the server answers 401. */
  const create = async (title: string, tpl: string): Promise<CreatedBoard | null> => {
    const key = creationKey();
    const r = await createBoard(title, tpl, key);
    if (r.ok) {
      keyPrompt = null;
      return r.value;
    }
    if (r.status === 401) {
      if (key) rememberCreationKey(null);
      keyPrompt = key ? 'key.wrong' : 'key.needed';
      render();
      (host.querySelector('[data-testid=create-key]') as HTMLInputElement | null)?.focus();
      return null;
    }
    throw new Error(createFailure(r));
  };

  const render = () => {
    document.title = 'Journey Board';
    const titleInput = h('input', { type: 'text', id: 'board-title', maxlength: 200, placeholder: t('defaultTitle'), 'data-testid': 'title-input' });
    const tplRow = templateGallery(() => template, (id) => { template = id; });
    const keyInput = h('input', { type: 'password', autocomplete: 'off', 'data-testid': 'create-key', 'aria-label': t('key.label') });
    const keyField = keyPrompt
      ? h('label', { class: 'field key-field' },
        h('span', { class: 'field-label', text: t('key.label') }),
        h('span', { class: keyPrompt === 'key.wrong' ? 'field-error' : 'muted', 'data-testid': 'create-key-hint', text: t(keyPrompt) }),
        keyInput)
      : null;
    const createBtn = h('button', { class: 'btn primary big', type: 'submit', 'data-testid': 'create', text: t('create') });
    const form = h('form', { class: 'card create-form' },
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: t('boardTitle') }), titleInput),
      h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('template') }), tplRow),
      keyField,
      createBtn);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (keyPrompt && keyInput.value.trim()) rememberCreationKey(keyInput.value.trim());
      createBtn.disabled = true;
      createBtn.textContent = t('creating');
      try {
        const b = await create(titleInput.value.trim() || t('defaultTitle'), template);
        if (!b) return;
        created = b;
        rememberBoard({ id: b.id, title: b.title, role: 'facilitator', links: b.links, url: b.links.facilitator, dataToken: b.tokens?.data });
        render();
      } catch (err) {
        toast((err as Error).message, 'error');
      } finally {
        createBtn.disabled = false;
        createBtn.textContent = t('create');
      }
    });

    const fileInput = h('input', { type: 'file', accept: 'application/json,.json', hidden: true, 'data-testid': 'import-file' });
    const importStatus = h('span', { class: `muted import-status ${importMessage?.error ? 'import-error' : ''}`, 'data-testid': 'import-status', role: 'status', text: importMessage?.text ?? '' });
    const say = (text: string, error = false) => {
      importMessage = text ? { text, error } : null;
      importStatus.textContent = text;
      importStatus.classList.toggle('import-error', error);
    };
    fileInput.addEventListener('change', async () => {
      const f = fileInput.files?.[0];
      fileInput.value = '';
      if (!f) return;
      say('');
      let checked: CheckedImport;
      try {
        checked = checkImport(await f.text());
      } catch (err) {
        say(err instanceof ImportError ? problemText(err.problem) : t('imp.failed', { detail: (err as Error).message }), true);
        return;
      }
      try {
        const b = await create(checked.title || t('defaultTitle'), 'blank');
        if (!b) { say(t('key.needed'), true); return; }
        await importInto(b, checked, (n, total) => say(t('importing', { n, total })));
        rememberBoard({ id: b.id, title: b.title, role: 'facilitator', links: b.links, url: b.links.facilitator });
        created = b;
        importMessage = null;
        toast(t('importDone', { n: checked.ops.length }));
        if (checked.leftOut > 0) toast(t('imp.leftOut', { n: checked.leftOut }));
        if (checked.serverPropsDropped) toast(t('imp.votesDropped'));
        render();
      } catch (err) {
        say(t('imp.failed', { detail: (err as Error).message }), true);
      }
    });
    const importBtn = h('button', { class: 'btn ghost', type: 'button', 'data-testid': 'import', onclick: () => fileInput.click() }, icon('upload'), t('importJson'));

    const result = created
      ? h('section', { class: 'card result', 'data-testid': 'links' },
        h('h2', { text: `${t('linksTitle')}: ${created.title}` }),
        h('p', { class: 'muted', text: t('linksHint') }),
        linkList(created.links),
        h('div', { class: 'btn-row' },
          h('a', { class: 'btn primary big', href: created.links.facilitator, 'data-testid': 'open', text: t('open') }),
          h('button', { class: 'btn big', type: 'button', text: t('createAnother'), onclick: () => { created = null; render(); } })))
      : null;

    const recent = knownBoards().filter((b) => b.url);
    const recentList = h('section', { class: 'card recent' },
      h('h2', { text: t('recent') }),
      recent.length
        ? h('ul', {}, ...recent.slice(0, 8).map((b) => h('li', {},
          h('a', { href: b.url!, text: b.title || b.id }),
          h('span', { class: 'muted', text: ` · ${b.role ? t(b.role as MsgKey) : ''} · ${new Date(b.openedAt).toLocaleDateString(lang() === 'zh' ? 'zh-CN' : 'en')}` }))))
        : h('p', { class: 'muted', text: t('noRecent') }));

    host.replaceChildren(h('div', { class: 'start' },
      h('header', { class: 'start-top' },
        h('div', { class: 'brand' }, h('span', { class: 'logo' }), h('span', { class: 'brand-name', text: 'Journey Board' })),
        h('button', { class: 'btn-lang', onclick: () => setLang(lang() === 'zh' ? 'en' : 'zh') }, icon('globe'), h('span', { text: t('language') }))),
      h('main', { class: 'start-main' },
        h('div', { class: 'hero' }, h('h1', { text: t('appName') }), h('p', { class: 'lead', text: t('tagline') })),
        result ?? form,
        h('div', { class: 'import-row' }, importBtn, fileInput, importStatus),
        recentList)));
    if (!created) (keyPrompt ? keyInput : titleInput).focus();
  };
  onLangChange(render);
  render();
}

/**
 * Replays checked create ops into a new blank board in messages the server takes. Any failure
 * (a refusal, a lost board, a local rule, the time limit) rejects with its reason, and the
 * half-made board is deleted where the server allows it.
 */
async function importInto(board: CreatedBoard, checked: CheckedImport, progress: (n: number, total: number) => void): Promise<void> {
  const ops = checked.ops;
  const me = identity();
  const client = new SyncClient({ url: socketUrl(board.id, board.tokens.facilitator), name: me.name || 'import', person: me.person });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(t('err.network'))), 180_000);
      const done = (err?: Error) => { clearTimeout(timer); if (err) reject(err); else resolve(); };
      let sent = false;
      client.on('welcome', () => {
        if (sent) return;
        sent = true;
        try {
          const chunks = chunkOps(ops, Math.min(500, client.limits.maxOpsPerMessage), Math.floor(client.limits.maxFrameBytes * 0.8));
          for (const c of chunks) client.submit(c);
          if (!chunks.length) done();
        } catch (e) {
          done(e as Error);
        }
      });
      const step = () => {
        if (!sent) return;
        progress(ops.length - client.unsentCount, ops.length);
        if (client.pending.length === 0) done();
      };
      client.on('change', step);
      client.on('outbox', step);
      client.on('rejected', (code, message) => done(new Error(`${code}: ${message}`)));
      client.on('failed', (f) => done(new Error(f.kind === 'error' ? f.code : `${f.closeCode} ${f.reason}`.trim())));
      client.connect();
    });
  } catch (e) {
    void deleteBoard(board.id, board.tokens.facilitator);
    throw e;
  } finally {
    client.close();
  }
}
