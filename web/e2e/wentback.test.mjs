// (11 §1, client) A board that went back: the server comes back with an older copy of its data
// (a restored backup), so a client's lastSeq is ahead of the board. The client must not take the
// older snapshot silently: it shows that the board went back and re-sends what it still holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCard, createBoard, grid, launchBrowser, openParticipant, ServerProcess, waitFor } from './harness.mjs';

test('after a restore from an older copy the client says the board went back and re-sends its unsent edit', async () => {
  const server = await new ServerProcess().start();
  const backup = mkdtempSync(join(tmpdir(), 'jb-backup-'));
  const browser = await launchBrowser();
  try {
    const board = await createBoard(server.base, { title: 'Went back', template: 'journey' });
    const a = await openParticipant(browser, board.editUrl, { name: 'Ana', lang: 'en' });
    const { stages, lanes } = await grid(a.page);
    const kept = await addCard(a.page, lanes[0].id, stages[0], 'Before the backup');
    await waitFor(a.page, () => window.__jb.pending === 0);

    // a clean copy of the data folder: the backup
    await server.stop('SIGTERM');
    cpSync(server.dataDir, backup, { recursive: true });
    await server.start();
    await waitFor(a.page, () => window.__jb.state === 'connected', undefined, 30_000);
    const lost = await addCard(a.page, lanes[1].id, stages[1], 'After the backup');
    await waitFor(a.page, () => window.__jb.pending === 0);
    const seqBefore = await a.page.evaluate(() => window.__jb.seq);

    // the server is restored from the backup; meanwhile an edit waits in the browser
    await server.stop('SIGTERM');
    rmSync(server.dataDir, { recursive: true, force: true });
    cpSync(backup, server.dataDir, { recursive: true });
    await waitFor(a.page, () => window.__jb.state === 'reconnecting', undefined, 15_000);
    const unsent = await addCard(a.page, lanes[2].id, stages[2], 'Unsent while restoring');
    await server.start();
    await waitFor(a.page, () => window.__jb.state === 'connected' && window.__jb.pending === 0, undefined, 30_000);

    await waitFor(a.page, () => !!document.querySelector('[data-testid=conn-notice]'), undefined, 5000);
    assert.match(await a.page.locator('[data-testid=conn-notice]').innerText(), /went back to an earlier state on the server; your unsent edits were re-sent/);
    assert.ok(await a.page.evaluate(() => window.__jb.seq) < seqBefore + 1, 'the client took the server\'s older board');
    const state = await a.page.evaluate(([k, l, u]) => [!!window.__jb.element(k), !!window.__jb.element(l), window.__jb.element(u)?.props.text], [kept, lost, unsent]);
    assert.deepEqual(state, [true, false, 'Unsent while restoring']);
    // and the server has it: a newcomer sees the re-sent card
    const c = await openParticipant(browser, board.viewUrl, { name: 'Late', lang: 'en' });
    assert.ok(await c.page.evaluate((u) => !!window.__jb.element(u), unsent));
    await c.context.close();
    await a.context.close();
  } finally {
    await browser.close();
    await server.dispose();
    rmSync(backup, { recursive: true, force: true });
  }
});
