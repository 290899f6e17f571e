// (12.10, 12.11, 12.15, 12.16) Staying connected and in control: a hung server shows as
// "Reconnecting… · 1 unsent" within 10 s (the client's own heartbeat), the token leaves the address
// bar and a reload still works, a facilitator on a second device sees the board's links in the
// share dialog, a participant changes their name, avatars show initials, and in Chinese the
// Facilitate button is not just 主持.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCard, boardWith, createBoard, grid, openParticipant, screenshot, waitFor, withServerAndBrowser } from './harness.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const status = (page) => page.locator('[data-testid=status]').innerText();

test('a hung server shows as reconnecting within 10 s, and the edit made meanwhile arrives afterwards', async () => {
  const board = await createBoard(server.base, { title: 'Heartbeat', template: 'journey' });
  const a = await openParticipant(browser, board.editUrl, { name: 'Ana', lang: 'en' });
  const b = await openParticipant(browser, board.viewUrl, { name: 'Bo', lang: 'en' });
  const { stages, lanes } = await grid(a.page);
  try {
    // the server freezes: its sockets stay open, nothing answers (the browser's own ping answers do not help)
    server.pause();
    const frozenAt = Date.now();
    const id = await addCard(a.page, lanes[0].id, stages[0], 'Made while the server hung');
    await waitFor(a.page, () => document.querySelector('[data-testid=status]').dataset.state === 'reconnecting', undefined, 12_000);
    const noticed = Date.now() - frozenAt;
    assert.ok(noticed <= 10_000, `noticed after ${noticed} ms`);
    assert.match(await status(a.page), /Reconnecting… · 1 unsent/);
    await screenshot(a.page, 'heartbeat-reconnecting');
    server.resume();
    await waitFor(a.page, () => window.__jb.state === 'connected' && window.__jb.pending === 0, undefined, 40_000);
    await waitFor(b.page, (i) => window.__jb.element(i)?.props.text === 'Made while the server hung', id, 40_000);
    assert.equal(await status(a.page), 'Connected');
  } finally {
    server.resume();
    await a.context.close();
    await b.context.close();
  }
});

test('the token leaves the address bar; a reload keeps working; a second device sees the links', async () => {
  const board = await createBoard(server.base, { title: 'Links 链接', template: 'journey' });
  const f = await openParticipant(browser, board.facilitatorUrl, { name: 'Fran', lang: 'en' });
  try {
    const url = f.page.url();
    assert.ok(!url.includes('#t=') && !url.includes(board.tokens.facilitator), `address bar: ${url}`);
    assert.ok(url.endsWith(`/b/${board.id}`), url);
    await f.page.reload();
    await waitFor(f.page, () => window.__jb?.state === 'connected', undefined, 20_000);
    assert.equal(await f.page.evaluate(() => window.__jb.role), 'facilitator');
    assert.ok(!f.page.url().includes('#t='));
    // this device never created the board: the dialog fetches the links from the server
    await f.page.click('[data-action=share]');
    await f.page.waitForSelector('[data-testid=share] [data-link=edit]');
    const shown = await f.page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid=share] input[data-link]')].map((i) => [i.dataset.link, i.value])));
    assert.equal(shown.edit, board.editUrl);
    assert.equal(shown.view, board.viewUrl);
    assert.equal(shown.facilitator, board.facilitatorUrl);
    // the personal links section is there: a form, or a clear note when the server has none
    const personal = await f.page.locator('[data-testid=personal-links]').innerText();
    assert.match(personal, /Personal links/);
    await screenshot(f.page, 'share-dialog');
    await f.page.keyboard.press('Escape');
    // nothing was rotated: the edit link still works
    const e = await openParticipant(browser, shown.edit, { name: 'Eve', lang: 'en' });
    assert.equal(await e.page.evaluate(() => window.__jb.role), 'editor');
    await e.context.close();
  } finally {
    await f.context.close();
  }
});

test('a participant changes their name; initials and the Chinese facilitate button read right', async () => {
  const { f, e, close } = await boardWith(server, browser, { title: '名字' }, {
    f: { role: 'facilitator', name: '主持人', lang: 'zh' },
    e: { role: 'edit', name: 'Sam (editor)', lang: 'en' },
  });
  try {
    await waitFor(f.page, () => window.__jb.peers.some((p) => p.name === 'Sam (editor)'));
    assert.equal(await e.page.locator('[data-testid=me-avatar] span').innerText(), 'SE');
    assert.equal(await f.page.locator('[data-testid=me-avatar] span').innerText(), '主');
    assert.equal((await f.page.locator('[data-testid=facil-open]').innerText()).trim(), '主持工具');

    await e.page.click('[data-testid=me-avatar]');
    await e.page.click('[data-menu=rename]');
    await e.page.fill('[data-testid=name-input]', '\u200b');
    await e.page.click('[data-testid=name-submit]');
    assert.match(await e.page.locator('.field-error').innerText(), /at least one letter/);
    await e.page.fill('[data-testid=name-input]', 'Sam Lee');
    await e.page.click('[data-testid=name-submit]');
    await waitFor(e.page, () => window.__jb.state === 'connected' && window.__jb.myName === 'Sam Lee', undefined, 10_000);
    await waitFor(f.page, () => window.__jb.peers.some((p) => p.name === 'Sam Lee') && !window.__jb.peers.some((p) => p.name === 'Sam (editor)'), undefined, 10_000);
    assert.equal(await e.page.locator('[data-testid=me-avatar] span').innerText(), 'SL');
    // kept for the next visit
    assert.equal(await e.page.evaluate(() => localStorage.getItem('jb.name')), 'Sam Lee');
    const person = await e.page.evaluate(() => localStorage.getItem('jb.person'));
    assert.match(person, /^[A-Za-z0-9_-]{22}$/);
    await e.page.reload();
    await waitFor(e.page, () => window.__jb?.state === 'connected' && window.__jb.myName === 'Sam Lee', undefined, 20_000);
    assert.equal(await e.page.evaluate(() => localStorage.getItem('jb.person')), person);
    assert.equal(await e.page.evaluate(() => localStorage.getItem('jb.color')), await e.page.evaluate(() => window.__jb.myColor));
  } finally {
    await close();
  }
});
