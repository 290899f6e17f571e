// Helpers of the data-on-the-map end-to-end tests: touchpoint cards with external keys and keywords,
// HTTP pushes with the board's data token, what a card's data block showed (window.__jbData).
import { launchBrowser, seedOps, waitFor } from './harness.mjs';

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
export function drawnSo(page, id, check, arg, timeout = 5000) {
  // `check` goes into the predicate's own source, which Playwright compiles as it does every predicate: a
  // `new Function` inside the page is refused by the app's CSP (script-src 'self'), which failed this wait at
  // times (metrics.test.mjs, once in two CI runs)
  const a = arg === undefined ? 'undefined' : JSON.stringify(arg);
  const expr = `(() => { const d = window.__jbData.drawn(${JSON.stringify(id)}); return d && (${check.toString()})(d, ${a}); })()`;
  return waitFor(page, expr, undefined, timeout);
}

export const metricOf = (d, m) => d.metrics.find((x) => x.metric === m);
