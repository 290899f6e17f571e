// Customer feedback (VoC) in the browser: the facilitator imports a 2,000-row CSV of Chinese and
// English feedback (our fixture, in UTF-8 with a BOM and in GB18030) through the feedback panel;
// the cards show their counts, ratings and quotes on both browsers; the unmatched feedback is listed,
// and an editor drags an item onto a card, which everyone's panel follows live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBoard, openParticipant, screenshot, waitFor, webDir, withServerAndBrowser } from './harness.mjs';
import { drawnSo, seedTouchpoints } from './data-helpers.mjs';

const FIXTURES = join(webDir, 'e2e', 'fixtures');
const SYNC_MS = Number(process.env.JB_E2E_SYNC_MS ?? 1000);
// what make-feedback.mjs wrote: 2,000 rows, 8 with an impossible date, every tenth row of one kind
const EXPECTED = { rows: 2000, imported: 1992, skipped: 8, matched: 1600, unmatched: 392 };
const COUNTS = { 'tp-checkout': 600, 'tp-delivery': 600, 'tp-support': 200, 'tp-app': 200 };
let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

async function importThroughPanel(page, file) {
  await page.click('[data-testid="feedback-open"]');
  await page.waitForSelector('[data-testid="feedback-panel"]:not([hidden])');
  await page.setInputFiles('[data-testid="feedback-file"]', join(FIXTURES, file));
  const report = await waitFor(page, () => window.__jbData.report, undefined, 30_000);
  return report.jsonValue();
}

for (const [file, charset] of [['feedback-2000.utf8.csv', 'UTF-8'], ['feedback-2000.gb18030.csv', 'GB18030']]) {
  test(`a 2,000-row ${charset} feedback file imports, matches its cards and shows on both browsers`, async () => {
    const board = await createBoard(server.base, { title: `客户之声 ${charset}` });
    const fac = await openParticipant(browser, board.facilitatorUrl, { name: '主持人', lang: 'zh' });
    const ed = await openParticipant(browser, board.editUrl, { name: 'Editor', lang: 'en' });
    await seedTouchpoints(fac.page, server.base, board);
    await waitFor(ed.page, () => !!window.__jb.element('tp-support'));

    const report = await importThroughPanel(fac.page, file);
    assert.equal(report.charset, charset);
    for (const [k, v] of Object.entries(EXPECTED)) assert.equal(report[k], v, `${k} in ${JSON.stringify(report)}`);
    assert.deepEqual(report.matchedBy, { touchpoint: 200, keywords: 1400 });
    assert.equal(report.errors[0].row, 251); // row 250 of the data, after the header
    assert.match(report.errors[0].message, /date '2026-02-30'/);
    assert.match(await fac.page.textContent('[data-testid="feedback-report"]'), /1992\/2000/);

    // both browsers draw every touchpoint card's count, mean rating and three quotes
    for (const p of [fac.page, ed.page]) {
      for (const [id, n] of Object.entries(COUNTS)) {
        await drawnSo(p, id, (d, n) => d.feedback && d.feedback.count === n && d.feedback.quotes === 3 && d.feedback.rating > 0, n, SYNC_MS + 3000);
      }
    }
    const summary = await ed.page.evaluate(() => window.__jb.element('tp-checkout').props.feedback);
    assert.equal(summary.quotes.length, 3);
    assert.match(summary.quotes[0].text, /支付|付款|Payment/);
    await waitFor(fac.page, () => window.__jbData.unmatched === 392);
    await screenshot(fac.page, `feedback-${charset.toLowerCase()}-facilitator`);
    if (charset === 'GB18030') {
      await fac.context.close();
      await ed.context.close();
      return;
    }

    // the editor drags an unmatched item onto the support card: both panels and both cards follow
    await ed.page.click('[data-testid="feedback-open"]');
    await waitFor(ed.page, () => window.__jbData.shownItems.length === 50);
    assert.equal(await ed.page.textContent('[data-testid="feedback-unmatched-title"]'), 'Unmatched feedback (392)');
    const first = await ed.page.evaluate(() => window.__jbData.shownItems[0]);
    const canvasBox = await ed.page.locator('canvas').first().boundingBox();
    const card = await ed.page.evaluate(() => window.__jb.clientRect('tp-support'));
    await ed.page.dragAndDrop(`[data-feedback-id="${first.id}"]`, 'canvas', {
      targetPosition: { x: card.x - canvasBox.x + 20, y: card.y - canvasBox.y + 10 },
    });
    for (const p of [fac.page, ed.page]) {
      await waitFor(p, () => window.__jbData.unmatched === 391, undefined, SYNC_MS + 3000);
      await drawnSo(p, 'tp-support', (d) => d.feedback && d.feedback.count === 201, null, SYNC_MS + 3000);
    }
    await waitFor(fac.page, (id) => !window.__jbData.shownItems.some((i) => i.id === id), first.id, SYNC_MS + 3000);
    await screenshot(ed.page, 'feedback-tagged-editor');

    // all of a card's feedback, from the HTTP list, in the card's side panel
    await ed.page.keyboard.press('Escape');
    const rect = await ed.page.evaluate(() => window.__jb.clientRect('tp-support'));
    await ed.page.mouse.click(rect.x + 20, rect.y + 8);
    await ed.page.click('[data-action="feedback-all"]');
    await waitFor(ed.page, () => document.querySelectorAll('[data-testid="card-feedback-list"] .fb-item').length === 100);
    const texts = await ed.page.$$eval('[data-testid="card-feedback-list"] .fb-text', (els) => els.map((e) => e.textContent));
    assert.ok(texts.includes(first.text), 'the tagged item is among the card\'s feedback');
    await screenshot(ed.page, 'feedback-card-dialog');
    await fac.context.close();
    await ed.context.close();
  });
}
