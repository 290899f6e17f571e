// Shared helpers for the end-to-end tests: start a real Journey Board server (java -jar), create
// boards over HTTP, and drive headless Chromium with playwright-core (no browser download).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, '..');
export const screenshotDir = join(webDir, 'target', 'e2e-screenshots');
export const serverJar = resolve(webDir, process.env.JB_SERVER_JAR ?? '../server/target/journey-board-server.jar');
export const chromiumPath = process.env.JB_CHROMIUM ?? '/usr/bin/chromium';

export function javaBin() {
  const home = process.env.JAVA_HOME;
  return home ? join(home, 'bin', 'java') : 'java';
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A server process on a port and data folder; start() again after stop() to restart it. */
export class ServerProcess {
  /** @param env extra environment of the server process (e.g. JB_CREATE_TOKEN) */
  constructor({ port, dataDir, env } = {}) {
    this.port = port;
    this.env = env ?? {};
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'jb-e2e-'));
    this.ownsDataDir = !dataDir;
    this.proc = null;
    this.log = '';
  }

  get base() { return `http://127.0.0.1:${this.port}`; }

  async start() {
    if (!existsSync(serverJar)) throw new Error(`server jar not found: ${serverJar} (set JB_SERVER_JAR)`);
    this.port ??= await freePort();
    // JB_WEB_CLASSES (e.g. target/classes) puts a fresh client build ahead of the one in the jar
    const webClasses = process.env.JB_WEB_CLASSES ? resolve(webDir, process.env.JB_WEB_CLASSES) : null;
    const launch = webClasses
      ? ['-cp', `${webClasses}:${serverJar}`, process.env.JB_SERVER_MAIN ?? 'dev.journeyboard.server.Main']
      : ['-jar', serverJar];
    this.proc = spawn(javaBin(), [...launch, '--port', String(this.port), '--data-dir', this.dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    const append = (d) => { this.log = (this.log + d.toString()).slice(-20000); };
    this.proc.stdout.on('data', append);
    this.proc.stderr.on('data', append);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) throw new Error(`server exited with ${this.proc.exitCode}:\n${this.log}`);
      try {
        const r = await fetch(`${this.base}/health`);
        if (r.status === 200) return this;
      } catch { /* not up yet */ }
      await sleep(150);
    }
    throw new Error(`server did not become healthy:\n${this.log}`);
  }

  /** Stops the process: SIGTERM (graceful) or SIGKILL (crash). */
  async stop(signal = 'SIGTERM') {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await Promise.race([exited, sleep(15_000)]);
    if (p.exitCode === null && p.signalCode === null) {
      p.kill('SIGKILL');
      await exited;
    }
    this.proc = null;
  }

  /** Freezes the process (SIGSTOP): its sockets stay open but nothing answers, like a hung server or a dead network. */
  pause() {
    this.proc?.kill('SIGSTOP');
  }

  /** Lets a paused process run again (SIGCONT). */
  resume() {
    this.proc?.kill('SIGCONT');
  }

  async dispose() {
    this.resume();
    await this.stop('SIGTERM');
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export async function createBoard(base, { title = 'E2E 旅程', template = 'journey' } = {}) {
  const r = await fetch(`${base}/api/boards`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title, template }) });
  if (r.status !== 201) throw new Error(`create board: HTTP ${r.status} ${await r.text()}`);
  const b = await r.json();
  const link = (role) => `${base}/b/${b.id}#t=${b.tokens[role]}`;
  return { ...b, facilitatorUrl: link('facilitator'), editUrl: link('edit'), viewUrl: link('view') };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A participant: own browser context (own localStorage), name preset, page on the link. {@code beforeGoto(page)}
 * runs before the page loads (to listen to its WebSocket frames from the first one, say); {@code context}
 * holds extra browser-context options (touch, phone viewport); {@code department} the answer to the join's
 * department question (null: leave it to the page).
 */
