// Facilitation in real browsers (issue 5): (1) a facilitator and two participants run a 3-dot vote
// on the pain-point lane by clicking cards, the facilitator closes it and all three pages show the
// same ranked result; (2) follow me: the follower's view tracks the facilitator's pans and zooms
// until the follower moves, and follows again on request; (3) timer, private writing and board lock
// as everyone sees them.
//
// The client under test must be the current build: the server jar embeds the client it was built
// with, so JB_WEB_CLASSES (a folder holding webroot/) puts a fresh build first on the classpath.
// Without it, target/classes (what `npm run build` writes) is used when present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addCard, boardWith, createBoard, grid, openParticipant, screenshot, waitFor, webDir, withServerAndBrowser } from './harness.mjs';

if (!process.env.JB_WEB_CLASSES && existsSync(join(webDir, 'target/classes/webroot/index.html'))) process.env.JB_WEB_CLASSES = 'target/classes';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const facil = (page) => page.evaluate(() => window.__jb.facil);

/** Clicks the middle of a card on the canvas (shift for taking a dot back). */
async function clickCard(page, id, { shift = false } = {}) {
  const r = await page.evaluate((i) => window.__jb.clientRect(i), id);
  assert.ok(r, `card ${id} on screen`);
  const x = r.x + r.w / 2, y = r.y + r.h / 2;
  const onCanvas = await page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.classList.contains('board-canvas'), [x, y]);
  assert.ok(onCanvas, `card ${id} is not covered by the UI`);
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.click(x, y);
  if (shift) await page.keyboard.up('Shift');
}

/** One dot (or one taken back) and the server's answer. */
async function vote(page, id, delta = 1) {
  const before = (await facil(page)).remaining;
  await clickCard(page, id, { shift: delta < 0 });
  await waitFor(page, (n) => window.__jb.facil.remaining === n, before - delta, 3000);
}

/** The ranked result as shown in the dialog: card id, votes, card text. */
function shownResult(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-testid=vote-result] li')]
    .map((li) => ({ card: li.dataset.card, votes: Number(li.dataset.votes), text: li.querySelector('.vr-text').textContent })));
}

test('dot vote: three people vote by clicking cards, everyone sees the same ranked result', async () => {
  const board = await createBoard(server.base, { title: '结账流程投票', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: '主持人 Mei', lang: 'zh' });
  const a = await openParticipant(browser, board.editUrl, { name: 'Alex', lang: 'en' });
  const b = await openParticipant(browser, board.editUrl, { name: '王磊', lang: 'zh' });
  const { stages, lanes } = await grid(f.page);
  const pain = lanes.find((l) => l.kind === 'painpoints').id;
  const opp = lanes.find((l) => l.kind === 'opportunities')?.id;

  // a few pain points first, and one opportunity that is not part of the vote
  const c1 = await addCard(f.page, pain, stages[1], '运费太贵');
  const c2 = await addCard(f.page, pain, stages[2], '支付步骤多');
  const c3 = await addCard(f.page, pain, stages[3], 'No delivery tracking');
  const other = opp ? await addCard(f.page, opp, stages[1], '包邮门槛') : null;
  for (const p of [a, b]) await waitFor(p.page, (ids) => ids.every((id) => window.__jb.element(id)), [c1, c2, c3], 3000);

  // only the facilitator has the panel
  assert.equal(await a.page.locator('[data-testid=facil-open]').isVisible(), false);
  await f.page.click('[data-testid=facil-open]');
  await f.page.waitForSelector('[data-testid=facil-panel]:not([hidden])');
  // the pain-point lane only, 3 dots each, several dots on one card allowed (the default)
  for (const cb of await f.page.locator('.fp-lanes input[type=checkbox]').all()) {
    const id = await cb.getAttribute('data-lane');
    if ((id === pain) !== (await cb.isChecked())) await cb.click();
  }
  await f.page.fill('[data-testid=votes-per-person]', '3');
  await f.page.click('[data-action="vote.open"]');
  for (const p of [f, a, b]) {
    await waitFor(p.page, (l) => { const v = window.__jb.facil.vote; return v && v.lanes.length === 1 && v.lanes[0] === l && v.votesPerPerson === 3; }, pain, 3000);
    await waitFor(p.page, () => window.__jb.facil.remaining === 3, undefined, 3000);
    await p.page.waitForSelector('[data-testid=vote-banner]');
  }
  // the facilitator's panel would cover the right-hand columns: close it while voting
  await f.page.click('.facil-panel .fp-head button');

  // facilitator: c1, c1, c2
  await vote(f.page, c1);
  await vote(f.page, c1);
  await vote(f.page, c2);
  // Alex: c1, c2, c3 — then takes the c3 dot back (shift-click) and puts it there again
  await vote(a.page, c1);
  await vote(a.page, c2);
  await vote(a.page, c3);
  await vote(a.page, c3, -1);
  assert.deepEqual((await facil(a.page)).mine, { [c1]: 1, [c2]: 1 });
  await vote(a.page, c3);
  // 王磊: c1, c1, c2
  await vote(b.page, c1);
  await vote(b.page, c1);
  await vote(b.page, c2);

  // a card outside the voted lanes takes no dot (the click selects it as usual)
  if (other) {
    await clickCard(b.page, other);
    await b.page.waitForTimeout(200);
    assert.equal((await facil(b.page)).remaining, 0);
  }
  // nobody sees another person's dots before the close, only the count
  assert.deepEqual((await facil(a.page)).mine, { [c1]: 1, [c2]: 1, [c3]: 1 });
  await waitFor(f.page, () => window.__jb.facil.cast === 9, undefined, 3000);
  await a.page.mouse.move(5, 5);
  await screenshot(a.page, 'facilitation-vote-participant');

  await f.page.click('[data-testid=facil-open]');
  await f.page.click('[data-action="vote.close"]');
  const expected = [{ card: c1, votes: 5, text: '运费太贵' }, { card: c2, votes: 3, text: '支付步骤多' }, { card: c3, votes: 1, text: 'No delivery tracking' }];
  const results = [];
  for (const p of [f, a, b]) {
    await p.page.waitForSelector('[data-testid=vote-result] li', { timeout: 5000 });
    results.push(await shownResult(p.page));
    // the totals are written into the cards' votes property (saved, in the history)
    await waitFor(p.page, ([x, y, z]) => window.__jb.element(x).props.votes === 5 && window.__jb.element(y).props.votes === 3 && window.__jb.element(z).props.votes === 1, [c1, c2, c3], 3000);
    assert.equal((await facil(p.page)).vote, null);
  }
  assert.deepEqual(results[0], expected);
  assert.deepEqual(results[1], expected);
  assert.deepEqual(results[2], expected);
  await screenshot(a.page, 'facilitation-vote-result');
  await screenshot(f.page, 'facilitation-vote-result-facilitator');
  for (const p of [f, a, b]) await p.context.close();
});

