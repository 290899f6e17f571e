// Performance check (not a test: nothing is asserted). Seeds a board with 2,000 cards through the
// real protocol, then measures in headless Chromium:
//  - time from opening the link to the first rendered frame of the full board (median of runs)
//  - frame time of a scripted pan/zoom (wheel events through the app's own handlers)
// Usage: npm run perf   (env: JB_SERVER_JAR, JAVA_HOME, JB_PERF_CARDS=2000, JB_PERF_RUNS=5)
import { createBoard, grid, launchBrowser, seedOps, ServerProcess, sleep } from './harness.mjs';

const CARDS = Number(process.env.JB_PERF_CARDS ?? 2000);
const RUNS = Number(process.env.JB_PERF_RUNS ?? 5);
const WIDTH = 1600, HEIGHT = 900;

const TEXTS = ['支付方式少，步骤多', 'Compares prices and reviews', '在社交媒体看到新品推荐', 'Delivery was late, no tracking updates',
  '会员中心积分规则不清楚', 'One-tap returns with pickup', '客服响应慢，需要重复描述问题', 'Personal recommendations from purchase history'];

const server = await new ServerProcess().start();
const browser = await launchBrowser();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
try {
  const board = await createBoard(server.base, { title: 'Perf 2000', template: 'journey' });
  const ctx = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT } });
  await ctx.addInitScript(() => { localStorage.setItem('jb.name', 'Perf'); localStorage.setItem('jb.lang', 'zh'); });
  const page = await ctx.newPage();
  await page.goto(board.facilitatorUrl);
  await page.waitForFunction(() => window.__jb?.state === 'connected');
  const { stages, lanes } = await grid(page);
  // a wider map than the template: 10 stages
  const ops = [];
  for (let i = 0; i < 5; i++) {
    const id = `px-stage-${i}`;
    ops.push({ op: 'create', id, type: 'stage', parent: null, index: `z${i + 1}`, props: { labels: { zh: `阶段 ${i + 6}`, en: `Stage ${i + 6}` } } });
    stages.push(id);
  }
  for (let i = 0; i < CARDS; i++) {
    const lane = lanes[i % lanes.length].id;
    const stage = stages[Math.floor(i / lanes.length) % stages.length];
    const props = { stage, text: `${TEXTS[i % TEXTS.length]} #${i}` };
    if (i % 3 === 0) props.emotion = (i % 5) - 2;
    if (i % 7 === 0) props.csat = 1 + (i % 5);
    if (i % 11 === 0) props.mot = true;
    if (i % 13 === 0) props.kano = 'must-be';
    ops.push({ op: 'create', id: `p${i}`, type: 'card', parent: lane, index: `V${String(i).padStart(5, '0').replace(/0+$/, '') || 'V'}1`, props });
  }
  const t0 = Date.now();
  await seedOps(page, server.base, board.id, board.tokens.facilitator, ops);
  console.log(`seeded ${CARDS} cards in ${Date.now() - t0} ms`);
  await ctx.close();

  // 0) server side: raw WebSocket connect + hello -> welcome with the 2,000-card snapshot
  const raw = [];
  {
    const c = await browser.newContext();
    const p = await c.newPage();
    await p.goto(server.base + '/health');
    for (let i = 0; i < RUNS; i++) {
      raw.push(await p.evaluate(async (url) => {
        const t0 = performance.now();
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        let opened = 0;
        return await new Promise((res) => {
          ws.onopen = () => { opened = performance.now(); ws.send(JSON.stringify({ type: 'hello', v: 1, name: 'raw', client: 'raw' + Math.random().toString(36).slice(2) })); };
          ws.onmessage = (ev) => {
            const t1 = performance.now();
            const text = typeof ev.data === 'string' ? ev.data : new TextDecoder().decode(ev.data);
            const msg = JSON.parse(text);
            const t2 = performance.now();
            ws.close();
            res({ open: Math.round(opened - t0), welcome: Math.round(t1 - opened), parse: Math.round(t2 - t1), bytes: text.length, elements: msg.snapshot?.elements.length });
          };
        });
      }, `${server.base.replace(/^http/, 'ws')}/ws/boards/${board.id}?token=${encodeURIComponent(board.tokens.view)}`));
    }
    await c.close();
  }

  // 1) open link -> rendered board
  const loads = [];
  const breakdown = [];
  for (let run = 0; run < RUNS; run++) {
    const c = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT } });
    await c.addInitScript(() => {
      localStorage.setItem('jb.name', 'Perf');
      localStorage.setItem('jb.lang', 'zh');
      // record socket timings without touching the app
      const Native = window.WebSocket;
      window.__wsT = {};
      window.WebSocket = class extends Native {
        constructor(...a) {
          super(...a);
          window.__wsT.created ??= performance.now();
          this.addEventListener('open', () => { window.__wsT.open ??= performance.now(); });
          this.addEventListener('message', () => { window.__wsT.firstMessage ??= performance.now(); });
        }
      };
    });
    const p = await c.newPage();
    await p.goto(board.editUrl);
    await p.waitForFunction((n) => window.__jb?.firstRenderAt != null && window.__jb.cardCount >= n, CARDS, { timeout: 30_000, polling: 20 });
    // performance.now() is relative to navigation start
    const t = await p.evaluate(() => ({ render: window.__jb.firstRenderAt, welcome: window.__jb.welcomeAt, layout: window.__jb.lastLayoutMs, domReady: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, ws: window.__wsT }));
    loads.push(t.render);
    breakdown.push(t);
    if (run < RUNS - 1) await c.close();
    else {
      // 2) scripted pan/zoom over the board, driven through the app's wheel handler
      const relayout = await p.evaluate(() => { const xs = []; for (let i = 0; i < 10; i++) xs.push(window.__jb.measureRelayout()); return xs; });
      const result = await p.evaluate(async () => {
        const canvas = document.querySelector('canvas.board-canvas');
        const r = canvas.getBoundingClientRect();
        const jb = window.__jb;
        jb.fit();
        await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
        const frames = 480;
        const intervals = [];
        const draws = [];
        const drawn = [];
        const zooms = [];
        const anchor = jb.clientRect('p1000');
        const ax = anchor.x + anchor.w / 2, ay = anchor.y + anchor.h / 2;
        let last = await new Promise((res) => requestAnimationFrame(res));
        for (let i = 0; i < frames; i++) {
          const phase = Math.floor(i / 60);
          let ev;
          if (phase === 0) ev = { deltaY: -4, ctrlKey: true };        // zoom in from "fit" (all 2,000 cards visible)
          else if (phase === 1) ev = { deltaX: 8, deltaY: 6 };        // pan at mid zoom
          else if (phase === 2) ev = { deltaY: -1.5, ctrlKey: true }; // zoom in to readable text
          else if (phase === 3) ev = { deltaX: -8, deltaY: 10 };      // pan at ~100%
          else if (phase === 4) ev = { deltaX: 8, deltaY: -10 };
          else if (phase === 5) ev = { deltaY: 3, ctrlKey: true };    // zoom out
          else if (phase === 6) ev = { deltaX: -8, deltaY: -6 };      // pan zoomed out
          else ev = { deltaY: 1.5, ctrlKey: true };
          canvas.dispatchEvent(new WheelEvent('wheel', { ...ev, clientX: ax, clientY: ay, bubbles: true, cancelable: true }));
          // one frame per step: the app draws the previous step in its own rAF callback
          const now = await new Promise((res) => requestAnimationFrame(res));
          intervals.push(now - last);
          last = now;
          draws.push(jb.lastDrawMs);
          drawn.push(jb.drawnCards);
          if (i % 60 === 59) zooms.push(+jb.camera.zoom.toFixed(3));
        }
        return { intervals, draws, drawn, zoom: jb.camera.zoom, zooms };
      });
      const draw = result.draws;
      const avg = draw.reduce((a, b) => a + b, 0) / draw.length;
      console.log(JSON.stringify({
        cards: CARDS,
        rawHelloToWelcomeMs: raw,
        openToRenderedMs: { runs: loads.map((x) => Math.round(x)), median: Math.round(median(loads)) },
        relayoutWarmMs: { median: +median(relayout).toFixed(1), max: +Math.max(...relayout).toFixed(1) },
        openBreakdownMs: breakdown.map((b) => ({ domReady: Math.round(b.domReady), wsCreated: Math.round(b.ws.created), wsOpen: Math.round(b.ws.open), welcomeReceived: Math.round(b.ws.firstMessage), welcome: Math.round(b.welcome), rendered: Math.round(b.render), layout: Math.round(b.layout) })),
        drawMs: { avg: +avg.toFixed(2), p50: +pct(draw, 0.5).toFixed(2), p95: +pct(draw, 0.95).toFixed(2), max: +Math.max(...draw).toFixed(2) },
        frameIntervalMs: { avg: +(result.intervals.reduce((a, b) => a + b, 0) / result.intervals.length).toFixed(2), p95: +pct(result.intervals, 0.95).toFixed(2), max: +Math.max(...result.intervals).toFixed(2) },
        fps: Math.round(1000 / (result.intervals.reduce((a, b) => a + b, 0) / result.intervals.length)),
        cardsDrawnPerFrame: { min: Math.min(...result.drawn), max: Math.max(...result.drawn), avgPerPhase: Array.from({ length: 8 }, (_, k) => Math.round(result.drawn.slice(k * 60, k * 60 + 60).reduce((a, b) => a + b, 0) / 60)) },
        zoomAtEndOfPhase: result.zooms,
        drawMsPerPhase: Array.from({ length: 8 }, (_, k) => +(draw.slice(k * 60, k * 60 + 60).reduce((a, b) => a + b, 0) / 60).toFixed(2)),
      }, null, 1));
      await c.close();
    }
    await sleep(200);
  }
} finally {
  await browser.close();
  await server.dispose();
}
