// (10.8, 10.12, 10.13, client) A board's life beyond editing: the creation key the start page asks
// for (JB_CREATE_TOKEN), deleting a board (the others' pages say it was deleted: close 4404), and
// personal links (issue, open, revoke: 4401 for that person only).
//
// Against the real server (creation key, DELETE /api/boards/{id}, personal links at /api/boards/{id}/links);
// the contract tests below stand in the server's answers by request routing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boardWith, createBoard, launchBrowser, openParticipant, ServerProcess, waitFor, withServerAndBrowser } from './harness.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const bearer = (token) => ({ Authorization: `Bearer ${token}` });

/** A page of its own in English, not yet on any address. */
async function englishPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => localStorage.setItem('jb.lang', 'en'));
  return { context, page: await context.newPage() };
}

/**
 * On the start page of a server that wants a creation key: Create asks for it, a wrong key is
 * refused, the right one creates the board and is remembered.
 */
async function createWithKey(page, wrong, right) {
  await page.click('[data-testid=create]');
  await page.waitForSelector('[data-testid=create-key]');
  assert.match(await page.locator('[data-testid=create-key-hint]').innerText(), /needs a creation key/);
  await page.fill('[data-testid=create-key]', wrong);
  await page.click('[data-testid=create]');
  await waitFor(page, () => /not right/.test(document.querySelector('[data-testid=create-key-hint]')?.textContent ?? ''));
  await page.fill('[data-testid=create-key]', right);
  await page.click('[data-testid=create]');
  await page.waitForSelector('[data-testid=links]');
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('jb.createKey'))), right);
}

test('the start page asks for the creation key when the server wants one, and remembers it', async () => {
  const keyed = await new ServerProcess({ env: { JB_CREATE_TOKEN: 'workshop-key-42' } }).start();
  try {
    const probe = await fetch(`${keyed.base}/api/boards`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: 'probe', template: 'blank' }) });
    assert.equal(probe.status, 401, 'without the key the server creates nothing');
    const { context, page } = await englishPage();
    await page.goto(keyed.base + '/');
    await page.fill('[data-testid=title-input]', 'Keyed board');
    await createWithKey(page, 'wrong', 'workshop-key-42');
    // the next board needs no typing
    await page.click('text=Create another');
    await page.click('[data-testid=create]');
    await page.waitForSelector('[data-testid=links]');
    await context.close();
  } finally {
    await keyed.dispose();
  }
});

