// Helpers of the data-on-the-map end-to-end tests: touchpoint cards with external keys and keywords,
// HTTP pushes with the board's data token, what a card's data block showed (window.__jbData).
import { launchBrowser, seedOps } from './harness.mjs';

export { launchBrowser };

/** The journey template's touchpoints lane, one card per stage, each addressable by its ext key. */
export const TOUCHPOINTS = [
  { id: 'tp-app', stage: 'stage-consider', ext: 'app-home', text: 'App 首页 / App home', keywords: ['闪退', 'crash'] },
  { id: 'tp-checkout', stage: 'stage-purchase', ext: 'checkout-page', text: '支付页面 / Checkout', keywords: ['支付', '付款', 'payment', 'checkout'] },
  { id: 'tp-delivery', stage: 'stage-use', ext: 'delivery', text: '物流配送 / Delivery', keywords: ['物流', '快递', 'delivery', 'shipping'] },
  { id: 'tp-support', stage: 'stage-loyal', ext: 'support-desk', text: '客服 / Support', keywords: ['客服', 'support'] },
];

export async function seedTouchpoints(page, base, board) {
  const ops = TOUCHPOINTS.map((c, i) => ({
    op: 'create', id: c.id, type: 'card', parent: 'lane-touch', index: String.fromCharCode(86 + i),
    props: { stage: c.stage, text: c.text, ext: c.ext, keywords: c.keywords },
  }));
  await seedOps(page, base, board.id, board.tokens.facilitator, ops);
}

export async function pushMetrics(base, board, readings, token = board.tokens.data) {
  const r = await fetch(`${base}/api/boards/${board.id}/metrics`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(readings),
  });
  return { status: r.status, body: await r.json() };
}

/** Waits until the page has drawn the card's data block as `check` wants it. */
export async function drawnSo(page, id, check, arg, timeout = 5000) {
  // `check` runs here, in Node, on what the page drew (plain data): a predicate compiled inside the page (a string
  // for waitForFunction, or a `new Function`) is evaluated there with eval, which the app's CSP (script-src 'self')
  // refuses at times (metrics.test.mjs failed on it in CI, in both forms)
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await page.evaluate((elementId) => window.__jbData.drawn(elementId), id);
    if (last && check(last, arg)) return last;
    if (Date.now() > deadline) {
      throw new Error(`drawnSo: ${id} not drawn as expected within ${timeout} ms; last drawn: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const metricOf = (d, m) => d.metrics.find((x) => x.metric === m);
