// Editing without losing anyone's work, in Chromium (issue 12, items 5-9): a side panel that stays
// current, locks that stop typing before it starts and say why, vote totals nobody edits or
// copies, two people on one card (who edits, merge, choose), and an undo that asks before it
// deletes someone else's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCard, boardWith, createBoard, grid, openParticipant, screenshot, seedOps, waitFor, withServerAndBrowser } from './harness.mjs';
import { runDotVote } from './seven-stage.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const card = (id, lane, stage, text, extra = {}) => ({ op: 'create', id, type: 'card', parent: lane, index: `V${id.length}${id.charCodeAt(id.length - 1)}1`, props: { stage, text, ...extra } });

async function seeded(title, build) {
  const board = await createBoard(server.base, { title, template: 'journey' });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.base + '/');
  const g = await (async () => {
    const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Mei', lang: 'en' });
    const r = await grid(f.page);
    await f.context.close();
    return r;
  })();
  await seedOps(page, server.base, board.id, board.tokens.facilitator, build(g));
  await ctx.close();
  return { board, ...g };
}

const lane = (lanes, kind) => lanes.find((l) => l.kind === kind).id;

test('the side panel follows the document while the focus stays in it; vote totals are shown, not edited, and not copied', async () => {
  const { board, stages, lanes } = await seeded('Panel', ({ stages, lanes }) => [card('c1', lane(lanes, 'painpoints'), stages[0], 'Checkout is slow')]);
  const e = await openParticipant(browser, board.editUrl, { name: 'Alex', lang: 'en' });
  // the total comes from the close of a dot vote
  await runDotVote(e.page, server.base, board.id, board.tokens.facilitator, [lane(lanes, 'painpoints')], { c1: 3 });
  await waitFor(e.page, () => window.__jb.element('c1').props.votes === 3, undefined, 5000);
  // everyone gets the result dialog: close it
  await e.page.click('.modal .icon-btn');
  await e.page.evaluate(() => window.__jb.fit());
  const r = await e.page.evaluate(() => window.__jb.clientRect('c1'));
  await e.page.mouse.click(r.x + 20, r.y + 10);
  await e.page.click('.panel [data-emotion="1"]');
  await waitFor(e.page, () => window.__jb.element('c1').props.emotion === 1);
  await e.page.click('.panel [data-emotion="-2"]');
  await waitFor(e.page, () => window.__jb.element('c1').props.emotion === -2);
  // the focus is still in the panel, and the highlight is on −2
  await waitFor(e.page, () => document.querySelector('.panel [data-emotion="-2"]').classList.contains('on'));
  assert.equal(await e.page.evaluate(() => document.activeElement?.dataset.emotion), '-2');
  assert.equal(await e.page.locator('.panel .seg.on').count(), 1);
  // someone else's change shows at once as well
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Mei', lang: 'en' });
  await seedOps(f.page, server.base, board.id, board.tokens.facilitator, [{ op: 'update', id: 'c1', set: { kano: 'must-be' } }]);
  await waitFor(e.page, () => document.querySelector('.panel select[data-field=kano]')?.value === 'must-be');
  // the vote total: a read-only result, no "+" to click
  assert.match(await e.page.textContent('[data-testid=card-results]'), /Votes\s*3/);
  assert.equal(await e.page.locator('.panel .stepper button').count(), 0);
  // copy and paste: the copy has the text and the emotion, not the votes
  await e.page.mouse.click(r.x + 20, r.y + 10);
  await e.page.keyboard.press('Control+d');
  await waitFor(e.page, () => window.__jb.cardCount === 2 && window.__jb.pending === 0);
  const copy = await e.page.evaluate(() => window.__jb.elements().find((x) => x.type === 'card' && x.id !== 'c1'));
  assert.equal(copy.props.text, 'Checkout is slow');
  assert.equal(copy.props.emotion, -2);
  assert.equal(copy.props.votes, undefined);
  void stages; void lanes;
  await e.context.close();
  await f.context.close();
});

