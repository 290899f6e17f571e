// Start page: create a board from a template, share its role links, import a JSON export,
// reopen recent boards.
import { chunkOps, importOps, parseExport } from '../io/exchange';
import { SyncClient } from '../sync/client';
import { h, icon, toast } from './dom';
import { lang, MsgKey, onLangChange, setLang, t } from './i18n';
import { linkList } from './links';
import { getName, knownBoards, rememberBoard } from './storage';

interface CreatedBoard { id: string; title: string; template: string; links: Record<string, string>; tokens: Record<string, string> }

async function createBoard(title: string, template: string): Promise<CreatedBoard> {
  const res = await fetch('/api/boards', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, template }),
  });
  if (!res.ok) {
    let code = `HTTP ${res.status}`;
    try { code = ((await res.json()) as { message?: string; code?: string }).message ?? code; } catch { /* not JSON */ }
    throw new Error(code);
  }
  const b = (await res.json()) as CreatedBoard;
  // links point at the server's public URL; keep them relative to where this page runs
  const links: Record<string, string> = {};
  // the data token is no page link (integrations push with it): the share dialog shows it apart
  for (const [role, token] of Object.entries(b.tokens ?? {})) if (role !== 'data') links[role] = `${location.origin}/b/${b.id}#t=${token}`;
  return { ...b, links: Object.keys(links).length ? links : b.links };
}

export function startPage(host: HTMLElement): void {
  let template = 'journey';
  let created: CreatedBoard | null = null;

  const render = () => {
    document.title = 'Journey Board';
    const titleInput = h('input', { type: 'text', id: 'board-title', maxlength: 200, placeholder: t('defaultTitle'), 'data-testid': 'title-input' });
    const tpls: [string, MsgKey, MsgKey][] = [['journey', 'tplJourney', 'tplJourneyDesc'], ['service-blueprint', 'tplBlueprint', 'tplBlueprintDesc'], ['blank', 'tplBlank', 'tplBlankDesc']];
    const tplRow = h('div', { class: 'templates', role: 'radiogroup', 'aria-label': t('template') }, ...tpls.map(([id, name, desc]) => {
      const b = h('button', { type: 'button', class: `tpl tpl-${id} ${template === id ? 'on' : ''}`, role: 'radio', 'aria-checked': String(template === id), 'data-template': id },
        h('span', { class: 'tpl-preview' }, ...previewCells(id)),
        h('strong', { text: t(name) }),
        h('span', { class: 'muted', text: t(desc) }));
      b.addEventListener('click', () => {
        template = id;
        tplRow.querySelectorAll('.tpl').forEach((x) => { x.classList.toggle('on', x === b); x.setAttribute('aria-checked', String(x === b)); });
      });
      return b;
    }));
    const createBtn = h('button', { class: 'btn primary big', type: 'submit', 'data-testid': 'create', text: t('create') });
    const form = h('form', { class: 'card create-form' },
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: t('boardTitle') }), titleInput),
      h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('template') }), tplRow),
      createBtn);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      createBtn.disabled = true;
      createBtn.textContent = t('creating');
      try {
        created = await createBoard(titleInput.value.trim() || t('defaultTitle'), template);
        rememberBoard({ id: created.id, title: created.title, role: 'facilitator', links: created.links, url: created.links.facilitator, dataToken: created.tokens?.data });
        render();
      } catch (err) {
        toast(`${t('err.network')} ${(err as Error).message}`, 'error');
        createBtn.disabled = false;
        createBtn.textContent = t('create');
      }
    });

    const fileInput = h('input', { type: 'file', accept: 'application/json,.json', hidden: true, 'data-testid': 'import-file' });
    const importStatus = h('span', { class: 'muted import-status' });
    fileInput.addEventListener('change', async () => {
      const f = fileInput.files?.[0];
      if (!f) return;
      try {
        created = await importBoard(await f.text(), (n, total) => { importStatus.textContent = t('importing', { n, total }); });
        toast(t('importDone', { n: created ? '✓' : 0 }));
        render();
      } catch (err) {
        toast(`${(err as Error).message}`, 'error');
        importStatus.textContent = '';
      }
      fileInput.value = '';
    });
    const importBtn = h('button', { class: 'btn ghost', type: 'button', onclick: () => fileInput.click() }, icon('upload'), t('importJson'));

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
    if (!created) titleInput.focus();
  };
  onLangChange(render);
  render();
}

function previewCells(template: string): HTMLElement[] {
  const cells: HTMLElement[] = [];
  const cols = template === 'blank' ? 0 : 5;
  const rows = template === 'journey' ? 4 : template === 'service-blueprint' ? 5 : 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push(h('i', { class: `pc r${r}` }));
  return cells;
}

/** Creates a blank board and replays an export into it in batches of create ops. */
async function importBoard(text: string, progress: (n: number, total: number) => void): Promise<CreatedBoard> {
  const data = parseExport(text);
  const board = await createBoard(data.title || t('defaultTitle'), 'blank');
  rememberBoard({ id: board.id, title: board.title, role: 'facilitator', links: board.links, url: board.links.facilitator });
  const ops = importOps(data.elements);
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = new SyncClient({ url: `${proto}//${location.host}/ws/boards/${board.id}?token=${encodeURIComponent(board.tokens.facilitator)}`, name: getName() || 'import' });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(t('err.network'))), 120_000);
    let sent = false;
    client.on('welcome', () => {
      if (sent) return;
      sent = true;
      const chunks = chunkOps(ops, Math.min(500, client.limits.maxOpsPerMessage), Math.floor(client.limits.maxFrameBytes * 0.8));
      for (const c of chunks) client.submit(c);
      if (!chunks.length) { clearTimeout(timer); resolve(); }
    });
    client.on('change', () => {
      progress(ops.length - client.unsentCount, ops.length);
      if (sent && client.pending.length === 0) { clearTimeout(timer); resolve(); }
    });
    client.on('rejected', (code, message) => { clearTimeout(timer); reject(new Error(`${code}: ${message}`)); });
    client.on('failed', (f) => { clearTimeout(timer); reject(new Error(f.kind === 'error' ? f.code : `${f.closeCode} ${f.reason}`)); });
    client.connect();
  }).finally(() => client.close());
  return board;
}
