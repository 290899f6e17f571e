// Personas in real browsers (issue 13 §4): a facilitator makes a persona in the persona lane,
// fills in its profile and uploads a photo through the side panel; the canvas draws the profile
// card with that photo, here and for an editor in another browser, who marks an action card as
// being about the persona (the card then carries its avatar badge). A file that is not an image
// is refused and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addCard, boardWith, screenshot, waitFor, webDir, withServerAndBrowser } from './harness.mjs';

if (!process.env.JB_WEB_CLASSES && existsSync(join(webDir, 'target/classes/webroot/index.html'))) process.env.JB_WEB_CLASSES = 'target/classes';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

/** A portrait-like PNG made by the page's own canvas (real PNG bytes, as a photo file would be). */
async function portrait(page) {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 160; c.height = 160;
    const g = c.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 160, 160);
    grad.addColorStop(0, '#ffd8a8'); grad.addColorStop(1, '#e8590c');
    g.fillStyle = grad; g.fillRect(0, 0, 160, 160);
    g.fillStyle = '#7048e8'; g.beginPath(); g.arc(80, 62, 34, 0, Math.PI * 2); g.fill();
    g.beginPath(); g.ellipse(80, 150, 56, 44, 0, 0, Math.PI * 2); g.fill();
    return c.toDataURL('image/png').split(',')[1];
  });
  return Buffer.from(b64, 'base64');
}

async function fillField(page, testid, value) {
  await page.fill(`[data-testid=${testid}]`, value);
  await page.press(`[data-testid=${testid}]`, 'Tab'); // change fires on leaving the field
}

const drawnProfile = (page, id) => page.evaluate((i) => { window.__jb.render(); return window.__jb.personas.profiles.find((p) => p.card === i) ?? null; }, id);

test('persona: a profile with a photo on the map, seen by everyone, and a card about it', async () => {
  const { board, f, e, stages, lane, close } = await boardWith(server, browser, { title: '用户画像' }, {
    f: { role: 'facilitator', name: '主持人', lang: 'zh' },
    e: { role: 'edit', name: 'Alex', lang: 'en' },
  });
  const personaLane = lane('persona');
  const actions = lane('actions');

  const li = await addCard(f.page, personaLane, stages[0], '32岁，上班族，手机下单为主');
  await waitFor(f.page, (id) => window.__jb.selection.includes(id) || (window.__jb.element(id) && true), li);
  if (!(await f.page.evaluate((id) => window.__jb.selection.includes(id), li))) {
    const r = await f.page.evaluate((id) => window.__jb.clientRect(id), li);
    await f.page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  }
  await f.page.waitForSelector('[data-testid=persona-name]');
  await fillField(f.page, 'persona-name', '李女士');
  await fillField(f.page, 'persona-quote', '“午休就十分钟，付款还要跳三次页面，我就不买了。”');
  await fillField(f.page, 'persona-goals', '通勤时快速下单\n买到合适尺码');
  await fillField(f.page, 'persona-frustrations', '支付步骤多；退货麻烦');
  await waitFor(f.page, (id) => window.__jb.element(id).props.frustrations === '支付步骤多；退货麻烦', li);
  // without a photo: a profile card with the generated avatar
  assert.deepEqual(await drawnProfile(f.page, li), { card: li, photo: false });

  // not an image: refused by the server, nothing changes
  await f.page.setInputFiles('[data-testid=persona-photo]', { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await f.page.waitForSelector('.toast-error');
  assert.match(await f.page.locator('.toast-error').last().textContent(), /PNG、JPEG 或 WebP/);
  assert.equal(await f.page.evaluate((id) => window.__jb.element(id).props.image ?? null, li), null);

  await f.page.setInputFiles('[data-testid=persona-photo]', { name: 'li.png', mimeType: 'image/png', buffer: await portrait(f.page) });
  await waitFor(f.page, (id) => typeof window.__jb.element(id).props.image === 'string', li, 10_000);
  const imageId = await f.page.evaluate((id) => window.__jb.element(id).props.image, li);
  await f.page.waitForSelector('[data-testid=persona-photo-preview]');
  for (const p of [f, e]) {
    await waitFor(p.page, (id) => { window.__jb.render(); return window.__jb.personas.profiles.some((x) => x.card === id && x.photo); }, li, 10_000);
  }
  const props = await e.page.evaluate((id) => window.__jb.element(id).props, li);
  assert.equal(props.name, '李女士');
  assert.equal(props.goals, '通勤时快速下单\n买到合适尺码');

  // the photo is served to the board's links only, as a PNG that browsers must not sniff
  const ok = await fetch(`${server.base}/api/boards/${board.id}/images/${imageId}?token=${board.tokens.view}`);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('content-type'), 'image/png');
  assert.equal(ok.headers.get('x-content-type-options'), 'nosniff');
  assert.equal((await fetch(`${server.base}/api/boards/${board.id}/images/${imageId}?token=wrong`)).status, 401);

  // the editor says an action card is about 李女士: it carries her avatar (with the photo) on both pages
  const action = await addCard(e.page, actions, stages[2], 'Pays on her phone at lunch');
  const r = await e.page.evaluate((id) => window.__jb.clientRect(id), action);
  await e.page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await e.page.waitForSelector('[data-testid=persona-select]');
  await e.page.selectOption('[data-testid=persona-select]', li);
  for (const p of [e, f]) {
    await waitFor(p.page, ([a, pid]) => { window.__jb.render(); return window.__jb.personas.badges.some((b) => b.card === a && b.persona === pid && b.photo); }, [action, li], 10_000);
  }
  await f.page.mouse.click(5, 300); // nothing selected: the whole map
  await f.page.evaluate(() => window.__jb.fit());
  await screenshot(f.page, 'persona-on-map');
  // and in the PNG export, which draws the same photo
  const png = await f.page.evaluate(() => window.__jb.pngDataUrl(1));
  assert.ok(png && png.startsWith('data:image/png'), 'the PNG export is made (the photo does not taint the canvas)');

  await close();
});