test('locks stop typing and dragging before they start, and say why', async () => {
  const { board, stages, lanes } = await seeded('Locks', ({ stages, lanes }) => [
    card('free1', lane(lanes, 'actions'), stages[0], 'Movable'),
    card('inlocked', lane(lanes, 'painpoints'), stages[1], 'In a locked lane'),
    card('lockedcard', lane(lanes, 'actions'), stages[1], 'Locked card'),
    { op: 'update', id: lane(lanes, 'painpoints'), set: { locked: true } },
    { op: 'update', id: 'lockedcard', set: { locked: true } },
  ]);
  const pain = lane(lanes, 'painpoints');
  const e = await openParticipant(browser, board.editUrl, { name: 'Alex', lang: 'en' });
  // a double-click into the locked lane explains itself instead of doing nothing
  const cell = await e.page.evaluate(([l, s]) => window.__jb.cellRect(l, s), [pain, stages[2]]);
  await e.page.mouse.dblclick(cell.x + cell.w / 2, cell.y + cell.h - 12);
  await e.page.waitForSelector('.toast:has-text("This lane is locked by the facilitator")', { timeout: 3000 });
  assert.equal(await e.page.evaluate(() => window.__jb.editing), false);
  // Enter on a card of the locked lane, a double-click on a locked card: no editor, a reason
  const il = await e.page.evaluate(() => window.__jb.clientRect('inlocked'));
  await e.page.mouse.click(il.x + 20, il.y + 10);
  await e.page.keyboard.press('Enter');
  assert.equal(await e.page.evaluate(() => window.__jb.editing), false);
  const lc = await e.page.evaluate(() => window.__jb.clientRect('lockedcard'));
  await e.page.mouse.dblclick(lc.x + 20, lc.y + 10);
  await e.page.waitForSelector('.toast:has-text("This card is locked by the facilitator")', { timeout: 3000 });
  assert.equal(await e.page.evaluate(() => window.__jb.editing), false);
  // resting on it: a tooltip says it is locked
  await e.page.mouse.move(lc.x + 30, lc.y + 12);
  await e.page.mouse.move(lc.x + 32, lc.y + 13);
  await e.page.waitForSelector('[data-testid=card-tip]:has-text("locked")', { timeout: 3000 });
  // dragging a locked card does nothing; dropping a free card into the locked lane neither
  const target = await e.page.evaluate(([l, s]) => window.__jb.cellRect(l, s), [lanes[0].id, stages[3]]);
  await drag(e.page, { x: lc.x + 20, y: lc.y + 10 }, { x: target.x + 30, y: target.y + 30 });
  await drag(e.page, await center(e.page, 'free1'), { x: cell.x + 30, y: cell.y + 30 });
  await e.page.waitForTimeout(400);
  const els = await e.page.evaluate(() => Object.fromEntries(window.__jb.elements().map((x) => [x.id, [x.parent, x.props.stage]])));
  assert.deepEqual(els.lockedcard, [lane(lanes, 'actions'), stages[1]]);
  assert.deepEqual(els.free1, [lanes.find((l) => l.kind === 'actions').id, stages[0]]);
  assert.equal(await e.page.evaluate(() => window.__jb.pending), 0);
  // the lock is drawn and in the accessible list
  assert.match(await e.page.evaluate(() => window.__jb.describe('lockedcard')), /locked/);
  await screenshot(e.page, 'canvas-locks');
  await e.context.close();
});

async function center(page, id) {
  const r = await page.evaluate((i) => window.__jb.clientRect(i), id);
  return { x: r.x + Math.min(30, r.w / 2), y: r.y + Math.min(12, r.h / 2) };
}

async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
  await page.mouse.up();
}

async function startEditing(page, id) {
  const r = await page.evaluate((i) => window.__jb.clientRect(i), id);
  await page.mouse.dblclick(r.x + 20, r.y + 10);
  await waitFor(page, () => window.__jb.editing);
}

