// Comments end to end (issue 17 §4) in real Chromium against the real server: a thread on a card
// between a facilitator (zh), an editor (en) and a commenter (zh) — a new thread, a reply with an
// @department mention picked from the board's departments, a reply, resolved by the commenter and
// reopened by the editor — each step seen live by all three, with the card's open-thread bubble;
// the commenter's map is read-only (no tools, an explanation on a double-click); the search over
// comment and card texts pans to the card; the comment link on the start page and in the share
// dialog; the open thread in the Markdown and CSV hand-off. Bad input: an over-long comment, and
// a comment on a card deleted meanwhile (the server's refusal, made real by holding the server's
// frames to the commenter's page until the server has answered), each shown translated with the
// board unchanged. A viewer without comment rights sees threads read-only with the reason and is
// refused; the facilitator lets viewers comment and the viewer comments; a viewer whose right was
// withdrawn while the news was on its way is refused by the server, translated.
//
// Like workshop.test.mjs it runs the current client build: JB_WEB_CLASSES, else target/classes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addCard, createBoard, grid, openParticipant, screenshot, seedOps, sleep, waitFor, webDir, withServerAndBrowser } from './harness.mjs';

if (!process.env.JB_WEB_CLASSES && existsSync(join(webDir, 'target/classes/webroot/index.html'))) process.env.JB_WEB_CLASSES = 'target/classes';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const commentUrl = (board) => `${server.base}/b/${board.id}#t=${board.tokens.comment}`;
const threads = (page, card) => page.evaluate((c) => window.__jbComments.threads(c), card);
const docJson = (page) => page.evaluate(() => JSON.stringify(window.__jb.elements().sort((x, y) => (x.id < y.id ? -1 : 1))));

/**
 * Routes the page's board socket through the test: while `hold` is on, what the server sends is
 * kept back (in order) until release(). What the page sends always goes straight through.
 */
async function holdable(page) {
  const ctl = { hold: false, queue: [], ws: null };
  await page.routeWebSocket(/\/ws\/boards\//, (ws) => {
    const srv = ws.connectToServer();
    ctl.ws = ws;
    srv.onMessage((m) => { if (ctl.hold) ctl.queue.push(m); else ws.send(m); });
  });
  ctl.release = () => {
    ctl.hold = false;
    for (const m of ctl.queue.splice(0)) ctl.ws.send(m);
  };
  ctl.heard = async (re, timeout = 15_000) => {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      if (ctl.queue.some((m) => re.test(String(m)))) return;
      await sleep(25);
    }
    throw new Error(`the server did not send ${re}`);
  };
  return ctl;
}

async function clickCard(page, id) {
  const r = await page.evaluate((i) => window.__jb.clientRect(i), id);
  await page.mouse.click(r.x + Math.min(20, r.w / 2), r.y + Math.min(10, r.h / 2));
  await waitFor(page, (i) => window.__jb.selection.length === 1 && window.__jb.selection[0] === i, id);
}

/** Opens the comments drawer on the card (select it, then the top-bar toggle). */
async function openOn(page, id) {
  await clickCard(page, id);
  if (!(await page.locator('[data-testid=comments-panel]').isVisible())) await page.click('[data-testid=comments-open]');
  await waitFor(page, (i) => document.querySelector('[data-testid=comments-on]')?.dataset.item === i, id);
}

