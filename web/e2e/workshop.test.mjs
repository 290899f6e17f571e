// A short workshop from votes to matrix to TOP-3 to plan to PDF (issue 14), in real Chromium with
// a facilitator and two editors: departments made in the departments dialog, chosen at join and
// assigned by the facilitator; the pain-point lane opened to 客服部 only (the editor of 市场部 is
// told why instead of typing into it); a dot vote on the pain points; cards dragged in the
// priority matrix to set impact and effort (seen live by the others); the TOP-3 marked from the
// ranking; owner departments, statuses, due dates, measures and links set in the card panel; the
// plan panel grouped by department, filtered, read-only for a viewer; board.pdf and plan.csv
// downloaded through the export dialog and read back (pdftotext, Chinese included).
//
// Like facilitation.test.mjs it runs the current client build: JB_WEB_CLASSES, else target/classes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCard, createBoard, openParticipant, screenshot, seedOps, waitFor, webDir, withServerAndBrowser } from './harness.mjs';

if (!process.env.JB_WEB_CLASSES && existsSync(join(webDir, 'target/classes/webroot/index.html'))) process.env.JB_WEB_CLASSES = 'target/classes';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const facil = (page) => page.evaluate(() => window.__jb.facil);
const el = (page, id) => page.evaluate((i) => window.__jb.element(i), id);