test('two people on one card: each sees who edits it, edits in different places merge, overlapping ones ask', async () => {
  const { board, stages, lanes } = await seeded('Two on one', ({ stages, lanes }) => [
    card('m1', lane(lanes, 'painpoints'), stages[0], 'Checkout has too many steps'),
    card('m2', lane(lanes, 'painpoints'), stages[1], 'Size chart unclear'),
  ]);
  void stages; void lanes;
  const a = await openParticipant(browser, board.editUrl, { name: '李娜', lang: 'zh' });
  const b = await openParticipant(browser, board.editUrl, { name: 'Sam', lang: 'en' });
  // 李娜 starts typing into m1: Sam sees her on the card, and is told when he starts too
  await startEditing(a.page, 'm1');
  await waitFor(b.page, () => window.__jb.peersEditing().some((p) => p.name === '李娜' && p.editing === 'm1'), undefined, 3000);
  await waitFor(b.page, () => /李娜 is editing/.test(window.__jb.describe('m1')), undefined, 3000);
  await screenshot(b.page, 'canvas-someone-editing');
  await startEditing(b.page, 'm1');
  await b.page.waitForSelector('.toast:has-text("李娜 is editing this card")', { timeout: 3000 });
  // different places: she adds at the end, he adds in the middle; both words stay
  await a.page.keyboard.press('End');
  await a.page.keyboard.insertText(' and fields');
  await a.page.keyboard.press('Enter');
  await waitFor(b.page, () => window.__jb.element('m1').props.text === 'Checkout has too many steps and fields', undefined, 3000);
  await waitFor(b.page, () => !window.__jb.peersEditing().length, undefined, 3000);
  await b.page.keyboard.press('Home');
  for (let i = 0; i < 'Checkout has '.length; i++) await b.page.keyboard.press('ArrowRight');
  await b.page.keyboard.insertText('far ');
  await b.page.keyboard.press('Enter');
  const merged = 'Checkout has far too many steps and fields';
  await waitFor(a.page, (t) => window.__jb.element('m1').props.text === t, merged, 3000);
  await b.page.waitForSelector('.toast:has-text("merged")', { timeout: 3000 });

  // the same words changed differently: Sam chooses, and keeps both
  await startEditing(a.page, 'm2');
  await startEditing(b.page, 'm2');
  await a.page.keyboard.press('Control+a');
  await a.page.keyboard.insertText('尺码表缺少身高体重');
  await a.page.keyboard.press('Enter');
  await waitFor(b.page, () => window.__jb.element('m2').props.text === '尺码表缺少身高体重', undefined, 3000);
  await b.page.keyboard.press('Control+a');
  await b.page.keyboard.insertText('Size chart is confusing');
  await b.page.keyboard.press('Enter');
  await b.page.waitForSelector('[data-testid=merge-dialog]', { timeout: 3000 });
  assert.equal(await b.page.textContent('[data-testid=merge-mine] .panel-text'), 'Size chart is confusing');
  assert.equal(await b.page.textContent('[data-testid=merge-theirs] .panel-text'), '尺码表缺少身高体重');
  // nothing was saved before the choice
  assert.equal(await a.page.evaluate(() => window.__jb.element('m2').props.text), '尺码表缺少身高体重');
  await screenshot(b.page, 'canvas-merge-dialog');
  await b.page.click('[data-testid=merge-keep-both]');
  await waitFor(a.page, () => window.__jb.element('m2').props.text === 'Size chart is confusing\n尺码表缺少身高体重', undefined, 3000);
  await a.context.close();
  await b.context.close();
});

test('undoing my new card after someone else edited it asks first, and keeps it on no', async () => {
  const { board, a, b, stages, lane: laneOf, close } = await boardWith(server, browser, { title: 'Undo' }, {
    a: { role: 'edit', name: 'Alex', lang: 'en' },
    b: { role: 'edit', name: 'Sam', lang: 'en' },
  });
  const pain = laneOf('painpoints');
  const id = await addCard(a.page, pain, stages[0], 'Returns are hard');
  await waitFor(b.page, (i) => !!window.__jb.element(i), id, 3000);
  await startEditing(b.page, id);
  await b.page.keyboard.press('End');
  await b.page.keyboard.insertText(': the form wants the order number');
  await b.page.keyboard.press('Enter');
  await waitFor(a.page, (i) => window.__jb.element(i).props.text.includes('order number'), id, 3000);
  // no: the card and Sam's words stay
  const asked = [];
  a.page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
  await a.page.evaluate(() => document.querySelector('canvas.board-canvas').focus());
  await a.page.keyboard.press('Control+z');
  await waitFor(a.page, () => document.querySelector('.toast')?.textContent.includes('Kept'), undefined, 3000);
  assert.match(asked[0] ?? '', /Sam edited this since; delete it anyway\?/);
  await a.page.waitForTimeout(300);
  assert.match(await b.page.evaluate((i) => window.__jb.element(i)?.props.text ?? '', id), /order number/);
  // another one, and yes: it goes
  const id2 = await addCard(a.page, pain, stages[1], 'Delivery slots too narrow');
  await waitFor(b.page, (i) => !!window.__jb.element(i), id2, 3000);
  await seedOps(b.page, server.base, board.id, board.tokens.edit, [{ op: 'update', id: id2, set: { emotion: -1 } }], 'Sam');
  await waitFor(a.page, (i) => window.__jb.element(i)?.props.emotion === -1, id2, 3000);
  a.page.once('dialog', (d) => void d.accept());
  await a.page.evaluate(() => document.querySelector('canvas.board-canvas').focus());
  await a.page.keyboard.press('Control+z');
  await waitFor(b.page, (i) => !window.__jb.element(i), id2, 3000);
  await close();
});
