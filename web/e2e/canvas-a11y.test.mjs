// Keyboard and assistive technology in Chromium (issue 12, item 14): the keyboard alone reaches
// the canvas, moves between cards (Tab, arrows), edits one (Enter) and leaves (Escape); the
// board is exposed to screen readers as an offscreen list in the UI language (checked in the
// accessibility tree), with a live region and a translated canvas label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boardWith, openParticipant, seedOps, waitFor, withServerAndBrowser } from './harness.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

test('keyboard only: Tab to the canvas, Tab and arrows between cards, Enter edits, Escape leaves; the board in the accessibility tree', async () => {
  const { board, f, stages, lane } = await boardWith(server, browser, { title: 'Keyboard' }, { f: { role: 'facilitator', name: 'Mei', lang: 'en' } });
  const act = lane('actions');
  const pain = lane('painpoints');
  await seedOps(f.page, server.base, board.id, board.tokens.facilitator, [
    { op: 'create', id: 'k1', type: 'card', parent: act, index: 'V', props: { stage: stages[0], text: 'Sees an ad' } },
    { op: 'create', id: 'k2', type: 'card', parent: act, index: 'W', props: { stage: stages[0], text: 'Asks a friend' } },
    { op: 'create', id: 'k3', type: 'card', parent: act, index: 'V', props: { stage: stages[1], text: 'Compares prices' } },
    { op: 'create', id: 'k4', type: 'card', parent: pain, index: 'V', props: { stage: stages[1], text: 'Shipping cost shows late', emotion: -2, mot: true, csat: 2 } },
    { op: 'update', id: pain, set: { locked: true } },
  ]);
  await f.context.close();

  const e = await openParticipant(browser, board.editUrl, { name: 'Alex', lang: 'en' });
  const page = e.page;
  await waitFor(page, () => window.__jb.cardCount === 4);
  // from the top of the page, Tab until the canvas has the focus
  let onCanvas = false;
  for (let i = 0; i < 40 && !onCanvas; i++) {
    await page.keyboard.press('Tab');
    onCanvas = await page.evaluate(() => document.activeElement?.classList.contains('board-canvas'));
  }
  assert.ok(onCanvas, 'the canvas is in the tab order');
  assert.match(await page.getAttribute('canvas.board-canvas', 'aria-label'), /Tab and the arrow keys/);
  const sel = () => page.evaluate(() => window.__jb.selection.join(','));
  await page.keyboard.press('Tab');
  assert.equal(await sel(), 'k1', 'Tab selects the first card in reading order');
  await page.keyboard.press('Tab');
  assert.equal(await sel(), 'k2');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await sel(), 'k1');
  await page.keyboard.press('ArrowRight');
  assert.equal(await sel(), 'k3', 'right: the card in the next stage');
  await page.keyboard.press('ArrowDown');
  assert.equal(await sel(), 'k4', 'down: the card below');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await sel(), 'k2', 'left: the nearest card in the stage before');
  // the live region says what is selected
  await waitFor(page, () => document.querySelector('[data-testid=a11y-live]').textContent.includes('Asks a friend'), undefined, 3000);
  // Enter edits, Enter saves, Escape leaves the selection
  await page.keyboard.press('Enter');
  await waitFor(page, () => window.__jb.editing);
  await page.keyboard.press('End');
  await page.keyboard.insertText(' on WeChat');
  await page.keyboard.press('Enter');
  await waitFor(page, () => window.__jb.element('k2').props.text === 'Asks a friend on WeChat' && !window.__jb.editing);
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('board-canvas')), 'the focus is back on the canvas');
  await page.keyboard.press('Escape');
  assert.equal(await sel(), '');
  // a locked card: Enter explains instead of editing
  await page.keyboard.press('Tab');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.equal(await sel(), 'k4');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.toast:has-text("This lane is locked by the facilitator")', { timeout: 3000 });
  assert.equal(await page.evaluate(() => window.__jb.editing), false);

  // the accessibility tree: stages, lanes and cards with their attributes, live after edits
  await waitFor(page, () => document.querySelector('[data-testid=a11y-board]').textContent.includes('on WeChat'), undefined, 3000);
  const tree = await page.locator('[data-testid=a11y-board]').ariaSnapshot();
  assert.match(tree, /columnheader "1\. Awareness"/);
  assert.match(tree, /rowheader "Pain points"/);
  assert.match(tree, /Asks a friend on WeChat/);
  assert.match(tree, /Shipping cost shows late — Moment of truth ★; Emotion -2; CSAT 2.*locked/);
  await e.context.close();

  // in Chinese: the label and the list follow the UI language
  const z = await openParticipant(browser, board.viewUrl, { name: '李娜', lang: 'zh' });
  assert.match(await z.page.getAttribute('canvas.board-canvas', 'aria-label'), /旅程地图/);
  await waitFor(z.page, () => document.querySelector('[data-testid=a11y-board] table'), undefined, 3000);
  const zh = await z.page.locator('[data-testid=a11y-board]').ariaSnapshot();
  assert.match(zh, /columnheader "1\. 认知"/);
  assert.match(zh, /rowheader "痛点"/);
  assert.match(zh, /关键时刻 \(MoT\) ★; 情绪 -2/);
  // switching the language rebuilds it
  await z.page.click('.btn-lang');
  await waitFor(z.page, () => /Awareness/.test(document.querySelector('[data-testid=a11y-board]').textContent), undefined, 3000);
  assert.match(await z.page.getAttribute('canvas.board-canvas', 'aria-label'), /Journey map/);
  await z.context.close();
});
