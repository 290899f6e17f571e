// Reading the map in Chromium (issue 12, items 1-4 and 16): text at every zoom, every attribute on
// the card and in the PNG, sticky headers clear of banners and the facilitator panel, crowded
// cells and emotion cells, stages and lanes reordered by dragging their headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBoard, grid, openParticipant, screenshot, seedOps, waitFor, withServerAndBrowser } from './harness.mjs';
import { sevenStageBoard } from './map-screenshots.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

async function seeder() {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.base + '/');
  return { ctx, page };
}

/** What every card on screen shows at the current zoom. */
const visibleCards = (page) => page.evaluate(() => {
  const c = document.querySelector('canvas.board-canvas').getBoundingClientRect();
  return window.__jb.elements().filter((e) => e.type === 'card').map((e) => ({ id: e.id, text: e.props.text, v: window.__jb.cardView(e.id) }))
    .filter((x) => x.v && x.v.rect.x >= c.left && x.v.rect.x + x.v.rect.w <= c.right && x.v.rect.y >= c.top && x.v.rect.y + x.v.rect.h <= c.bottom);
});

test('the seven-stage map is readable at Fit and at 30 %, with every attribute on the card and in the PNG', async () => {
  const s = await seeder();
  const { board, full } = await sevenStageBoard(server, s.page, 'en');
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Mei', lang: 'en', width: 1280, height: 720 });
  const page = f.page;
  await page.evaluate(() => window.__jb.fit());
  const fitZoom = await page.evaluate(() => window.__jb.camera.zoom);
  assert.ok(fitZoom < 0.8 && fitZoom > 0.3, `Fit shows the whole map zoomed out: ${fitZoom}`);
  for (const zoom of [fitZoom, 0.3]) {
    await page.evaluate((z) => window.__jb.setCamera({ zoom: z, x: -90 / z, y: -40 / z }), zoom);
    const cards = await visibleCards(page);
    assert.ok(cards.length >= 20, `cards on screen at ${zoom}: ${cards.length}`);
    for (const c of cards) {
      assert.equal(c.v.level, 1, `screen-sized text at ${zoom}`);
      assert.ok(c.v.fontPx >= 11.3, `text of ${c.v.fontPx}px at ${zoom}`);
      assert.ok(c.v.lines.length >= 1 && c.v.lines.length <= 2, `one or two lines: ${c.v.lines}`);
      assert.ok(c.v.lines[0].replace('…', '').length >= 2, `some of "${c.text}" shows at ${zoom}: ${c.v.lines}`);
    }
    // a card with every attribute keeps key badges where there is room for them
    const withChips = cards.filter((c) => c.v.chips.length);
    assert.ok(withChips.length >= 3, 'key badges at low zoom');
    assert.equal(await page.evaluate(() => window.__jb.drawnCards > 0), true);
  }
  await screenshot(page, 'canvas-map-30');
  // full detail: all of them, and the PNG export draws the same pills
  await page.evaluate(() => window.__jb.setCamera({ zoom: 1 }));
  const v = await page.evaluate((id) => window.__jb.cardView(id), full[0]);
  assert.equal(v.level, 0);
  for (const want of ['MoT', '-2', 'KANO M', 'CSAT 2', 'NPS -20', 'CES 6', '@ ']) assert.ok(v.chips.some((c) => c.startsWith(want)), `badge ${want} in ${v.chips}`);
  const samples = await page.evaluate(async (id) => {
    const img = new Image();
    img.src = window.__jb.pngDataUrl(1);
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const b = window.__jb.bounds();
    const hex = (d) => '#' + [d[0], d[1], d[2]].map((n) => n.toString(16).padStart(2, '0')).join('');
    // renderPng pads the board by 40 px; sample inside each pill, left of its text
    return window.__jb.badges(id).map((x) => ({ text: x.text, want: x.bg, got: hex(g.getImageData(Math.round(x.x - b.x + 40 + 3), Math.round(x.y - b.y + 40 + 9), 1, 1).data) }));
  }, full[0]);
  assert.ok(samples.length >= 7, `${samples.length} badges`);
  for (const x of samples) assert.equal(x.got, x.want.toLowerCase(), `badge "${x.text}" in the PNG`);
  await f.context.close();
  await s.ctx.close();
});

