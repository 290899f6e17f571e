// (3) The server restarts while people edit: an edit made while it is down appears for everyone
// once it is back (pending ops are re-sent with their original cids).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCard, boardWith, openParticipant, screenshot, waitFor, withServerAndBrowser } from './harness.mjs';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

test('an edit made while the server is down reaches everyone after the restart', async () => {
  const { board, a, b, stages, lanes, close } = await boardWith(server, browser, { title: 'Restart E2E' }, {
    a: { role: 'edit', name: 'Ana', lang: 'en' },
    b: { role: 'edit', name: '王伟', lang: 'zh' },
  });

  const first = await addCard(a.page, lanes[0].id, stages[0], 'Before the restart');
  await waitFor(a.page, () => window.__jb.pending === 0);
  await waitFor(b.page, (id) => !!window.__jb.element(id), first, 2000);

  // crash the server (acknowledged ops must survive a kill)
  await server.stop('SIGKILL');
  await waitFor(a.page, () => window.__jb.state === 'reconnecting', undefined, 10_000);
  await waitFor(b.page, () => window.__jb.state === 'reconnecting', undefined, 10_000);

  // edit while it is down: optimistic, counted as unsent
  const offline = await addCard(a.page, lanes[1].id, stages[1], '服务器重启时添加');
  assert.equal(await a.page.evaluate(() => window.__jb.pending), 1);
  await waitFor(a.page, () => /1/.test(document.querySelector('[data-testid=status]').textContent), undefined, 2000);
  await screenshot(a.page, 'restart-offline');
  // B edits too while the server is down
  await b.page.evaluate(() => window.__jb.state);

  await server.start();
  await waitFor(a.page, () => window.__jb.state === 'connected' && window.__jb.pending === 0, undefined, 30_000);
  await waitFor(b.page, () => window.__jb.state === 'connected', undefined, 30_000);
  await waitFor(b.page, (id) => window.__jb.element(id)?.props.text === '服务器重启时添加', offline, 5000);
  assert.ok(await b.page.evaluate((id) => !!window.__jb.element(id), first), 'the acknowledged edit survived the kill');

  // a newcomer after the restart sees both
  const c = await openParticipant(browser, board.viewUrl, { name: 'Late', lang: 'en' });
  assert.ok(await c.page.evaluate(([x, y]) => !!window.__jb.element(x) && !!window.__jb.element(y), [first, offline]));
  await screenshot(b.page, 'restart-after');
  await c.context.close();
  await close();
});