test('a thread between a facilitator, an editor and a commenter, live; search; the comment link; the hand-off; bad input refused', { timeout: 240_000 }, async () => {
  const board = await createBoard(server.base, { title: '评论 E2E', template: 'journey' });
  assert.ok(board.tokens.comment, 'the board has a comment token');
  const f = await openParticipant(browser, board.facilitatorUrl, { name: '主持人 Mei', lang: 'zh' });
  const e = await openParticipant(browser, board.editUrl, { name: 'Alex', lang: 'en' });
  let hold;
  const c = await openParticipant(browser, commentUrl(board), { name: '王磊', lang: 'zh', beforeGoto: async (page) => { hold = await holdable(page); } });
  const all = [f, e, c];
  try {
    assert.equal(await c.page.evaluate(() => window.__jb.role), 'commenter');
    // the board's departments, made after everyone joined (so no join dialog asks for one)
    await seedOps(f.page, server.base, board.id, board.tokens.facilitator, [
      { op: 'create', id: 'mkt', type: 'department', parent: null, index: 'V', props: { labels: { zh: '市场部', en: 'Marketing' } } },
      { op: 'create', id: 'cs', type: 'department', parent: null, index: 'W', props: { labels: { zh: '客服部', en: 'Support' } } },
    ]);
    const { stages, lanes } = await grid(f.page);
    const pain = lanes.find((l) => l.kind === 'painpoints').id;
    const card = await addCard(f.page, pain, stages[0], '支付步骤太多');
    const other = await addCard(f.page, pain, stages[1], 'Delivery is slow');
    for (const p of all) await waitFor(p.page, ([a, b]) => !!window.__jb.element(a) && !!window.__jb.element(b) && !!window.__jb.element('cs'), [card, other], 10_000);

    // --- the commenter's map is read-only: no tools, a hint, an explanation instead of an editor
    for (const tool of ['sticky', 'text', 'rect', 'connector', 'pen']) assert.equal(await c.page.locator(`[data-tool=${tool}]`).count(), 0, `no ${tool} tool`);
    assert.match(await c.page.locator('.stage > .hint').innerText(), /你可以评论和投票/);
    const before0 = await docJson(c.page);
    const cr = await c.page.evaluate((i) => window.__jb.clientRect(i), card);
    await c.page.mouse.dblclick(cr.x + 20, cr.y + 10);
    await c.page.locator('.toast', { hasText: '你是评论者：地图对你只读' }).waitFor();
    assert.equal(await c.page.evaluate(() => window.__jb.editing), false);
    assert.equal(await docJson(c.page), before0, 'nothing changed');
    // ... and the card's comments open instead; closed again for now
    await waitFor(c.page, (i) => document.querySelector('[data-testid=comments-on]')?.dataset.item === i, card);
    await c.page.click('[data-testid=comments-panel] .cm-head .icon-btn');
    await c.page.locator('[data-testid=comments-panel]').waitFor({ state: 'hidden' });
    await c.page.mouse.click(5, 870); // away from the card: the bubble click below must select it

    // --- the editor starts a thread on the card
    await openOn(e.page, card);
    await e.page.fill(`[data-draft="new:${card}"]`, 'Can we merge these steps?');
    await e.page.click('.cm-new [data-testid=comment-send]');
    await waitFor(e.page, () => window.__jb.pending === 0);
    const [t1] = await threads(e.page, card);
    assert.equal(t1.text, 'Can we merge these steps?');
    // everyone sees it, with the bubble on the card
    for (const p of all) await waitFor(p.page, (i) => window.__jbComments.badges().some((b) => b.id === i && b.open === 1), card, 10_000);
    assert.equal(await f.page.getAttribute('[data-testid=comments-open]', 'aria-label'), '评论（1）');
    // readable zoomed far out too: the bubble keeps its screen size
    await f.page.evaluate(() => window.__jb.setCamera({ zoom: 0.15 }));
    await waitFor(f.page, (i) => { const r = window.__jbComments.badgeClientRect(i); return r && r.h >= 17 && r.w >= 23; }, card);
    await f.page.evaluate(() => window.__jb.setCamera({ zoom: 1 }));

    // --- the commenter opens it from the bubble and replies with a mention picked from the departments
    const bubble = await c.page.evaluate((i) => window.__jbComments.badgeClientRect(i), card);
    await c.page.mouse.click(bubble.x + bubble.w / 2, bubble.y + bubble.h / 2);
    await waitFor(c.page, (i) => document.querySelector('[data-testid=comments-on]')?.dataset.item === i && window.__jb.selection[0] === i, card);
    const reply = `[data-thread="${t1.id}"] [data-draft="reply:${t1.id}"]`;
    await c.page.fill(reply, '请 ');
    await c.page.click(`[data-thread="${t1.id}"] [data-testid=mention-open]`);
    assert.deepEqual(await c.page.locator(`[data-thread="${t1.id}"] [data-mention]`).allInnerTexts(), ['@客服部', '@市场部']);
    await c.page.click(`[data-thread="${t1.id}"] [data-mention=mkt]`);
    await c.page.locator(reply).press('End');
    await c.page.keyboard.insertText('看看转化数据');
    await c.page.click(`[data-thread="${t1.id}"] [data-testid=comment-send]`);
    await waitFor(c.page, () => window.__jb.pending === 0);

    // --- the facilitator sees the reply with the mention highlighted, and answers
    await openOn(f.page, card);
    await waitFor(f.page, (t) => document.querySelector(`[data-thread="${t}"] mark.cm-mention[data-mentioned=mkt]`)?.textContent === '@市场部', t1.id, 10_000);
    assert.match(await f.page.locator(`[data-thread="${t1.id}"] [data-testid=comment-mentions]`).innerText(), /提及：市场部/);
    await f.page.fill(`[data-draft="reply:${t1.id}"]`, '下次工作坊讨论');
    await f.page.click(`[data-thread="${t1.id}"] [data-testid=comment-send]`);
    for (const p of all) {
      await waitFor(p.page, ([i, t]) => {
        const th = window.__jbComments.threads(i).find((x) => x.id === t);
        return th && th.replies.length === 2 && th.replies[0].text === '请 @市场部 看看转化数据' && th.replies[0].mentions[0] === 'mkt' && th.replies[1].text === '下次工作坊讨论';
      }, [card, t1.id], 10_000);
    }
    // the editor, whose drawer is open on the card, sees both replies appear in it (in English words around)
    await waitFor(e.page, (t) => document.querySelectorAll(`[data-thread="${t}"] .cm-replies .cm-comment`).length === 2, t1.id, 10_000);
    await screenshot(e.page, 'comments-thread');

    // --- the commenter resolves the thread; the bubble goes away for everyone
    await c.page.click(`[data-thread="${t1.id}"] [data-action=thread-resolve]`);
    for (const p of all) {
      await waitFor(p.page, ([i, t]) => window.__jbComments.threads(i).find((x) => x.id === t)?.open === false && !window.__jbComments.badges().some((b) => b.id === i), [card, t1.id], 10_000);
    }
    // the commenter starts typing a new thread with an IME (pinyin): the drawer must not be rebuilt under it
    const box = `new:${card}`;
    await c.page.focus(`[data-draft="${box}"]`);
    await c.page.evaluate((k) => { const a = document.querySelector(`[data-draft="${k}"]`); a.jbKept = true; a.dispatchEvent(new CompositionEvent('compositionstart')); }, box);
    // --- the editor reopens it from the resolved list
    await e.page.click('[data-testid=show-resolved]');
    await e.page.click(`[data-thread="${t1.id}"] [data-action=thread-reopen]`);
    for (const p of all) await waitFor(p.page, ([i, t]) => window.__jbComments.threads(i).find((x) => x.id === t)?.open === true && window.__jbComments.badges().some((b) => b.id === i), [card, t1.id], 10_000);
    assert.equal(await c.page.evaluate((k) => document.querySelector(`[data-draft="${k}"]`).jbKept === true, box), true, 'the box was not rebuilt during the composition');
    assert.equal(await c.page.locator(`[data-testid=comment-threads] [data-thread="${t1.id}"]`).count(), 0, 'the drawer still shows the thread resolved');
    await c.page.evaluate((k) => document.querySelector(`[data-draft="${k}"]`).dispatchEvent(new CompositionEvent('compositionend')), box);
    await c.page.locator(`[data-testid=comment-threads] [data-thread="${t1.id}"]`).waitFor();

    // --- search: a comment text finds the card; a click selects it and pans it into view
    await e.page.evaluate(() => window.__jb.setCamera({ x: 9000, y: 9000 }));
    await e.page.click('[data-testid=comments-search]');
    await e.page.keyboard.insertText('转化');
    await waitFor(e.page, (i) => document.querySelector(`[data-testid=comments-hits] [data-hit="${i}"]`)?.dataset.hitComment !== '', card);
    await e.page.fill('[data-testid=comments-search]', 'delivery');
    await waitFor(e.page, (o) => !!document.querySelector(`[data-testid=comments-hits] [data-hit="${o}"]`), other);
    await e.page.fill('[data-testid=comments-search]', '转化');
    await e.page.click(`[data-testid=comments-hits] [data-hit="${card}"]`);
    await waitFor(e.page, (i) => window.__jb.selection[0] === i, card);
    const onScreen = await e.page.evaluate((i) => {
      const r = window.__jb.clientRect(i);
      const v = document.querySelector('canvas').getBoundingClientRect();
      return r.x >= v.left && r.y >= v.top && r.x + r.w <= v.right && r.y + r.h <= v.bottom;
    }, card);
    assert.ok(onScreen, 'the card is panned into view');
    await e.page.fill('[data-testid=comments-search]', 'no such words');
    await e.page.locator('[data-testid=comments-hits]', { hasText: 'Nothing found' }).waitFor();
    await e.page.fill('[data-testid=comments-search]', '');

    // --- bad input 1: an over-long comment is refused, translated; the text stays in its box; nothing changed
    const beforeLong = await docJson(f.page);
    await c.page.fill(`[data-draft="reply:${t1.id}"]`, '长'.repeat(2001));
    await c.page.locator(`[data-thread="${t1.id}"] .cm-count.over`).waitFor();
    await c.page.click(`[data-thread="${t1.id}"] [data-testid=comment-send]`);
    await c.page.locator('[data-testid=comments-error]', { hasText: '评论过长（最多 2000 字）' }).waitFor();
    assert.equal((await c.page.inputValue(`[data-draft="reply:${t1.id}"]`)).length, 2001);
    assert.equal(await c.page.evaluate(() => window.__jb.pending), 0);
    await c.page.fill(`[data-draft="reply:${t1.id}"]`, '');

    // --- bad input 2: the facilitator deletes the other card while the news is held back from the
    // commenter, who comments on it: the server refuses (ELEMENT_NOT_FOUND), the page says so translated
    await openOn(c.page, other);
    hold.hold = true;
    await seedOps(f.page, server.base, board.id, board.tokens.facilitator, [{ op: 'delete', id: other }]);
    await waitFor(f.page, (o) => !window.__jb.element(o), other);
    await c.page.fill(`[data-draft="new:${other}"]`, '这张卡还在吗？');
    await c.page.click('.cm-new [data-testid=comment-send]');
    await hold.heard(/"rejected"/);
    hold.release();
    await c.page.locator('[data-testid=comments-error]', { hasText: '该卡片或元素已被删除：你的评论未保存' }).waitFor({ timeout: 10_000 });
    await waitFor(c.page, (o) => !window.__jb.element(o) && window.__jb.pending === 0, other);
    const after = await docJson(f.page);
    assert.equal(after, await docJson(c.page), 'the commenter holds what the facilitator holds');
    assert.ok(!after.includes('这张卡还在吗'), 'the refused comment is nowhere');
    assert.ok(!beforeLong.includes('长长长') && !after.includes('长长长'));

    // --- the commenter votes like everyone in a dot vote (the map itself stays read-only)
    await f.page.click('[data-testid=facil-open]');
    await f.page.click('[data-action="vote.open"]');
    await waitFor(c.page, () => !!window.__jb.facil.vote, undefined, 10_000);
    const vr = await c.page.evaluate((i) => window.__jb.clientRect(i), card);
    await c.page.mouse.click(vr.x + 20, vr.y + vr.h - 8);
    await waitFor(c.page, (i) => window.__jb.facil.mine[i] === 1, card, 10_000);
    await f.page.click('[data-testid=facil-open]');

    // --- the comment link: in the share dialog (zh) ...
    await f.page.click('[data-action=share]');
    await f.page.waitForSelector('[data-testid=share-dialog] [data-link=comment]');
    assert.match(await f.page.locator('[data-testid=share-dialog] .link-comment .link-role').innerText(), /仅评论/);
    assert.match(await f.page.inputValue('[data-testid=share-dialog] [data-link=comment]'), new RegExp(`#t=${board.tokens.comment}$`));
    await f.page.keyboard.press('Escape');

    // --- ... and the hand-off lists the open thread with its replies
    const md = await (await fetch(`${server.base}/api/boards/${board.id}/export/plan.md?token=${board.tokens.view}`)).text();
    assert.match(md, /## 未解决的评论/);
    assert.ok(md.includes('- **Alex**: Can we merge these steps?'), md);
    assert.ok(md.includes('  - **王磊**: 请 @市场部 看看转化数据'), md);
    assert.ok(md.includes('  - **主持人 Mei**: 下次工作坊讨论'), md);
    const csv = await (await fetch(`${server.base}/api/boards/${board.id}/export/plan.csv?token=${board.tokens.view}`)).text();
    const rows = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean).map((l) => l.split(','));
    const col = rows[0].indexOf('未解决评论');
    assert.ok(col >= 0, `a column of open comments: ${rows[0]}`);
    const row = rows.find((r) => r.includes(card));
    assert.ok(row, `the card is a row of plan.csv:\n${csv}`);
    assert.equal(row[col], '1');
  } finally {
    for (const p of all) await p.context.close();
  }
});