test('headers stay in view while panning, below the banners, and Fit keeps the last column clear of the facilitator panel', async () => {
  const board = await createBoard(server.base, { title: 'Sticky', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Mei', lang: 'en', width: 1280, height: 720 });
  const page = f.page;
  const { stages, lanes } = await grid(page);
  await page.evaluate(() => window.__jb.setCamera({ zoom: 1, x: -80, y: -40 }));
  const canvas = await page.evaluate(() => { const r = document.querySelector('canvas.board-canvas').getBoundingClientRect(); return { x: r.left, y: r.top }; });
  // pan down and right with the wheel: the header row and column stick to the edges
  await page.mouse.move(700, 400);
  await page.mouse.wheel(0, 500);
  await page.mouse.wheel(700, 0);
  await page.waitForTimeout(100);
  const h1 = await page.evaluate(() => window.__jb.headers());
  const ins = await page.evaluate(() => window.__jb.insets());
  assert.ok(Math.abs(h1.row.y - (canvas.y + ins.top)) < 1.5, `row at the top: ${h1.row.y}`);
  assert.ok(Math.abs(h1.column.x - (canvas.x + ins.left)) < 1.5, `column at the left, clear of the tool bar: ${h1.column.x} ${ins.left}`);
  // what shows there is the header: a click selects the stage under it
  const st = await page.evaluate((id) => window.__jb.headerRect(id), stages[3]);
  assert.equal(await page.evaluate(([x, y]) => window.__jb.hitAt(x, y), [st.x + st.w / 2, st.y + st.h / 2]), stages[3]);
  await page.mouse.click(st.x + st.w / 2, st.y + st.h / 2);
  await waitFor(page, (id) => window.__jb.selection[0] === id, stages[3]);
  const ln = await page.evaluate((id) => window.__jb.headerRect(id), lanes[lanes.length - 1].id);
  assert.equal(await page.evaluate(([x, y]) => window.__jb.hitAt(x, y), [ln.x + 30, ln.y + ln.h / 2]), lanes[lanes.length - 1].id);

  // a banner (the timer) comes: the sticky row moves below it
  await page.click('[data-testid=facil-open]');
  await page.fill('[data-testid=timer-minutes]', '5');
  await page.click('[data-action="timer.start"]');
  await page.waitForSelector('[data-testid=timer]:not([hidden])');
  await page.waitForTimeout(300);
  const top = await page.evaluate(() => document.querySelector('.facil-top').getBoundingClientRect().bottom);
  const h2 = await page.evaluate(() => window.__jb.headers());
  assert.ok(h2.row.y >= top, `header row ${h2.row.y} below the banners ${top}`);
  // the facilitator panel is open: Fit puts the whole map left of it
  await page.evaluate(() => window.__jb.fit());
  await page.waitForTimeout(100);
  const panelLeft = await page.evaluate(() => document.querySelector('.facil-panel').getBoundingClientRect().left);
  const last = await page.evaluate((id) => window.__jb.headerRect(id), stages[stages.length - 1]);
  assert.ok(last.x + last.w <= panelLeft, `last column ends at ${last.x + last.w}, the panel starts at ${panelLeft}`);
  await screenshot(page, 'canvas-sticky-banner-panel');
  await f.context.close();
});

test('a crowded cell flows into several columns and an emotion cell with many cards stays readable', async () => {
  const board = await createBoard(server.base, { title: 'Crowded', template: 'journey' });
  const s = await seeder();
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Mei', lang: 'zh', width: 1280, height: 720 });
  const { stages, lanes } = await grid(f.page);
  const pain = lanes.find((l) => l.kind === 'painpoints').id;
  const emo = lanes.find((l) => l.kind === 'emotions').id;
  const ops = [];
  for (let i = 0; i < 60; i++) ops.push({ op: 'create', id: `p${i}`, type: 'card', parent: pain, index: `V${String(i).padStart(2, '0')}1`, props: { stage: stages[1], text: `痛点 ${i}：支付步骤多` } });
  for (let i = 0; i < 9; i++) ops.push({ op: 'create', id: `e${i}`, type: 'card', parent: emo, index: `V${i}1`, props: { stage: stages[2], text: `感受 ${i}`, emotion: (i % 5) - 2 } });
  await seedOps(s.page, server.base, board.id, board.tokens.facilitator, ops);
  await waitFor(f.page, () => window.__jb.cardCount >= 69, undefined, 10_000);
  const cols = await f.page.evaluate(() => window.__jb.stageCols());
  assert.ok(cols[1] >= 3, `the crowded stage has several sub-columns: ${cols}`);
  assert.ok(cols[2] >= 2, `the emotion cards widen their stage: ${cols}`);
  await f.page.evaluate(() => window.__jb.fit());
  const cell = await f.page.evaluate(([l, st]) => window.__jb.cellRect(l, st), [pain, stages[1]]);
  assert.ok(cell.h / cell.w < 3, `not a thin strip: ${cell.w}x${cell.h}`);
  // emotion cards side by side, none cramped
  const zoom = await f.page.evaluate(() => window.__jb.camera.zoom);
  const rects = await f.page.evaluate(() => Array.from({ length: 9 }, (_, i) => window.__jb.elementClientRect(`e${i}`)));
  rects.sort((a, b) => a.x - b.x);
  for (let i = 0; i < rects.length; i++) {
    assert.ok(rects[i].w >= 76 * zoom - 0.5, `emotion card ${i} is ${rects[i].w}px wide`);
    if (i) assert.ok(rects[i].x >= rects[i - 1].x + rects[i - 1].w - 0.5, 'emotion cards do not overlap');
  }
  await screenshot(f.page, 'canvas-crowded');
  await f.context.close();
  await s.ctx.close();
});

test('the facilitator reorders stages and lanes by dragging their headers; an editor cannot', async () => {
  const board = await createBoard(server.base, { title: 'Reorder', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Mei', lang: 'en', width: 1400, height: 900 });
  const e = await openParticipant(browser, board.editUrl, { name: 'Alex', lang: 'en', width: 1400, height: 900 });
  const { stages, lanes } = await grid(f.page);
  // the whole board in view: every header can be grabbed
  await f.page.evaluate(() => window.__jb.fit());
  await e.page.evaluate(() => window.__jb.fit());
  const drag = async (page, from, to) => {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
    await page.mouse.up();
  };
  const order = (page, type) => page.evaluate((t) => window.__jb.elements().filter((x) => x.type === t).sort((a, b) => (a.index < b.index ? -1 : 1)).map((x) => x.id), type);
  // the first stage goes after the third
  const s0 = await f.page.evaluate((id) => window.__jb.headerRect(id), stages[0]);
  const s2 = await f.page.evaluate((id) => window.__jb.headerRect(id), stages[2]);
  await drag(f.page, { x: s0.x + 40, y: s0.y + s0.h / 2 }, { x: s2.x + s2.w - 20, y: s2.y + s2.h / 2 });
  await waitFor(f.page, ([a, b, c]) => { const o = window.__jb.elements().filter((x) => x.type === 'stage').sort((p, q) => (p.index < q.index ? -1 : 1)).map((x) => x.id); return o[0] === b && o[1] === c && o[2] === a; }, [stages[0], stages[1], stages[2]], 3000);
  await waitFor(e.page, (want) => JSON.stringify(window.__jb.elements().filter((x) => x.type === 'stage').sort((p, q) => (p.index < q.index ? -1 : 1)).map((x) => x.id)) === want, JSON.stringify(await order(f.page, 'stage')), 3000);
  // the last lane goes to the top
  const last = lanes[lanes.length - 1].id;
  const l0 = await f.page.evaluate((id) => window.__jb.headerRect(id), lanes[0].id);
  const ll = await f.page.evaluate((id) => window.__jb.headerRect(id), last);
  await drag(f.page, { x: ll.x + 40, y: ll.y + ll.h / 2 }, { x: l0.x + 40, y: l0.y + 5 });
  await waitFor(f.page, (id) => window.__jb.elements().filter((x) => x.type === 'lane').sort((p, q) => (p.index < q.index ? -1 : 1))[0].id === id, last, 3000);
  // an editor's drag of a header changes nothing and says why
  const before = await order(e.page, 'stage');
  const es = await e.page.evaluate((id) => window.__jb.headerRect(id), before[0]);
  await drag(e.page, { x: es.x + 40, y: es.y + es.h / 2 }, { x: es.x + es.w * 2.5, y: es.y + es.h / 2 });
  await e.page.waitForSelector('.toast:has-text("Only the facilitator")', { timeout: 3000 });
  await e.page.waitForTimeout(300);
  assert.deepEqual(await order(e.page, 'stage'), before);
  await f.context.close();
  await e.context.close();
});
