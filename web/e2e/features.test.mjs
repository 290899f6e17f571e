// Editing features through the real UI: structure editing by the facilitator, attributes panel,
// undo/redo, copy/paste/duplicate, box select + delete, IME-safe text entry, JSON export + import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createBoard, grid, openParticipant, screenshot, waitFor, withServerAndBrowser } from './harness.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const count = (page, type) => page.evaluate((t) => window.__jb.elements().filter((e) => e.type === t).length, type);

test('facilitator edits structure; cards, panel, undo/redo, clipboard, delete, export and import work', async () => {
  const board = await createBoard(server.base, { title: 'Features', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Facilitator', lang: 'en' });
  const page = f.page;
  const { stages, lanes } = await grid(page);

  // add a stage with the "+" after the last column and name it
  const stagesBefore = await count(page, 'stage');
  const last = await page.evaluate((id) => window.__jb.clientRect(id), stages[stages.length - 1]);
  await page.mouse.click(last.x + last.w + 12 * (await page.evaluate(() => window.__jb.camera.zoom)) + 10, last.y + last.h / 2);
  await waitFor(page, (n) => window.__jb.elements().filter((e) => e.type === 'stage').length === n + 1, stagesBefore);
  await waitFor(page, () => window.__jb.editing);
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('复购');
  await page.keyboard.press('Enter');
  await waitFor(page, () => window.__jb.elements().some((e) => e.type === 'stage' && e.props.title === '复购'));

  // a card with IME-safe entry: Enter during composition does not commit
  const r = await page.evaluate(([l, s]) => window.__jb.cellRect(l, s), [lanes[0].id, stages[0]]);
  await page.mouse.dblclick(r.x + r.w / 2, r.y + r.h - 12);
  await waitFor(page, () => window.__jb.editing);
  await page.keyboard.insertText('zhifu');
  await page.evaluate(() => {
    const ta = document.querySelector('textarea.editor');
    ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }));
  });
  assert.equal(await page.evaluate(() => window.__jb.editing), true, 'still editing after Enter during IME composition');
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('支付');
  await page.keyboard.press('Enter');
  await waitFor(page, () => !window.__jb.editing && window.__jb.elements().some((e) => e.props.text === '支付'));
  const cardId = await page.evaluate(() => window.__jb.elements().find((e) => e.props.text === '支付').id);

  // double-click a card to edit its text in place; Shift+Enter makes a new line
  const er = await page.evaluate((id) => window.__jb.clientRect(id), cardId);
  await page.mouse.dblclick(er.x + 30, er.y + 12);
  await waitFor(page, () => window.__jb.editing);
  await page.keyboard.press('End');
  await page.keyboard.insertText('方式少');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.insertText('步骤多');
  await page.keyboard.press('Enter');
  await waitFor(page, (id) => window.__jb.element(id).props.text === '支付方式少\n步骤多', cardId);

  // attributes in the side panel: emotion -2 and moment of truth; then undo / redo
  const cr = await page.evaluate((id) => window.__jb.clientRect(id), cardId);
  await page.mouse.click(cr.x + 20, cr.y + 10);
  await page.click('.panel [data-emotion="-2"]');
  await waitFor(page, (id) => window.__jb.element(id).props.emotion === -2, cardId);
  await page.locator('.panel input[type=checkbox]').check();
  await waitFor(page, (id) => window.__jb.element(id).props.mot === true, cardId);
  await page.mouse.click(cr.x + 20, cr.y + 10);
  await page.keyboard.press('Control+z');
  await waitFor(page, (id) => window.__jb.element(id).props.mot === undefined && window.__jb.element(id).props.emotion === -2, cardId);
  await page.keyboard.press('Control+z');
  await waitFor(page, (id) => window.__jb.element(id).props.emotion === undefined, cardId);
  await page.keyboard.press('Control+Shift+z');
  await waitFor(page, (id) => window.__jb.element(id).props.emotion === -2, cardId);

  // copy / paste and duplicate
  const cards0 = await count(page, 'card');
  await page.mouse.click(cr.x + 20, cr.y + 10);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await waitFor(page, (n) => window.__jb.cardCount === n + 1, cards0);
  await page.keyboard.press('Control+d');
  await waitFor(page, (n) => window.__jb.cardCount === n + 2, cards0);

  // box-select the copies and delete them; undo brings them back
  const sel = await page.evaluate(() => window.__jb.selection);
  assert.equal(sel.length, 1);
  const cell = await page.evaluate(([l, s]) => window.__jb.cellRect(l, s), [lanes[0].id, stages[0]]);
  await page.keyboard.press('Escape');
  await page.mouse.move(cell.x + 2, cell.y + 2);
  await page.mouse.down();
  await page.mouse.move(cell.x + cell.w - 2, cell.y + cell.h - 2, { steps: 5 });
  await page.mouse.up();
  assert.equal((await page.evaluate(() => window.__jb.selection)).length, 3);
  await page.keyboard.press('Delete');
  await waitFor(page, (n) => window.__jb.cardCount === n - 1, cards0);
  await page.keyboard.press('Control+z');
  await waitFor(page, (n) => window.__jb.cardCount === n + 2, cards0);

  // free items: a sticky via the tool, a connector from it to the card
  await page.keyboard.press('s');
  await page.mouse.click(150, 780);
  await page.keyboard.insertText('Workshop note');
  await page.keyboard.press('Enter');
  await waitFor(page, () => window.__jb.elements().some((e) => e.type === 'sticky' && e.props.text === 'Workshop note'));
  const stickyId = await page.evaluate(() => window.__jb.elements().find((e) => e.type === 'sticky').id);
  const sr = await page.evaluate((id) => window.__jb.clientRect(id), stickyId);
  const cr2 = await page.evaluate((id) => window.__jb.clientRect(id), cardId);
  await page.keyboard.press('c');
  await page.mouse.move(sr.x + sr.w / 2, sr.y + sr.h / 2);
  await page.mouse.down();
  await page.mouse.move(cr2.x + cr2.w / 2, cr2.y + cr2.h / 2, { steps: 6 });
  await page.mouse.up();
  await waitFor(page, ([a, b]) => window.__jb.elements().some((e) => e.type === 'connector' && e.props.from === a && e.props.to === b), [stickyId, cardId]);
  await waitFor(page, () => window.__jb.pending === 0);
  await screenshot(page, 'features');

  // export JSON, import it as a new board from the start page
  const dl = page.waitForEvent('download');
  await page.click('[data-action=exportPng]');
  await page.click('.modal .btn:not(.primary)');
  const file = await (await dl).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.format, 'journey-board');
  assert.equal(exported.elements.length, await page.evaluate(() => window.__jb.count));

  await page.goto(server.base + '/');
  await page.setInputFiles('[data-testid=import-file]', file);
  await page.waitForSelector('[data-testid=links]', { timeout: 30_000 });
  await page.click('[data-testid=open]');
  await page.waitForFunction(() => window.__jb?.state === 'connected');
  await waitFor(page, (n) => window.__jb.count === n, exported.elements.length, 10_000);
  assert.ok(await page.evaluate(() => window.__jb.elements().some((e) => e.type === 'connector')));
  await f.context.close();
});