/** An editor whose join dialog asks for a department: picks `dept` ('' = none of these). */
async function joinWithDepartment(url, { name, lang, dept }) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  await context.addInitScript(([n, l]) => { localStorage.setItem('jb.name', n); localStorage.setItem('jb.lang', l); }, [name, lang]);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${name}] page error:`, e.message));
  await page.goto(url);
  await page.waitForSelector('[data-testid=join-department]', { timeout: 15_000 });
  await page.click(`[data-testid=join-department] [data-dept="${dept}"]`);
  await page.waitForFunction(() => window.__jb && window.__jb.state === 'connected', null, { timeout: 20_000 });
  return { context, page, name };
}

async function clickCanvasAt(page, id) {
  const r = await page.evaluate((i) => window.__jb.clientRect(i), id);
  assert.ok(r, `${id} on screen`);
  await page.mouse.click(r.x + Math.min(r.w / 2, 60), r.y + Math.min(r.h / 2, 20));
}

/** Drags a chip of the priority matrix onto a cell (impact, effort) with real mouse events. */
async function dragChip(page, id, impact, effort) {
  const chip = page.locator(`.pri-chip[data-card="${id}"]`);
  // the view re-renders on every edit (others' too): take the chip where it is now
  let from = null;
  for (let i = 0; i < 50 && !from; i++) {
    await chip.waitFor({ state: 'visible', timeout: 5000 });
    from = await chip.boundingBox();
  }
  const to = await page.locator(`.pri-cell[data-impact="${impact}"][data-effort="${effort}"]`).boundingBox();
  await page.mouse.move(from.x + 20, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + 20 + ((to.x + to.width / 2 - from.x - 20) * i) / 10, from.y + from.height / 2 + ((to.y + to.height / 2 - from.y - from.height / 2) * i) / 10);
  await page.mouse.up();
}

test('a workshop: departments, a scoped lane, a dot vote, the matrix, TOP-3, the plan, board.pdf and plan.csv', { timeout: 240_000 }, async () => {
  const board = await createBoard(server.base, { title: '电商购物旅程工作坊', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: '主持人 Mei', lang: 'zh' });
  // touchpoints with CSAT and a target: the gap to target counts in the priority score
  await seedOps(f.page, server.base, board.id, board.tokens.facilitator, [
    { op: 'create', id: 'tp-pay', type: 'card', parent: 'lane-touch', index: 'V', props: { stage: 'stage-purchase', text: '支付页面', csat: 2, csatTarget: 4 } },
    { op: 'create', id: 'tp-ship', type: 'card', parent: 'lane-touch', index: 'V', props: { stage: 'stage-use', text: '物流通知', csat: 3.5, csatTarget: 4 } },
  ]);
  await waitFor(f.page, () => !!window.__jb.element('tp-ship'));

  // --- the facilitator makes the board's departments in the departments dialog
  await f.page.click('[data-testid=plan-open]');
  await f.page.click('[data-testid=plan-panel] [data-action=departments]');
  for (const [zh, en] of [['市场部', 'Marketing'], ['客服部', 'Customer service']]) {
    await f.page.fill('[data-testid=dept-new-zh]', zh);
    await f.page.fill('[data-testid=dept-new-en]', en);
    await f.page.click('[data-action=dept-add]');
    await waitFor(f.page, (n) => window.__jb.elements().some((e) => e.type === 'department' && e.props.labels.zh === n), zh);
  }
  const dept = await f.page.evaluate(() => Object.fromEntries(window.__jb.elements().filter((e) => e.type === 'department').map((e) => [e.props.labels.zh, e.id])));
  const [mkt, cs] = [dept['市场部'], dept['客服部']];
  await f.page.keyboard.press('Escape');
  await f.page.click('[data-testid=plan-open]'); // closed again

  // --- two editors: 李娜 chooses 市场部 when she joins, Alex none; the facilitator puts Alex in 客服部
  const a = await joinWithDepartment(board.editUrl, { name: '李娜', lang: 'zh', dept: mkt });
  const b = await joinWithDepartment(board.editUrl, { name: 'Alex', lang: 'en', dept: '' });
  // the whole grid in view (at "fit width" the lower lanes are below a 900 px window)
  for (const p of [f, a, b]) await p.page.evaluate(() => window.__jb.setCamera({ x: -40, y: -20, zoom: 0.7 }));
  assert.equal((await facil(a.page)).department, mkt);
  assert.equal((await facil(b.page)).department, null);
  await f.page.click('[data-testid=facil-open]');
  const alexId = await waitFor(f.page, () => window.__jb.peers.find((p) => p.name === 'Alex')?.id).then((h) => h.jsonValue());
  await f.page.selectOption(`[data-person="${alexId}"] [data-testid=dept-select]`, cs);
  await waitFor(b.page, (d) => window.__jb.facil.department === d, cs);
  await f.page.click('.facil-panel .fp-head button');

  // --- the pain-point lane is opened to 客服部 only, from the structure panel
  await clickCanvasAt(f.page, 'lane-pain');
  await f.page.waitForSelector('[data-testid=scope-section]');
  await f.page.check('[data-testid=scope-only]');
  await f.page.check(`[data-testid=scope-section] input[data-dept="${cs}"]`);
  await waitFor(a.page, (d) => JSON.stringify(window.__jb.element('lane-pain').props.scope) === JSON.stringify([d]), cs);
  // 李娜 (市场部) sees the lane dimmed and is told why, before typing anything
  assert.ok((await facil(a.page)).outOfScope >= 5, 'the scoped lane is dimmed for 市场部');
  const painCell = await a.page.evaluate(() => window.__jb.cellRect('lane-pain', 'stage-purchase'));
  await a.page.mouse.move(painCell.x + painCell.w / 2, painCell.y + painCell.h / 2);
  assert.match(await a.page.evaluate(() => document.querySelector('canvas.board-canvas').title), /泳道「痛点」仅对客服部开放。你属于市场部。/);
  await a.page.mouse.dblclick(painCell.x + painCell.w / 2, painCell.y + painCell.h - 12);
  await a.page.waitForSelector('.toast-error:has-text("仅对客服部开放")');
  assert.equal(await a.page.evaluate(() => window.__jb.editing), false, 'no editor opens where the text would be refused');
  // Alex (客服部) writes the pain points there; the facilitator is bound by no scope
  const p1 = await addCard(b.page, 'lane-pain', 'stage-purchase', '支付步骤太多');
  const p2 = await addCard(b.page, 'lane-pain', 'stage-consider', '运费不透明 Shipping fees unclear');
  // (the lane's side panel narrows the canvas: the zoom bar would cover that cell's bottom)
  await f.page.click('canvas.board-canvas', { position: { x: 30, y: 600 } });
  const p3 = await addCard(f.page, 'lane-pain', 'stage-use', '物流信息不更新');
  const o1 = await addCard(a.page, 'lane-opp', 'stage-purchase', '一键支付');
  const o2 = await addCard(a.page, 'lane-opp', 'stage-consider', '运费计算器');
  for (const p of [f, a, b]) await waitFor(p.page, (ids) => ids.every((id) => window.__jb.element(id)), [p1, p2, p3, o1, o2]);

  // stage by stage, briefly: only 购买 open, then every stage again
  await clickCanvasAt(f.page, 'stage-purchase');
  await f.page.click('[data-action=stage-by-stage]');
  await a.page.waitForSelector('[data-testid=stage-by-stage]:has-text("购买")');
  assert.equal((await el(a.page, 'stage-consider')).props.scope.length, 0);
  await f.page.click('[data-action=sbs-end]');
  await waitFor(a.page, () => window.__jb.element('stage-consider').props.scope === undefined);

  // --- a dot vote on the pain points: 3 dots each
  await f.page.click('[data-testid=facil-open]');
  for (const cb of await f.page.locator('.fp-lanes input[type=checkbox]').all()) {
    if (((await cb.getAttribute('data-lane')) === 'lane-pain') !== (await cb.isChecked())) await cb.click();
  }
  await f.page.fill('[data-testid=votes-per-person]', '3');
  await f.page.click('[data-action="vote.open"]');
  for (const p of [f, a, b]) await waitFor(p.page, () => window.__jb.facil.remaining === 3, undefined, 5000);
  await f.page.click('.facil-panel .fp-head button');
  const dot = async (page, id) => {
    const before = (await facil(page)).remaining;
    await clickCanvasAt(page, id);
    await waitFor(page, (n) => window.__jb.facil.remaining === n, before - 1, 5000);
  };
  for (const [p, ids] of [[f, [p1, p1, p2]], [a, [p1, p2, p3]], [b, [p1, p1, p2]]]) for (const id of ids) await dot(p.page, id);
  await f.page.click('[data-testid=facil-open]');
  await f.page.click('[data-action="vote.close"]');
  for (const p of [f, a, b]) {
    await waitFor(p.page, ([x, y, z]) => window.__jb.element(x).props.votes === 5 && window.__jb.element(y).props.votes === 3 && window.__jb.element(z).props.votes === 1, [p1, p2, p3]);
    await p.page.click('[data-testid=vote-result] .modal-head button');
  }
  await f.page.click('.facil-panel .fp-head button');

  // --- the priority matrix: Alex rates the pain points, 李娜 the opportunities; everyone sees them move
  for (const p of [f, a, b]) await p.page.click('[data-testid=priorities-open]');
  await b.page.waitForSelector(`[data-testid=pri-unrated] .pri-chip[data-card="${p1}"]`);
  // 李娜 may not rate a pain point of the 客服部 lane: the chip says so instead of moving
  assert.match(await a.page.locator(`.pri-chip[data-card="${p1}"]`).getAttribute('class'), /refused/);
  for (const [id, impact, effort] of [[p1, 5, 2], [p2, 3, 1], [p3, 2, 4]]) await dragChip(b.page, id, impact, effort);
  for (const [id, impact, effort] of [[o1, 4, 3], [o2, 5, 1]]) await dragChip(a.page, id, impact, effort);
  for (const [id, impact, effort] of [[p1, 5, 2], [p2, 3, 1], [p3, 2, 4], [o1, 4, 3], [o2, 5, 1]]) {
    await waitFor(f.page, ([i, im, ef]) => { const e = window.__jb.element(i); return e.props.impact === im && e.props.effort === ef; }, [id, impact, effort]);
    await f.page.waitForSelector(`.pri-cell[data-impact="${impact}"][data-effort="${effort}"] .pri-chip[data-card="${id}"]`);
  }
  // score = votes + 2·impact − effort + 2·gap: 支付步骤太多 5 + 10 − 2 + 2 × 2.5 (支付页面 CSAT 2 vs 4) = 18,
  // 一键支付 0 + 8 − 3 + 5 = 10, 运费计算器 0 + 10 − 1 = 9, 运费不透明 3 + 6 − 1 = 8, 物流 1 + 4 − 4 + 2 × 0.625 = 2.25
  const scores = Object.fromEntries((await facil(f.page)).priorities.map((p) => [p.id, p.score]));
  assert.deepEqual([scores[p1], scores[o1], scores[o2], scores[p2], scores[p3]], [18, 10, 9, 8, 2.25]);
  assert.equal(await f.page.locator(`.pri-cell[data-impact="5"][data-effort="2"] .pri-quad-name, .pri-cell[data-impact="5"][data-effort="1"] .pri-quad-name`).first().textContent(), '速赢');
  // 李娜 links 运费计算器 to the pain point it addresses by dragging from its link handle onto that chip
  const handle = await a.page.locator(`.pri-chip[data-card="${o2}"] .pri-link-handle`).boundingBox();
  const target = await a.page.locator(`.pri-chip[data-card="${p2}"]`).boundingBox();
  await a.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await a.page.mouse.down();
  for (let i = 1; i <= 8; i++) await a.page.mouse.move(handle.x + ((target.x + 30 - handle.x) * i) / 8, handle.y + ((target.y + target.height / 2 - handle.y) * i) / 8);
  await a.page.mouse.up();
  await waitFor(f.page, ([x, y]) => JSON.stringify(window.__jb.element(x).props.addresses) === JSON.stringify([y]), [o2, p2]);
  await f.page.waitForSelector(`svg.pri-links line[data-from="${o2}"][data-to="${p2}"]`, { state: 'attached' });
  await screenshot(f.page, 'workshop-matrix');

  // --- TOP-3 from the ranking (the first three by score are ticked)
  await f.page.click('[data-action=mark-top]');
  const ranked = await f.page.locator('[data-testid=top-ranking] li').evaluateAll((lis) => lis.map((li) => li.dataset.card));
  assert.deepEqual(ranked, [p1, o1, o2, p2, p3]);
  await f.page.click('[data-action=top-apply]');
  for (const p of [f, a, b]) {
    await waitFor(p.page, ([x, y, z]) => window.__jb.element(x).props.top === 1 && window.__jb.element(y).props.top === 2 && window.__jb.element(z).props.top === 3, [p1, o1, o2]);
  }
  await b.page.waitForSelector(`.pri-chip.top[data-card="${o2}"] .pri-top:has-text("TOP 3")`);
  for (const p of [f, a, b]) await p.page.click('[data-testid=priorities-open]');

  // --- the action plan: owners, statuses, due dates, a measure and links, in the card panel
  const plan = async (page, id, { dept: d, status, due, measureTp, address }) => {
    await clickCanvasAt(page, id);
    await page.waitForSelector('[data-testid=cp-dept]');
    await page.selectOption('[data-testid=cp-dept]', d);
    await page.selectOption('[data-testid=cp-status]', status);
    await page.fill('[data-testid=cp-due]', due);
    await page.locator('[data-testid=cp-due]').dispatchEvent('change');
    if (measureTp) await page.selectOption('[data-testid=cp-measure-tp]', measureTp);
    if (address) await page.selectOption('[data-testid=cp-address-pick]', address);
    await waitFor(page, ([i, dd, s, du]) => { const e = window.__jb.element(i); return e.props.dept === dd && e.props.status === s && e.props.due === du; }, [id, d, status, due]);
  };
  await plan(a.page, o1, { dept: mkt, status: 'in-progress', due: '2027-03-31', measureTp: 'tp-pay', address: p1 });
  await plan(b.page, o2, { dept: cs, status: 'planned', due: '2020-01-15' });
  await waitFor(f.page, (i) => { const m = window.__jb.element(i).props.measure; return m && m.touchpoint === 'tp-pay' && m.metric === 'csat' && m.from === 2 && m.to === 4; }, o1);
  await waitFor(f.page, ([x, y]) => (window.__jb.element(x).props.addresses ?? []).includes(y), [o1, p1]);

  await f.page.click('[data-testid=plan-open]');
  await f.page.waitForSelector(`.plan-group[data-dept="${mkt}"] .plan-item[data-card="${o1}"]`);
  await f.page.waitForSelector(`.plan-group[data-dept="${cs}"] .plan-item[data-card="${o2}"][data-overdue=true]`);
  assert.equal(await f.page.locator(`.plan-item[data-card="${o1}"]`).getAttribute('data-overdue'), 'false');
  assert.match(await f.page.locator(`.plan-item[data-card="${o1}"]`).textContent(), /CSAT 支付页面: 2 → 4.*支付步骤太多/);
  await f.page.selectOption('[data-testid=plan-filter-status]', 'planned');
  await waitFor(f.page, () => document.querySelectorAll('.plan-item').length === 1);
  await f.page.selectOption('[data-testid=plan-filter-status]', '');
  await screenshot(f.page, 'workshop-plan');
  // a stakeholder with the view link reads the plan, live and read-only
  const v = await openParticipant(browser, board.viewUrl, { name: 'Stakeholder', lang: 'en' });
  await v.page.click('[data-testid=plan-open]');
  await v.page.waitForSelector('[data-testid=plan-read-only]');
  await v.page.waitForSelector(`.plan-item[data-card="${o2}"] .plan-status:has-text("Planned")`);
  assert.equal(await v.page.locator('[data-testid=plan-panel] select[data-testid=plan-status]').count(), 0);
  await b.page.selectOption('[data-testid=cp-status]', 'done');
  await v.page.waitForSelector(`.plan-item[data-card="${o2}"][data-overdue=false] .plan-status:has-text("Done")`);

  // --- hand-off documents through the export dialog: board.pdf and plan.csv, read back
  const dir = mkdtempSync(join(tmpdir(), 'jb-workshop-'));
  try {
    const download = async (file) => {
      await f.page.click('[data-action=exportPng]');
      await f.page.waitForSelector('[data-testid=export-dialog]');
      const [d] = await Promise.all([f.page.waitForEvent('download', { timeout: 60_000 }), f.page.click(`[data-export="${file}"]`)]);
      const path = join(dir, file);
      await d.saveAs(path);
      return { path, name: d.suggestedFilename() };
    };
    const pdf = await download('board.pdf');
    assert.equal(pdf.name, '电商购物旅程工作坊-board.pdf');
    assert.equal(readFileSync(pdf.path).subarray(0, 5).toString(), '%PDF-');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['支付步骤太多', '一键支付', '运费计算器', 'TOP1', 'TOP2', 'TOP3', '速赢', '市场部', '客服部']) assert.ok(text.includes(s), `board.pdf shows ${s}`);

    const csv = await download('plan.csv');
    const body = readFileSync(csv.path, 'utf8');
    assert.equal(body.charCodeAt(0), 0xfeff, 'UTF-8 with BOM');
    const rows = body.slice(1).trim().split('\r\n').map((r) => r.split(','));
    assert.deepEqual(rows[0].slice(0, 4), ['TOP', '类型', '阶段', '内容']);
    // by the card id column (no longer the last: the open comments follow it since issue 17)
    const idCol = rows[0].indexOf('卡片 ID');
    assert.ok(idCol > 0, `a card id column: ${rows[0]}`);
    const byId = Object.fromEntries(rows.slice(1).map((r) => [r[idCol], r]));
    assert.deepEqual([byId[p1][0], byId[o1][0], byId[o2][0], byId[p2][0]], ['1', '2', '3', '']);
    assert.deepEqual(byId[o1].slice(4, 7), ['市场部', '进行中', '2027-03-31']);
    assert.deepEqual(byId[o2].slice(4, 7), ['客服部', '已完成', '2020-01-15']);
    assert.equal(byId[p1][10], '18');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const p of [f, a, b, v]) await p.context.close();
});