export async function openParticipant(browser, url, { name, lang = 'zh', width = 1400, height = 900, context: extra = {}, beforeGoto, department = '' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, ...extra });
  // a board with departments asks at join which one I am from: answered beforehand ('' = none of them,
  // as a user who chose "none" before); workshop.test.mjs drives the dialog itself
  const boardId = /\/b\/([^/?#]+)/.exec(url)?.[1] ?? null;
  await context.addInitScript(([n, l, b, d]) => {
    try {
      // only a first visit: a name changed on the board survives a reload
      if (n && !localStorage.getItem('jb.name')) localStorage.setItem('jb.name', n);
      localStorage.setItem('jb.lang', l);
      if (b && d !== null && localStorage.getItem(`jb.dept.${b}`) === null) localStorage.setItem(`jb.dept.${b}`, d);
    } catch { /* about:blank */ }
  }, [name, lang, boardId, department]);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${name}] page error:`, e.message));
  if (beforeGoto) await beforeGoto(page);
  await page.goto(url);
  await page.waitForFunction(() => window.__jb && window.__jb.state === 'connected', null, { timeout: 20_000 });
  return { context, page, name };
}

/**
 * A new board and the people a test starts with, each on the link of their role, and the template's
 * grid as the first of them sees it: {@code people} maps the test's name for each one to
 * {@code { role: 'facilitator' | 'edit' | 'view', name, lang, ...openParticipant options }}. Returns the
 * board, each participant under its key, {@code stages}, {@code lanes}, {@code lane(kind)} (the id of the
 * first lane of that kind) and {@code close()}, which closes every participant's browser context.
 */
export async function boardWith(server, browser, { title, template = 'journey' }, people) {
  const board = await createBoard(server.base, { title, template });
  const out = { board };
  const opened = [];
  for (const [key, { role, ...options }] of Object.entries(people)) {
    const url = board[`${role}Url`];
    if (!url) throw new Error(`no link for role ${role}: facilitator, edit or view`);
    out[key] = await openParticipant(browser, url, options);
    opened.push(out[key]);
  }
  const { stages, lanes } = await grid(opened[0].page);
  return {
    ...out,
    stages,
    lanes,
    lane: (kind) => lanes.find((l) => l.kind === kind).id,
    close: async () => { for (const p of opened) await p.context.close(); },
  };
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Element ids of the template grid, by kind. */
export async function grid(page) {
  return page.evaluate(() => {
    const els = window.__jb.elements();
    const byIndex = (a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0);
    return {
      stages: els.filter((e) => e.type === 'stage').sort(byIndex).map((e) => e.id),
      lanes: els.filter((e) => e.type === 'lane').sort(byIndex).map((e) => ({ id: e.id, kind: e.props.kind })),
    };
  });
}

export async function cellCenter(page, laneId, stageId, dy = 0) {
  const r = await page.evaluate(([l, s]) => window.__jb.cellRect(l, s), [laneId, stageId]);
  if (!r) throw new Error(`no cell ${laneId}/${stageId}`);
  return { x: r.x + r.w / 2, y: r.y + Math.min(r.h - 10, 30 + dy) };
}

/** Adds a card by double-clicking an empty spot of the cell and typing. Returns its id. */
export async function addCard(page, laneId, stageId, text) {
  const before = await page.evaluate(() => window.__jb.elements().map((e) => e.id));
  const r = await page.evaluate(([l, s]) => window.__jb.cellRect(l, s), [laneId, stageId]);
  await page.mouse.dblclick(r.x + r.w / 2, r.y + r.h - 12);
  await page.waitForFunction(() => window.__jb.editing);
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
  const id = await page.waitForFunction((ids) => {
    const created = window.__jb.elements().find((e) => !ids.includes(e.id));
    return created ? created.id : null;
  }, before, { timeout: 5000 });
  return id.jsonValue();
}

/** Drags an element to a point with real mouse events. */
export async function dragTo(page, id, to) {
  const r = await page.evaluate((i) => window.__jb.clientRect(i), id);
  const from = { x: r.x + Math.min(r.w / 2, 40), y: r.y + Math.min(r.h / 2, 16) };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = 8;
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  await page.mouse.up();
}

export function waitFor(page, fn, arg, timeout = 5000) {
  return page.waitForFunction(fn, arg, { timeout, polling: 25 });
}

/**
 * Sends ops through the real protocol from inside a page on the server's origin (a raw
 * WebSocket, not the app): hello, then ops messages of at most 500 ops, waiting for every ack.
 */
export async function seedOps(page, base, boardId, token, ops, name = 'seed') {
  const url = `${base.replace(/^http/, 'ws')}/ws/boards/${boardId}?token=${encodeURIComponent(token)}`;
  return page.evaluate(async ({ url, ops, name }) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const dec = new TextDecoder();
    const chunks = [];
    for (let i = 0; i < ops.length; i += 500) chunks.push(ops.slice(i, i + 500));
    const client = 'seed' + Math.random().toString(36).slice(2, 10);
    return await new Promise((resolve, reject) => {
      const waiting = new Set();
      let seq = 0;
      ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', v: 1, name, client }));
      ws.onerror = () => reject(new Error('socket error'));
      const handle = (msg) => {
        if (msg.type === 'batch') {
          msg.messages.forEach(handle); // several applied in one frame: in order, as if one by one
        } else if (msg.type === 'welcome') {
          chunks.forEach((c, i) => { waiting.add(i + 1); ws.send(JSON.stringify({ type: 'ops', cid: i + 1, baseSeq: msg.seq, ops: c })); });
          if (!chunks.length) { ws.close(); resolve(msg.seq); }
        } else if (msg.type === 'applied' && msg.client === client) {
          waiting.delete(msg.cid);
          seq = msg.seq;
          if (!waiting.size) { ws.close(); resolve(seq); }
        } else if (msg.type === 'rejected' || msg.type === 'error') {
          ws.close();
          reject(new Error(`${msg.type}: ${msg.code} ${msg.message}`));
        }
      };
      ws.onmessage = (ev) => handle(JSON.parse(typeof ev.data === 'string' ? ev.data : dec.decode(ev.data)));
    });
  }, { url, ops, name });
}

/** Create ops for an example journey of shared/examples (stages, lanes with labels, cards with attributes). */
export function exampleOps(example, lang = 'zh') {
  const ops = [];
  const key = (i) => String.fromCharCode(65 + Math.floor(i / 26)) + String.fromCharCode(97 + (i % 26));
  example.stages.forEach((s, i) => ops.push({ op: 'create', id: `st-${s.key}`, type: 'stage', parent: null, index: key(i), props: { labels: { zh: s.zh, en: s.en } } }));
  const lanes = [{ key: 'persona', kind: 'persona', zh: '用户画像', en: 'Persona' }, ...example.lanes];
  lanes.forEach((l, i) => ops.push({ op: 'create', id: `ln-${l.key}`, type: 'lane', parent: null, index: key(i), props: { kind: l.kind, labels: { zh: l.zh, en: l.en } } }));
  if (example.persona) ops.push({ op: 'create', id: 'persona-card', type: 'card', parent: 'ln-persona', index: 'V', props: { stage: `st-${example.stages[0].key}`, text: example.persona[lang], color: '#f3f0ff' } });
  const count = new Map();
  example.cards.forEach((c, i) => {
    const cell = `${c.lane}|${c.stage}`;
    const n = count.get(cell) ?? 0;
    count.set(cell, n + 1);
    const props = { stage: `st-${c.stage}`, text: c[lang] };
    for (const k of ['emotion', 'mot', 'kano', 'csat', 'nps', 'ces', 'owner']) if (c[k] !== undefined) props[k] = c[k];
    ops.push({ op: 'create', id: `cd-${i}`, type: 'card', parent: `ln-${c.lane}`, index: key(n), props });
  });
  return ops;
}

/**
 * For a test file: a fresh server (own port and data folder) and one headless Chromium, started before
 * its tests and closed after them; {@code set} receives both.
 */
export function withServerAndBrowser(set, serverOptions = {}) {
  let server, browser;
  before(async () => {
    server = await new ServerProcess(serverOptions).start();
    browser = await launchBrowser();
    set(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });
}