test('an editor gets no structure affordances and the server refuses structure ops', async () => {
  const board = await createBoard(server.base, { title: 'Roles', template: 'journey' });
  const e = await openParticipant(browser, board.editUrl, { name: 'Editor', lang: 'en' });
  const { stages } = await grid(e.page);
  const stagesBefore = await count(e.page, 'stage');
  const last = await e.page.evaluate((id) => window.__jb.clientRect(id), stages[stages.length - 1]);
  await e.page.mouse.click(last.x + last.w + 20, last.y + last.h / 2);
  await e.page.mouse.dblclick(last.x + 30, last.y + 20);
  assert.equal(await e.page.evaluate(() => window.__jb.editing), false);
  assert.equal(await count(e.page, 'stage'), stagesBefore);
  await e.context.close();
});

test('a wrong link shows a clear failure instead of retrying forever', async () => {
  const board = await createBoard(server.base, { title: 'Bad link', template: 'blank' });
  const ctx = await browser.newContext();
  await ctx.addInitScript(() => localStorage.setItem('jb.name', 'Someone'));
  const page = await ctx.newPage();
  await page.goto(`${server.base}/b/${board.id}#t=not-a-valid-token`);
  await page.waitForSelector('.failure', { timeout: 15_000 });
  assert.equal(await page.evaluate(() => window.__jb.state), 'failed');
  await page.goto(`${server.base}/b/NoSuchBoard123#t=${board.tokens.edit}`);
  await page.waitForSelector('.failure', { timeout: 15_000 });
  await ctx.close();
});