test('a facilitator deletes the board; everyone else is told it was deleted', async () => {
  const board = await createBoard(server.base, { title: 'To be deleted 删除', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Fran', lang: 'en' });
  const e = await openParticipant(browser, board.editUrl, { name: 'Eve', lang: 'en' });
  try {
    await f.page.click('[data-testid=more]');
    await f.page.click('[data-menu=delete-board]');
    const confirm = f.page.locator('[data-testid=delete-confirm]');
    assert.equal(await confirm.isDisabled(), true);
    await f.page.fill('[data-testid=delete-confirm-title]', 'To be deleted');
    assert.equal(await confirm.isDisabled(), true, 'not the whole title');
    await f.page.fill('[data-testid=delete-confirm-title]', 'To be deleted 删除');
    await confirm.click();
    await f.page.waitForSelector('[data-testid=board-deleted]');
    assert.match(await f.page.locator('[data-testid=board-deleted]').innerText(), /“To be deleted 删除” was deleted/);
    await waitFor(e.page, () => window.__jb.state === 'failed', undefined, 10_000);
    // the close (4404) says it, or the page's own check of the link (HTTP 404) when that answers first
    assert.match(await e.page.locator('.failure').innerText(), /This board was deleted or does not exist|This board does not exist \(or was deleted\)/);
    assert.equal((await fetch(`${server.base}/api/boards/${board.id}?token=${board.tokens.facilitator}`)).status, 404);
  } finally {
    await f.context.close();
    await e.context.close();
  }
});

test('personal links: issue one, the person joins with it, revoking it shuts out that person only', async () => {
  const { f, other, close } = await boardWith(server, browser, { title: 'Personal' }, {
    f: { role: 'facilitator', name: 'Fran', lang: 'en' },
    other: { role: 'edit', name: 'Other', lang: 'en' },
  });
  try {
    await f.page.click('[data-action=share]');
    await f.page.waitForSelector('[data-testid=personal-name]');
    await f.page.fill('[data-testid=personal-name]', 'Sam');
    await f.page.selectOption('[data-testid=personal-role]', 'editor');
    await f.page.click('[data-testid=personal-create]');
    const row = f.page.locator('.personal-row', { hasText: 'Sam' });
    await row.waitFor();
    const link = await row.locator('input').inputValue();
    const sam = await openParticipant(browser, link, { name: 'Sam', lang: 'en' });
    assert.equal(await sam.page.evaluate(() => window.__jb.role), 'editor');
    f.page.once('dialog', (d) => d.accept());
    await row.locator('[data-revoke]').click();
    await waitFor(sam.page, () => window.__jb.state === 'failed', undefined, 10_000);
    assert.match(await sam.page.locator('.failure').innerText(), /not valid/);
    await sam.page.waitForTimeout(1000);
    assert.equal(await other.page.evaluate(() => window.__jb.state), 'connected', 'everyone else stays');
    await sam.context.close();
  } finally {
    await close();
  }
});

// ---------------------------------------------------------------------------------------------
// The same screens against the contract, with the server's new answers stood in for by request
// routing (the rest is the real server): they check the page's side now, before the server branch.

test('contract: creation key prompt, wrong key, right key remembered', async () => {
  const { context, page } = await englishPage();
  await page.route('**/api/boards', async (route) => {
    const auth = route.request().headers().authorization;
    if (route.request().method() !== 'POST' || auth === 'Bearer k-42') return route.continue();
    return route.fulfill({ status: 401, json: { code: 'UNAUTHORIZED', message: 'a creation key is needed' } });
  });
  await page.goto(server.base + '/');
  await createWithKey(page, 'nope', 'k-42');
  await context.close();
});

test('contract: deleting asks for the title, then shows the deleted page and forgets the board', async () => {
  const board = await createBoard(server.base, { title: 'Mock delete', template: 'blank' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Fran', lang: 'zh' });
  let asked = null;
  await f.page.route(`**/api/boards/${board.id}`, (route) => {
    if (route.request().method() !== 'DELETE') return route.continue();
    asked = route.request().headers().authorization;
    return route.fulfill({ status: 204 });
  });
  await f.page.click('[data-testid=more]');
  await f.page.click('[data-menu=delete-board]');
  await f.page.fill('[data-testid=delete-confirm-title]', 'Mock delete');
  await f.page.click('[data-testid=delete-confirm]');
  await f.page.waitForSelector('[data-testid=board-deleted]');
  assert.equal(asked, `Bearer ${board.tokens.facilitator}`);
  assert.match(await f.page.locator('[data-testid=board-deleted]').innerText(), /白板「Mock delete」已删除/);
  assert.ok(!(await f.page.evaluate((id) => (JSON.parse(localStorage.getItem('jb.boards')) ?? []).some((b) => b.id === id), board.id)));
  await f.context.close();
});

test('contract: personal links listed, issued, copied and revoked in the share dialog', async () => {
  const board = await createBoard(server.base, { title: 'Mock personal', template: 'blank' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Fran', lang: 'en' });
  const people = [{ id: 'pl1', name: 'Li Na', role: 'viewer', link: `/b/${board.id}#t=personal-li-na` }];
  await f.page.route(`**/api/boards/${board.id}/links**`, async (route) => {
    const req = route.request();
    if (req.method() === 'GET') {
      const real = await (await route.fetch()).json();
      return route.fulfill({ json: { ...real, personal: people } });
    }
    if (req.method() === 'POST') {
      const { name, role } = req.postDataJSON();
      const made = { id: 'pl2', name, role, link: `/b/${board.id}#t=personal-sam` };
      people.push(made);
      return route.fulfill({ status: 201, json: made });
    }
    if (req.method() === 'DELETE') {
      people.splice(people.findIndex((p) => req.url().endsWith(`/${p.id}`)), 1);
      return route.fulfill({ status: 204 });
    }
    return route.continue();
  });
  await f.page.click('[data-action=share]');
  await f.page.waitForSelector('[data-person-link=pl1]');
  assert.equal(await f.page.locator('[data-person-link=pl1] input').inputValue(), `${server.base}/b/${board.id}#t=personal-li-na`);
  await f.page.fill('[data-testid=personal-name]', 'Sam');
  await f.page.selectOption('[data-testid=personal-role]', 'editor');
  await f.page.click('[data-testid=personal-create]');
  await f.page.waitForSelector('[data-person-link=pl2]');
  assert.match(await f.page.locator('[data-person-link=pl2]').innerText(), /Sam · Editor/);
  f.page.once('dialog', (d) => d.accept());
  await f.page.click('[data-person-link=pl1] [data-revoke]');
  await waitFor(f.page, () => !document.querySelector('[data-person-link=pl1]'));
  assert.deepEqual(people.map((p) => p.id), ['pl2']);
  await f.context.close();
});