test('follow me: the follower sees what the facilitator sees until it moves on its own', async () => {
  const board = await createBoard(server.base, { title: 'Follow me', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Mei', lang: 'en', width: 1400, height: 900 });
  // a smaller window: the follower's camera fits the leader's visible area
  const g = await openParticipant(browser, board.editUrl, { name: '小陈', lang: 'zh', width: 1100, height: 760 });
  const view = async (page) => page.evaluate(() => {
    const c = window.__jb.camera;
    const r = document.querySelector('canvas.board-canvas').getBoundingClientRect();
    return { ...c, w: r.width / c.zoom, h: r.height / c.zoom, cx: c.x + r.width / c.zoom / 2, cy: c.y + r.height / c.zoom / 2, pxW: r.width, pxH: r.height };
  });
  /** the follower shows all of the leader's visible area, centred on the same point */
  const followsLeader = async () => {
    const L = await view(f.page);
    const deadline = Date.now() + 3000;
    let F;
    while (Date.now() < deadline) {
      F = await view(g.page);
      const zoom = Math.min(F.pxW / L.w, F.pxH / L.h);
      if (Math.abs(F.cx - L.cx) < 1 && Math.abs(F.cy - L.cy) < 1 && Math.abs(F.zoom - zoom) < 1e-3) return true;
      await g.page.waitForTimeout(50);
    }
    assert.fail(`follower ${JSON.stringify(F)} does not show leader ${JSON.stringify(L)}`);
  };

  await f.page.click('[data-testid=facil-open]');
  await f.page.click('[data-testid=toggle-follow]');
  await waitFor(g.page, () => window.__jb.facil.following === true, undefined, 3000);
  await g.page.waitForSelector('[data-testid=follow-banner] [data-testid=follow-stop]');

  // the facilitator zooms in (ctrl + wheel) and pans (wheel), with real input events
  const before = await view(g.page);
  await f.page.mouse.move(500, 500);
  await f.page.keyboard.down('Control');
  await f.page.mouse.wheel(0, -240);
  await f.page.keyboard.up('Control');
  await f.page.mouse.wheel(300, 200);
  await followsLeader();
  const moved = await view(g.page);
  assert.ok(Math.abs(moved.zoom - before.zoom) > 0.05 || Math.hypot(moved.cx - before.cx, moved.cy - before.cy) > 50, 'the follower view moved');
  await screenshot(g.page, 'facilitation-follow-follower');

  // the follower pans on its own: following stops, the banner offers to follow again
  await g.page.mouse.move(400, 400);
  await g.page.mouse.wheel(0, 300);
  await waitFor(g.page, () => window.__jb.facil.following === false, undefined, 2000);
  await g.page.waitForSelector('[data-testid=follow-again]');
  const own = await view(g.page);
  await f.page.mouse.wheel(-400, 0);
  await f.page.waitForTimeout(400);
  const still = await view(g.page);
  assert.ok(Math.abs(still.x - own.x) < 0.01 && Math.abs(still.y - own.y) < 0.01, 'not following any more');
  await screenshot(g.page, 'facilitation-follow-paused');

  // follow again: back to the leader's view
  await g.page.click('[data-testid=follow-again]');
  await followsLeader();

  // the facilitator turns it off: no banner
  await f.page.click('[data-testid=toggle-follow]');
  await waitFor(g.page, () => window.__jb.facil.follow === null && !document.querySelector('[data-testid=follow-banner]'), undefined, 3000);
  await f.context.close();
  await g.context.close();
});

test('timer, private writing and board lock as a participant sees them', async () => {
  const { f, e, stages, lane, close } = await boardWith(server, browser, { title: 'Workshop' }, {
    f: { role: 'facilitator', name: 'Mei', lang: 'en' },
    e: { role: 'edit', name: 'Alex', lang: 'en' },
  });
  const pain = lane('painpoints');
  await f.page.click('[data-testid=facil-open]');

  // a 2-minute timer counts down on the participant's page; pause holds it
  await f.page.fill('[data-testid=timer-minutes]', '2');
  await f.page.click('[data-action="timer.start"]');
  await waitFor(e.page, () => window.__jb.facil.timer === 'running', undefined, 3000);
  const t0 = await e.page.textContent('[data-testid=timer-text]');
  assert.match(t0, /^[12]:\d\d$/);
  await e.page.waitForTimeout(1200);
  const left = (await facil(e.page)).remainingMs;
  assert.ok(left < 120_000 && left > 110_000, `counting down: ${left}`);
  await f.page.click('[data-action="timer.pause"]');
  await waitFor(e.page, () => window.__jb.facil.timer === 'paused', undefined, 3000);

  // private writing: the participant's new card is marked private and the facilitator does not get it
  await f.page.click('[data-testid=toggle-private]');
  await e.page.waitForSelector('[data-testid=private-banner]');
  const secret = await addCard(e.page, pain, stages[0], 'my private idea');
  await waitFor(e.page, (id) => typeof window.__jb.element(id)?.props.private === 'string' && window.__jb.pending === 0, secret, 3000);
  await f.page.waitForTimeout(300);
  assert.equal(await f.page.evaluate((id) => window.__jb.element(id), secret), null);
  await screenshot(e.page, 'facilitation-private-timer');
  // reveal: everyone has it, the mark is gone
  await f.page.click('[data-testid=toggle-private]');
  await waitFor(f.page, (id) => window.__jb.element(id)?.props.text === 'my private idea', secret, 3000);
  await waitFor(e.page, (id) => window.__jb.element(id)?.props.private === undefined, secret, 3000);

  // lock the board: the participant cannot start typing, and is told why; nothing pending
  await f.page.click('[data-testid=toggle-lock]');
  await e.page.waitForSelector('[data-testid=locked-banner]');
  const r = await e.page.evaluate(([l, s]) => window.__jb.cellRect(l, s), [pain, stages[2]]);
  await e.page.mouse.dblclick(r.x + r.w / 2, r.y + r.h - 12);
  assert.equal(await e.page.evaluate(() => window.__jb.editing), false, 'no editor on a locked board');
  await e.page.waitForSelector('.toast:has-text("locked by the facilitator")', { timeout: 3000 });
  assert.equal(await e.page.evaluate(() => window.__jb.pending), 0);
  await f.page.click('[data-testid=toggle-lock]');
  await waitFor(e.page, () => !window.__jb.facil.boardLocked, undefined, 3000);

  // lock one card (select it, lock from the panel): the participant sees the lock and cannot edit it
  await f.page.waitForFunction((id) => window.__jb.element(id), secret);
  const cr = await f.page.evaluate((id) => window.__jb.clientRect(id), secret);
  await f.page.mouse.click(cr.x + 10, cr.y + 10);
  await f.page.click('[data-action="lock-selection"]');
  await waitFor(e.page, (id) => window.__jb.element(id)?.props.locked === true, secret, 3000);
  const er = await e.page.evaluate((id) => window.__jb.clientRect(id), secret);
  await e.page.mouse.dblclick(er.x + er.w / 2, er.y + er.h / 2);
  assert.equal(await e.page.evaluate(() => window.__jb.editing), false, 'no editor on a locked card');
  await e.page.waitForSelector('.panel [data-testid=lock-note]');
  await e.page.waitForTimeout(300);
  await screenshot(e.page, 'facilitation-locked-card');
  await screenshot(f.page, 'facilitation-panel');

  // a short timer runs out: everyone gets the end signal (pulse), no alert
  await f.page.click('[data-action="timer.stop"]');
  await waitFor(e.page, () => window.__jb.facil.timer === 'idle', undefined, 3000);
  await f.page.fill('[data-testid=timer-minutes]', '0.05');
  await f.page.click('[data-action="timer.start"]');
  await waitFor(e.page, () => window.__jb.facil.timer === 'running', undefined, 3000);
  await waitFor(e.page, () => window.__jb.facil.timer === 'ended' && document.querySelector('[data-testid=timer]').classList.contains('pulse'), undefined, 8000);
  assert.match(await e.page.textContent('[data-testid=timer]'), /Time's up/);
  await close();
});

test('people and links: a live role change, a removal, and new links that cut off the old ones', async () => {
  const { board, f, a, v, close } = await boardWith(server, browser, { title: 'People' }, {
    f: { role: 'facilitator', name: 'Mei', lang: 'en' },
    a: { role: 'edit', name: 'Alex', lang: 'en' },
    v: { role: 'view', name: '访客', lang: 'zh' },
  });
  await f.page.click('[data-testid=facil-open]');
  const alexId = await f.page.evaluate(() => window.__jb.peers.find((p) => p.name === 'Alex').id);
  const row = `.fp-person[data-person="${alexId}"]`;
  await f.page.waitForSelector(row);

  // editor -> viewer, live: Alex's drawing tools go away
  assert.equal(await a.page.locator('[data-tool=sticky]').count(), 1);
  await f.page.selectOption(`${row} select`, 'viewer');
  await waitFor(a.page, () => window.__jb.role === 'viewer', undefined, 3000);
  await waitFor(a.page, () => !document.querySelector('[data-tool=sticky]'), undefined, 3000);
  await waitFor(f.page, (id) => window.__jb.peers.find((p) => p.id === id)?.role === 'viewer', alexId, 3000);
  // and viewer -> facilitator: Alex gets the panel button
  await f.page.selectOption(`${row} select`, 'facilitator');
  await waitFor(a.page, () => window.__jb.role === 'facilitator', undefined, 3000);
  await a.page.waitForSelector('[data-testid=facil-open]:not([hidden])');
  await f.page.selectOption(`${row} select`, 'editor');
  await waitFor(a.page, () => window.__jb.role === 'editor' && document.querySelector('[data-testid=facil-open]').hidden, undefined, 3000);

  // new links: the facilitator sees them with copy buttons; the viewer who came with an old link is cut off
  f.page.once('dialog', (d) => d.accept());
  await f.page.click('[data-action="links.rotate"]');
  await f.page.waitForSelector('.facil-panel [data-link=view]');
  const newView = await f.page.inputValue('.facil-panel [data-link=view]');
  assert.match(newView, /^http:\/\/127\.0\.0\.1:\d+\/b\/[A-Za-z0-9_-]+#t=/);
  assert.notEqual(newView, board.viewUrl);
  // facilitator, edit, comment and view links
  assert.equal(await f.page.locator('.facil-panel [data-copy]').count(), 4);
  assert.match(await f.page.inputValue('.facil-panel [data-link=comment]'), /#t=/);
  await waitFor(v.page, () => window.__jb.state === 'failed', undefined, 5000);
  await screenshot(f.page, 'facilitation-links');
  // Alex (editor, old link) is cut off as well; the facilitator stays
  await waitFor(a.page, () => window.__jb.state === 'failed', undefined, 5000);
  assert.equal(await f.page.evaluate(() => window.__jb.state), 'connected');

  // removal: someone who joined with the new edit link is removed and told so
  const newEdit = await f.page.inputValue('.facil-panel [data-link=edit]');
  const r = await openParticipant(browser, newEdit, { name: 'Sam', lang: 'en' });
  const samId = await waitFor(f.page, () => window.__jb.peers.find((p) => p.name === 'Sam')?.id, undefined, 3000).then((h) => h.jsonValue());
  f.page.once('dialog', (d) => d.accept());
  await f.page.click(`.fp-person[data-person="${samId}"] .fp-remove`);
  await waitFor(r.page, () => window.__jb.state === 'failed', undefined, 5000);
  await r.page.waitForSelector('.failure');
  assert.match(await r.page.textContent('.failure'), /removed/i);
  await waitFor(f.page, (id) => !window.__jb.peers.some((p) => p.id === id), samId, 3000);
  await screenshot(r.page, 'facilitation-removed');
  // the facilitator's new token stays out of the address bar, and a reload uses it
  assert.ok(!f.page.url().includes('#t='), f.page.url());
  await f.page.reload();
  await waitFor(f.page, () => window.__jb?.state === 'connected' && window.__jb.role === 'facilitator', undefined, 20_000);
  await r.context.close();
  await close();
});