test('the start page lists the comment link, in Chinese and English', async () => {
  for (const [lang, label] of [['zh', '仅评论'], ['en', 'Comment only']]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((l) => localStorage.setItem('jb.lang', l), lang);
    const page = await context.newPage();
    await page.goto(server.base + '/');
    await page.fill('[data-testid=title-input]', `Links ${lang}`);
    await page.click('[data-testid=create]');
    await page.waitForSelector('[data-testid=links] [data-link=comment]');
    assert.equal(await page.locator('[data-testid=links] .link-comment .link-role').innerText(), label);
    assert.match(await page.inputValue('[data-testid=links] [data-link=comment]'), /\/b\/[^#]+#t=/);
    await context.close();
  }
});

test('a viewer without rights reads threads and is refused, translated; the facilitator lets viewers comment', { timeout: 180_000 }, async () => {
  const board = await createBoard(server.base, { title: 'Viewer comments', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Mei', lang: 'en' });
  let hold;
  const v = await openParticipant(browser, board.viewUrl, { name: 'Stakeholder', lang: 'en', beforeGoto: async (page) => { hold = await holdable(page); } });
  try {
    const { stages, lanes } = await grid(f.page);
    const card = await addCard(f.page, lanes[0].id, stages[0], 'Checkout');
    await openOn(f.page, card);
    await f.page.fill(`[data-draft="new:${card}"]`, 'Is this the right step?');
    await f.page.click('.cm-new [data-testid=comment-send]');
    await waitFor(v.page, (i) => window.__jbComments.threads(i).length === 1, card, 10_000);

    // --- read-only threads, the reason, no box, no buttons
    await openOn(v.page, card);
    await v.page.locator('[data-testid=comments-reason]', { hasText: 'the facilitator has not allowed viewers to comment' }).waitFor();
    await v.page.locator('[data-testid=comments-panel] [data-thread]', { hasText: 'Is this the right step?' }).waitFor();
    assert.equal(await v.page.locator('[data-testid=comments-panel] textarea, [data-testid=comments-panel] [data-action]').count(), 0);
    // what the send button would do is refused with the document's own check, translated; nothing changes
    const before = await docJson(f.page);
    await v.page.evaluate((i) => window.__jbComments.post(i, 'let me in'), card);
    await v.page.locator('[data-testid=comments-error]', { hasText: 'You may not comment on this board' }).waitFor();
    assert.equal(await v.page.evaluate(() => window.__jb.pending), 0);
    assert.equal(await docJson(f.page), before);

    // --- the facilitator lets viewers comment (the switch in the facilitator panel); the viewer comments
    await f.page.click('[data-testid=facil-open]');
    await f.page.click('[data-testid=toggle-viewers-comment]');
    await v.page.locator('.toast', { hasText: 'The facilitator allowed viewers to comment.' }).waitFor();
    await v.page.locator(`[data-draft="new:${card}"]`).waitFor();
    assert.equal(await v.page.locator('[data-testid=comments-reason]').count(), 0);
    await v.page.fill(`[data-draft="new:${card}"]`, 'Seen from outside: yes');
    await v.page.click('.cm-new [data-testid=comment-send]');
    await waitFor(f.page, (i) => window.__jbComments.threads(i).some((t) => t.text === 'Seen from outside: yes'), card, 10_000);
    // the map stays read-only for the viewer
    assert.equal(await v.page.locator('[data-tool=sticky]').count(), 0);

    // --- the facilitator withdraws it while the news is held back: the viewer's comment is refused by the server
    hold.hold = true;
    await f.page.click('[data-testid=toggle-viewers-comment]');
    // the server has taken it once it tells the viewer (the frame is held back from the page)
    await hold.heard(/"type":"session"/);
    const before2 = await docJson(f.page);
    await v.page.fill(`[data-draft="new:${card}"]`, 'one more');
    await v.page.click('.cm-new [data-testid=comment-send]');
    await hold.heard(/"rejected"/);
    hold.release();
    await v.page.locator('[data-testid=comments-error]', { hasText: 'You may not comment on this board' }).waitFor({ timeout: 10_000 });
    await v.page.locator('[data-testid=comments-reason]').waitFor();
    assert.equal(await docJson(f.page), before2, 'nothing changed');
    assert.ok(!(await docJson(v.page)).includes('one more'));
    await screenshot(v.page, 'comments-viewer');
  } finally {
    await f.context.close();
    await v.context.close();
  }
});
