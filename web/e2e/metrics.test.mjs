// Live touchpoint metrics: an integration pushes readings over HTTP with the board's data token
// while two browsers (the facilitator and a viewer) watch the card: both see the value change,
// the alert mark while it misses its target, then the trend when it recovers; the metrics lane's
// mean, the readings in the side panel, and the share dialog's data-integration section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBoard, openParticipant, screenshot, waitFor, withServerAndBrowser } from './harness.mjs';
import { drawnSo, pushMetrics, seedTouchpoints } from './data-helpers.mjs';

const SYNC_MS = Number(process.env.JB_E2E_SYNC_MS ?? 1000);
let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

test('metrics pushed over HTTP show up live on two browsers, with the alert while they miss the target', async () => {
  const board = await createBoard(server.base, { title: '指标看板 E2E' });
  // the facilitator created the board on this device: the browser remembers its data token
  const fac = await openParticipant(browser, board.facilitatorUrl, { name: '主持人', lang: 'zh' });
  await fac.page.evaluate(([id, data]) => {
    localStorage.setItem('jb.boards', JSON.stringify([{ id, title: 'x', role: 'facilitator', openedAt: Date.now(), dataToken: data }]));
  }, [board.id, board.tokens.data]);
  const viewer = await openParticipant(browser, board.viewUrl, { name: 'Viewer', lang: 'en' });
  await seedTouchpoints(fac.page, server.base, board);
  await waitFor(viewer.page, () => !!window.__jb.element('tp-checkout'));

  let r = await pushMetrics(server.base, board, [
    { touchpoint: 'checkout-page', metric: 'csat', value: 3.8, n: 412, at: '2026-11-29', target: 4.2 },
    { touchpoint: 'tp-delivery', metric: 'nps', value: 24, n: 120, at: '2026-11-29' },
  ]);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.applied, 2);
  for (const p of [fac.page, viewer.page]) {
    await drawnSo(p, 'tp-checkout', (d) => { const m = d.metrics.find((x) => x.metric === 'csat'); return m && m.value === 3.8 && m.alert === true && m.target === 4.2; }, null, SYNC_MS + 2000);
    await drawnSo(p, 'tp-delivery', (d) => d.metrics.some((x) => x.metric === 'nps' && x.value === 24 && !x.alert), null, SYNC_MS + 2000);
  }
  // the metrics lane shows each stage's mean of the cards carrying the metric
  await waitFor(fac.page, () => window.__jbData.means('stage-purchase')?.csat?.mean === 3.8);
  await screenshot(fac.page, 'metrics-alert-facilitator');

  // a bad push changes nothing anybody sees
  r = await pushMetrics(server.base, board, [{ touchpoint: 'checkout-page', metric: 'csat', value: 4.9, at: '2026-11-30' }, { touchpoint: 'nope', metric: 'csat', value: 4 }]);
  assert.equal(r.status, 404);
  assert.equal(r.body.code, 'ELEMENT_NOT_FOUND');

  // the next day's reading meets the target: the alert goes, the trend is up, both browsers see it
  r = await pushMetrics(server.base, board, { touchpoint: 'checkout-page', metric: 'csat', value: 4.4, n: 430, at: '2026-11-30' });
  assert.equal(r.status, 200);
  for (const p of [fac.page, viewer.page]) {
    await drawnSo(p, 'tp-checkout', (d) => { const m = d.metrics.find((x) => x.metric === 'csat'); return m && m.value === 4.4 && m.alert === false && m.trend === 'up'; }, null, SYNC_MS + 2000);
  }
  await screenshot(viewer.page, 'metrics-recovered-viewer');

  // the viewer's side panel lists the readings, newest first, and who pushed them
  const rect = await viewer.page.evaluate(() => window.__jb.clientRect('tp-checkout'));
  await viewer.page.mouse.click(rect.x + 20, rect.y + 10);
  await viewer.page.waitForSelector('[data-testid="history-csat"]');
  await viewer.page.click('[data-testid="history-csat"] summary');
  const readings = await viewer.page.$$eval('[data-testid="history-csat"] li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(readings, ['2026-11-304.4', '2026-11-293.8']);
  assert.match(await viewer.page.textContent('[data-testid="data-last-change"]'), /data integration/);

  // the facilitator's share dialog shows the data token with a curl example
  await fac.page.click('[data-action="share"]');
  await fac.page.waitForSelector('[data-testid="data-integration"]');
  assert.equal(await fac.page.inputValue('[data-testid="data-token"]'), board.tokens.data);
  assert.match(await fac.page.textContent('[data-testid="curl-metrics"]'), new RegExp(`/api/boards/${board.id}/metrics`));
  await screenshot(fac.page, 'metrics-share-data-integration');
  // ... and replaces it with all links: the old token stops working, the new one is remembered and shown
  fac.page.once('dialog', (d) => d.accept());
  await fac.page.click('[data-action="data-rotate"]');
  const fresh = await waitFor(fac.page, (old) => {
    const b = JSON.parse(localStorage.getItem('jb.boards') ?? '[]')[0];
    return b && b.dataToken && b.dataToken !== old ? b.dataToken : null;
  }, board.tokens.data);
  const token = await fresh.jsonValue();
  assert.equal((await pushMetrics(server.base, board, { touchpoint: 'checkout-page', metric: 'csat', value: 4 })).status, 401);
  assert.equal((await pushMetrics(server.base, board, { touchpoint: 'checkout-page', metric: 'csat', value: 4 }, token)).status, 200);
  await fac.context.close();
  await viewer.context.close();
});
