// The template gallery in a real browser (issue 13 §5): the start page shows every template with
// its preview (drawn by the board renderer from the template's elements), name and one-line
// description in the chosen language; a board is created from each one, in Chinese or English,
// and opens with exactly the template's elements and card texts in that language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { screenshot, waitFor, webDir, withServerAndBrowser } from './harness.mjs';

if (!process.env.JB_WEB_CLASSES && existsSync(join(webDir, 'target/classes/webroot/index.html'))) process.env.JB_WEB_CLASSES = 'target/classes';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const IDS = ['journey', 'service-blueprint', 'blank', 'employee-journey', 'retail-purchase', 'airline-trip', 'bank-account', 'saas-trial'];
const CJK = /[\u2e80-\u9fff]/;

async function startPage(lang) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.addInitScript((l) => { localStorage.setItem('jb.lang', l); localStorage.setItem('jb.name', 'Template tester'); }, lang);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(server.base + '/');
  await page.waitForSelector('[data-testid=template-gallery][data-loaded=true]');
  return { context, page };
}

/** The gallery as shown: id, name, description, and whether its preview image decoded with content. */
function gallery(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-testid=template-gallery] .tpl')].map((b) => {
    const img = b.querySelector('img.tpl-thumb');
    let inked = 0;
    if (img && img.naturalWidth) {
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      // pixels that are not the canvas background (#f4f5f7): grid, headers, cards
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 0xf4) + Math.abs(d[i + 1] - 0xf5) + Math.abs(d[i + 2] - 0xf7) > 24) inked++;
    }
    return { id: b.dataset.template, name: b.querySelector('.tpl-name').textContent, desc: b.querySelector('.tpl-desc').textContent,
      elements: Number(img?.dataset.elements ?? -1), thumb: !!img && img.naturalWidth > 0, inked };
  }));
}

test('template gallery: every template with its preview in both languages, and a board from each', async () => {
  const templates = { zh: (await (await fetch(`${server.base}/api/templates?lang=zh`)).json()).templates,
    en: (await (await fetch(`${server.base}/api/templates?lang=en`)).json()).templates };
  assert.deepEqual(templates.zh.map((t) => t.id), IDS);

  const pages = {};
  for (const lang of ['zh', 'en']) {
    pages[lang] = await startPage(lang);
    const shown = await gallery(pages[lang].page);
    assert.deepEqual(shown.map((s) => s.id), IDS, lang);
    for (const s of shown) {
      const tpl = templates[lang].find((t) => t.id === s.id);
      assert.equal(s.name, tpl.name[lang]);
      assert.equal(s.desc, tpl.description[lang]);
      assert.equal(CJK.test(s.name), lang === 'zh', `${s.id} name in ${lang}: ${s.name}`);
      assert.ok(s.thumb, `${s.id} has a preview`);
      assert.equal(s.elements, tpl.elements.length, `${s.id}: the preview is drawn from the template's elements`);
    }
    // the blank preview is an empty canvas (its dots only); every other shows its grid
    const blank = shown.find((s) => s.id === 'blank').inked;
    for (const s of shown) if (s.id !== 'blank') assert.ok(s.inked > 3 * blank + 1000, `${s.id}: the preview shows the grid (${s.inked} vs blank ${blank})`);
  }
  // an industry map's preview shows more than a bare grid of the same size
  const zhShown = await gallery(pages.zh.page);
  assert.ok(zhShown.find((s) => s.id === 'retail-purchase').inked > zhShown.find((s) => s.id === 'blank').inked);
  await screenshot(pages.zh.page, 'templates-gallery-zh');
  await screenshot(pages.en.page, 'templates-gallery-en');

  // a board from each template, alternating the language chosen on the start page
  for (const [i, id] of IDS.entries()) {
    const lang = i % 2 ? 'en' : 'zh';
    const { page } = pages[lang];
    if (await page.locator('[data-testid=links]').count()) await page.click('[data-testid=links] .btn-row button');
    await page.waitForSelector('[data-testid=template-gallery][data-loaded=true]');
    await page.click(`[data-template="${id}"]`);
    await page.fill('[data-testid=title-input]', `${id} ${lang}`);
    await page.click('[data-testid=create]');
    await page.waitForSelector('[data-testid=links]');
    const href = await page.getAttribute('[data-testid=open]', 'href');
    const board = await page.context().newPage();
    await board.goto(href);
    await waitFor(board, () => window.__jb && window.__jb.state === 'connected', undefined, 20_000);
    const tpl = templates[lang].find((t) => t.id === id);
    const els = await board.evaluate(() => window.__jb.elements());
    assert.equal(els.length, tpl.elements.length, `${id}: the board starts with the template`);
    const byId = new Map(tpl.elements.map((e) => [e.id, e]));
    for (const el of els) assert.deepEqual(el.props, byId.get(el.id).props, `${id} ${el.id}`);
    const texts = els.filter((el) => el.type === 'card').map((el) => el.props.text);
    for (const text of texts) assert.equal(CJK.test(text), lang === 'zh', `${id} (${lang}): ${text}`);
    if (id === 'bank-account') {
      await board.evaluate(() => window.__jb.fit());
      await screenshot(board, `template-${id}-${lang}`);
      const profiles = await board.evaluate(() => { window.__jb.render(); return window.__jb.personas.profiles.length; });
      assert.ok(profiles >= 1, 'the persona profiles are drawn as profile cards');
    }
    await board.close();
  }
  for (const p of Object.values(pages)) await p.context.close();
});
