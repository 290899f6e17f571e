// (2) A viewer has no editing affordances, and keyboard/mouse attempts change nothing; live
// updates and cursors still arrive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCard, boardWith, cellCenter, dragTo, openParticipant, screenshot, waitFor, withServerAndBrowser } from './harness.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

test('a viewer cannot change anything but sees live changes', async () => {
  const { board, ed, stages, lanes } = await boardWith(server, browser, { title: 'Viewer E2E' }, { ed: { role: 'edit', name: 'Editor', lang: 'en' } });
  const lane = lanes[0].id;
  const cardId = await addCard(ed.page, lane, stages[0], 'Seen by the viewer');
  await waitFor(ed.page, () => window.__jb.pending === 0);

  const v = await openParticipant(browser, board.viewUrl, { name: 'Stakeholder', lang: 'en' });
  const page = v.page;
  assert.equal(await page.evaluate(() => window.__jb.role), 'viewer');
  await waitFor(page, (id) => !!window.__jb.element(id), cardId);

  // no editing affordances
  for (const tool of ['sticky', 'text', 'rect', 'ellipse', 'connector', 'pen']) {
    assert.equal(await page.locator(`[data-tool=${tool}]`).count(), 0, `no ${tool} tool`);
  }
  assert.equal(await page.locator('[data-action=undo]').isVisible(), false, 'no undo button');
  assert.match(await page.locator('[data-testid=status]').innerText(), /Read only/);

  const snapshot = () => page.evaluate(() => JSON.stringify(window.__jb.elements().sort((x, y) => (x.id < y.id ? -1 : 1))));
  const before0 = await snapshot();

  // double-click a cell and empty canvas: no editor opens
  const cell = await cellCenter(page, lane, stages[1]);
  await page.mouse.dblclick(cell.x, cell.y);
  await page.mouse.dblclick(20, 860);
  assert.equal(await page.evaluate(() => window.__jb.editing), false);
  await page.keyboard.type('hello');
  await page.keyboard.press('Enter');
  await page.keyboard.press('v'); // 'h' of hello picked the pan tool; back to select

  // select the card and try to delete, duplicate, paste, undo, and drag it
  const r = await page.evaluate((id) => window.__jb.clientRect(id), cardId);
  await page.mouse.click(r.x + 20, r.y + 10);
  assert.deepEqual(await page.evaluate(() => window.__jb.selection), [cardId]);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.__jb.editing), false);
  await page.keyboard.press('Delete');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+d');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await page.keyboard.press('Control+z');
  await dragTo(page, cardId, await cellCenter(page, lanes[1].id, stages[2]));
  // tool shortcuts do nothing either
  await page.keyboard.press('s');
  await page.mouse.click(cell.x, cell.y);
  await page.keyboard.press('p');
  await page.mouse.move(300, 700);
  await page.mouse.down();
  await page.mouse.move(400, 750);
  await page.mouse.up();

  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__jb.pending), 0, 'nothing queued');
  assert.equal(await snapshot(), before0, 'viewer changed nothing locally');
  assert.equal(await ed.page.evaluate(() => window.__jb.count), await page.evaluate(() => window.__jb.count));
  const edDoc = await ed.page.evaluate(() => JSON.stringify(window.__jb.elements().sort((x, y) => (x.id < y.id ? -1 : 1))));
  assert.equal(edDoc, before0, 'the board did not change for the editor either');

  // the side panel shows the card read-only: no inputs
  assert.equal(await page.locator('.panel input, .panel select, .panel textarea, .panel button').count(), 0);

  // live updates and cursors still arrive
  const id2 = await addCard(ed.page, lanes[1].id, stages[1], 'Live update');
  await waitFor(page, (id) => window.__jb.element(id)?.props.text === 'Live update', id2, 2000);
  await ed.page.mouse.move(600, 300);
  await ed.page.mouse.move(620, 320);
  await waitFor(page, () => window.__jb.peers.some((p) => p.name === 'Editor' && p.cursor), undefined, 3000);
  await page.waitForTimeout(100);
  await screenshot(page, 'viewer');
  await ed.context.close();
  await v.context.close();
});
