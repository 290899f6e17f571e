// (12.13) Phones and tablets: at 390x844 with touch the top bar fits (share, export and language
// sit in the overflow menu), a viewer reads the board and pans it with one finger, and two fingers
// zoom. Touches are real touch events (CDP Input.dispatchTouchEvent), not mouse events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBoard, openParticipant, screenshot, sleep, waitFor, withServerAndBrowser } from './harness.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const phone = { width: 390, height: 844, context: { hasTouch: true, isMobile: true } };

/** Every visible part of the top bar lies inside the screen, and the bar does not scroll. */
async function barFits(page) {
  return page.evaluate(() => {
    const bar = document.querySelector('.topbar');
    const out = [];
    for (const el of bar.querySelectorAll('a, button, .status, .avatar')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5) out.push(`${el.className || el.tagName} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    return { overflow: out, scroll: bar.scrollWidth - bar.clientWidth, width: window.innerWidth };
  });
}

async function touch(cdp, type, points) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
}

test('a viewer on a phone: the bar fits, the menu holds share, export and language, one finger pans, two zoom', async () => {
  const board = await createBoard(server.base, { title: '手机上的利益相关者 Stakeholder on a phone', template: 'journey' });
  const v = await openParticipant(browser, board.viewUrl, { name: 'Stakeholder', lang: 'en', ...phone });
  const page = v.page;
  try {
    assert.equal(await page.evaluate(() => window.innerWidth), 390);
    const fit = await barFits(page);
    assert.deepEqual(fit.overflow, [], `top bar parts outside the screen: ${fit.overflow}`);
    assert.ok(fit.scroll <= 0, `the top bar scrolls by ${fit.scroll}px`);
    // the wide-screen buttons are out of the bar, the menu has them
    assert.equal(await page.locator('.topbar [data-action=share]').isVisible(), false);
    await page.locator('[data-testid=more]').tap();
    const items = await page.locator('[data-testid=more-menu] .menu-item:visible').evaluateAll((els) => els.map((e) => e.dataset.menu));
    // the views' and panels' buttons are menu items on a phone (data-narrow), then the wide-screen buttons
    assert.deepEqual(items, ['feedback', 'priorities', 'plan', 'share', 'export', 'language']);
    await screenshot(page, 'phone-menu');
    await page.locator('[data-menu=language]').tap();
    await waitFor(page, () => document.documentElement.lang === 'zh-CN');
    await page.locator('[data-testid=more]').tap();
    await page.locator('[data-menu=share]').tap();
    await page.waitForSelector('[data-testid=share-dialog]');
    const box = await page.locator('[data-testid=share-dialog]').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, 'the share dialog fits');
    await page.locator('[data-testid=share-dialog] .modal-head button').tap();
    await waitFor(page, () => !document.querySelector('[data-testid=share-dialog]'));

    // one finger pans (the viewer's default on a touch screen is the hand tool)
    const cdp = await v.context.newCDPSession(page);
    const before = await page.evaluate(() => window.__jb.camera);
    await touch(cdp, 'touchStart', [[200, 500]]);
    for (let i = 1; i <= 8; i++) { await touch(cdp, 'touchMove', [[200 - i * 15, 500 - i * 20]]); await sleep(16); }
    await touch(cdp, 'touchEnd', []);
    const panned = await page.evaluate(() => window.__jb.camera);
    assert.ok(Math.abs(panned.x - before.x) > 20 && Math.abs(panned.y - before.y) > 20, `camera ${JSON.stringify(before)} -> ${JSON.stringify(panned)}`);
    assert.equal(panned.zoom, before.zoom);
    assert.deepEqual(await page.evaluate(() => window.__jb.selection), [], 'panning selects nothing');

    // two fingers apart zoom in
    await touch(cdp, 'touchStart', [[150, 450], [240, 450]]);
    for (let i = 1; i <= 8; i++) { await touch(cdp, 'touchMove', [[150 - i * 10, 450], [240 + i * 10, 450]]); await sleep(16); }
    await touch(cdp, 'touchEnd', []);
    const zoomed = await page.evaluate(() => window.__jb.camera);
    assert.ok(zoomed.zoom > panned.zoom * 1.3, `zoom ${panned.zoom} -> ${zoomed.zoom}`);
    assert.equal(await page.evaluate(() => window.__jb.pending), 0, 'a viewer queues nothing');
    await screenshot(page, 'phone-viewer');
  } finally {
    await v.context.close();
  }
});

test('a facilitator on a phone: the bar still fits and the menu adds undo and deleting', async () => {
  const board = await createBoard(server.base, { title: 'Phone facilitator', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: '主持人', lang: 'zh', ...phone });
  try {
    const fit = await barFits(f.page);
    assert.deepEqual(fit.overflow, [], `top bar parts outside the screen: ${fit.overflow}`);
    assert.ok(await f.page.locator('[data-testid=facil-open]').isVisible(), 'the facilitation button stays in the bar');
    await f.page.locator('[data-testid=more]').tap();
    const items = await f.page.locator('[data-testid=more-menu] .menu-item:visible').evaluateAll((els) => els.map((e) => e.dataset.menu));
    assert.deepEqual(items, ['feedback', 'priorities', 'plan', 'share', 'export', 'language', 'delete-board']);
    await screenshot(f.page, 'phone-facilitator');
  } finally {
    await f.context.close();
  }
});
