// Screenshots of the start page and of a board with the retail example journey (Chinese and
// English), for a visual check: node e2e/screenshots.mjs  -> target/e2e-screenshots/; then the
// seven-stage map at Fit, at 30 % and on a phone for web/README.md -> docs/ (map-screenshots.mjs).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBoard, exampleOps, launchBrowser, openParticipant, screenshot, seedOps, ServerProcess, webDir } from './harness.mjs';
import { mapScreenshots } from './map-screenshots.mjs';

const examplePath = process.env.JB_EXAMPLE ?? join(webDir, '..', '..', 'shared', 'examples', 'retail-purchase.json');
const example = existsSync(examplePath)
  ? JSON.parse(readFileSync(examplePath, 'utf8'))
  : JSON.parse(readFileSync(join(webDir, 'e2e', 'fixtures', 'retail-purchase.json'), 'utf8'));

const server = await new ServerProcess().start();
const browser = await launchBrowser();
try {
  for (const lang of ['zh', 'en']) {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await ctx.addInitScript((l) => localStorage.setItem('jb.lang', l), lang);
    const page = await ctx.newPage();
    await page.goto(server.base + '/');
    await page.waitForSelector('[data-testid=create]');
    console.log(await screenshot(page, `start-${lang}`));
    await page.fill('[data-testid=title-input]', example.title[lang]);
    await page.click('[data-testid=create]');
    await page.waitForSelector('[data-testid=links]');
    console.log(await screenshot(page, `start-links-${lang}`));
    const board = await createBoard(server.base, { title: example.title[lang], template: 'blank' });
    await seedOps(page, server.base, board.id, board.tokens.facilitator, exampleOps(example, lang));
    const p = await openParticipant(browser, board.facilitatorUrl, { name: lang === 'zh' ? '李娜' : 'Alex', lang });
    await p.page.waitForTimeout(300);
    console.log(await screenshot(p.page, `retail-board-${lang}`));
    // a card selected: side panel with journey attributes
    const r = await p.page.evaluate(() => window.__jb.clientRect('cd-11'));
    await p.page.mouse.click(r.x + 30, r.y + 12);
    await p.page.waitForTimeout(200);
    console.log(await screenshot(p.page, `retail-card-panel-${lang}`));
    const png = await p.page.evaluate(() => window.__jb.pngDataUrl(1));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(webDir, 'target', 'e2e-screenshots', `retail-export-${lang}.png`), Buffer.from(png.split(',')[1], 'base64'));
    await p.context.close();
    for (const template of ['service-blueprint', 'blank']) {
      const b2 = await createBoard(server.base, { title: `${template} ${lang}`, template });
      if (template === 'blank') {
        const pts = [];
        for (let i = 0; i <= 40; i++) pts.push(i * 8, Math.round(30 * Math.sin(i / 4)));
        await seedOps(page, server.base, b2.id, b2.tokens.facilitator, [
          { op: 'create', id: 'frame', type: 'shape', parent: null, index: 'V', props: { shape: 'rect', x: 120, y: 120, w: 520, h: 360, text: '', color: '#1971c2' } },
          { op: 'create', id: 'n1', type: 'sticky', parent: 'frame', index: 'V', props: { x: 150, y: 160, w: 180, h: 140, text: lang === 'zh' ? '访谈：支付时找不到花呗' : 'Interview: could not find my wallet at checkout' } },
          { op: 'create', id: 'n2', type: 'sticky', parent: 'frame', index: 'W', props: { x: 420, y: 300, w: 180, h: 140, text: lang === 'zh' ? '机会：一键支付' : 'Idea: one-tap pay', color: '#b2f2bb' } },
          { op: 'create', id: 't1', type: 'text', parent: null, index: 'W', props: { x: 120, y: 60, w: 500, h: 40, size: 28, text: lang === 'zh' ? '研讨会笔记' : 'Workshop notes' } },
          { op: 'create', id: 'e1', type: 'shape', parent: null, index: 'X', props: { shape: 'ellipse', x: 760, y: 180, w: 220, h: 120, text: lang === 'zh' ? '关键时刻' : 'Moment of truth', color: '#e8590c' } },
          { op: 'create', id: 'k1', type: 'connector', parent: null, index: 'Y', props: { from: 'n2', to: 'e1' } },
          { op: 'create', id: 'i1', type: 'ink', parent: null, index: 'Z', props: { x: 700, y: 420, points: pts, size: 4, color: '#e03131' } },
        ]);
      }
      const q = await openParticipant(browser, b2.facilitatorUrl, { name: 'Facilitator', lang });
      await q.page.waitForTimeout(300);
      console.log(await screenshot(q.page, `${template}-${lang}`));
      await q.context.close();
    }
    await ctx.close();
  }
  await mapScreenshots(server, browser);
} finally {
  await browser.close();
  await server.dispose();
}
