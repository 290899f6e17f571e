// (12.12) Imports fail clearly: a malformed file says what is wrong (which element, which field),
// never hangs at "Importing…", raises no page error and leaves no half-made board behind; a good
// file still imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitFor, withServerAndBrowser } from './harness.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const stage = (id, index) => ({ id, type: 'stage', parent: null, index, props: { labels: { zh: id, en: id } } });
const lane = (id, index) => ({ id, type: 'lane', parent: null, index, props: { kind: 'painpoints', labels: { zh: id, en: id } } });
const card = (id, props) => ({ id, type: 'card', parent: 'l1', index: 'V', props: { stage: 's1', text: id, ...props } });
const file = (name, content) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)) });
const exportOf = (elements) => ({ format: 'journey-board', version: 1, title: 'Bad import', exportedAt: '2025-01-01T00:00:00Z', seq: 3, elements });

test('a malformed import file says what is wrong and creates nothing', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => localStorage.setItem('jb.lang', 'en'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const boardsCreated = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/boards')) boardsCreated.push(r.url()); });
  await page.goto(server.base + '/');
  const status = page.locator('[data-testid=import-status]');

  const cases = [
    [file('broken.json', '{"format": "journey-board", "elements": [ {"id": '), /The file is not JSON/],
    [file('other.json', { nodes: [] }), /not a Journey Board export: field “format” must be “journey-board”/],
    [file('type.json', exportOf([stage('s1', 'a'), lane('l1', 'a'), { id: 'x9', type: 'widget', parent: null, index: 'b', props: {} }])),
      /Element 3 \(widget “x9”\): field “type” is “widget”, not one of stage, lane, card/],
    [file('value.json', exportOf([stage('s1', 'a'), lane('l1', 'a'), card('c1', {}), card('c2', { csat: 9 })])),
      /Element 4 \(card “c2”\): INVALID_VALUE: card.csat must be a number from 1 to 5/],
    [file('dup.json', exportOf([stage('s1', 'a'), stage('s1', 'b')])), /Element 2 \(stage “s1”\): the id is used twice \(also element 1\)/],
  ];
  for (const [f, expected] of cases) {
    await page.setInputFiles('[data-testid=import-file]', f);
    await waitFor(page, () => document.querySelector('[data-testid=import-status]').classList.contains('import-error'), undefined, 5000);
    const text = await status.innerText();
    assert.match(text, expected, f.name);
    assert.doesNotMatch(text, /Importing/, f.name);
    // the next file starts clean
    await page.evaluate(() => document.querySelector('[data-testid=import-status]').classList.remove('import-error'));
  }
  assert.deepEqual(errors, [], 'no uncaught page error');
  assert.deepEqual(boardsCreated, [], 'no board was created for a bad file');
  assert.equal(await page.evaluate(() => localStorage.getItem('jb.boards')), null);

  // in Chinese too
  await page.click('.start-top .btn-lang');
  await page.setInputFiles('[data-testid=import-file]', cases[3][0]);
  await waitFor(page, () => document.querySelector('[data-testid=import-status]').classList.contains('import-error'), undefined, 5000);
  assert.match(await status.innerText(), /第 4 个元素（card “c2”）：INVALID_VALUE：.*csat/);

  // a good file after all that still imports
  await page.setInputFiles('[data-testid=import-file]', file('good.json', exportOf([stage('s1', 'a'), lane('l1', 'a'), card('c1', { csat: 4, votes: 2 })])));
  await page.waitForSelector('[data-testid=links]', { timeout: 30_000 });
  assert.deepEqual(errors, []);
  await context.close();
});
