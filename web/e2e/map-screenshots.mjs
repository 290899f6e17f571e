// Screenshots of the seven-stage map for web/README.md (docs/*.png): at "Fit" on a 1280x720
// screen, at 30 %, and on a phone (390 px wide), each in Chinese and English, plus a card with
// every attribute and the PNG export. Run by `npm run screenshots` (screenshots.mjs) or alone:
// node e2e/map-screenshots.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBoard, launchBrowser, screenshotDir, seedOps, ServerProcess, webDir } from './harness.mjs';
import { cxOps, runDotVote, sevenStageOps } from './seven-stage.mjs';

export const docsDir = join(webDir, 'docs');

async function open(browser, url, { lang, width, height, mobile = false }) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, isMobile: mobile, hasTouch: mobile });
  await context.addInitScript(([l]) => { localStorage.setItem('jb.name', l === 'zh' ? '李娜' : 'Alex'); localStorage.setItem('jb.lang', l); }, [lang]);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.__jb && window.__jb.state === 'connected', null, { timeout: 20_000 });
  return { context, page };
}

async function shot(page, name) {
  mkdirSync(docsDir, { recursive: true });
  mkdirSync(screenshotDir, { recursive: true });
  await page.evaluate(() => window.__jb.render());
  await page.waitForTimeout(150);
  const path = join(docsDir, `${name}.png`);
  await page.screenshot({ path });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  console.log(path);
}

/** Seeds the seven-stage map on a new board; answers the board and the card with everything set. */
export async function sevenStageBoard(server, page, lang) {
  const map = sevenStageOps(lang);
  const board = await createBoard(server.base, { title: map.title, template: 'blank' });
  await seedOps(page, server.base, board.id, board.tokens.facilitator, map.ops);
  await seedOps(page, server.base, board.id, board.tokens.facilitator, cxOps(map.full));
  // vote totals come from the close of a dot vote on the pain points
  await runDotVote(page, server.base, board.id, board.tokens.facilitator, ['ln-pain'], Object.fromEntries(map.full.map((id, i) => [id, 5 - i])));
  return { board, full: map.full };
}

export async function mapScreenshots(server, browser) {
  const ctx = await browser.newContext();
  const seeder = await ctx.newPage();
  await seeder.goto(server.base + '/');
  for (const lang of ['zh', 'en']) {
    const { board, full } = await sevenStageBoard(server, seeder, lang);
    const d = await open(browser, board.facilitatorUrl, { lang, width: 1280, height: 720 });
    await d.page.evaluate(() => window.__jb.fit());
    await shot(d.page, `map-fit-${lang}`);
    // the map at 30 %, its left edge clear of the tool bar
    await d.page.evaluate(() => window.__jb.setCamera({ zoom: 0.3, x: -84 / 0.3, y: -36 / 0.3 }));
    await shot(d.page, `map-30-${lang}`);
    // a card with every attribute, at full size and selected: the side panel has the details
    await d.page.evaluate(() => window.__jb.setCamera({ zoom: 1 }));
    const r0 = await d.page.evaluate((id) => window.__jb.elementClientRect(id), full[0]);
    await d.page.evaluate(([id, dx, dy]) => { const c = window.__jb.camera; window.__jb.setCamera({ x: c.x + dx, y: c.y + dy }); void id; }, [full[0], r0.x - 400, r0.y - 260]);
    const r = await d.page.evaluate((id) => window.__jb.clientRect(id), full[0]);
    await d.page.mouse.click(r.x + 20, r.y + 12);
    await shot(d.page, `card-details-${lang}`);
    const png = await d.page.evaluate(() => window.__jb.pngDataUrl(1));
    writeFileSync(join(docsDir, `map-export-${lang}.png`), Buffer.from(png.split(',')[1], 'base64'));
    await d.context.close();
    // a stakeholder watching on a phone: the first view (the map's width at half size at least)
    const phone = await open(browser, board.viewUrl, { lang, width: 390, height: 844, mobile: true });
    await phone.page.waitForTimeout(300);
    await shot(phone.page, `map-phone-${lang}`);
    await phone.context.close();
  }
  await ctx.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await new ServerProcess().start();
  const browser = await launchBrowser();
  try {
    await mapScreenshots(server, browser);
  } finally {
    await browser.close();
    await server.dispose();
  }
}
