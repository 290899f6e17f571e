// (1) Two participants on one board each add and move cards; each sees the other's changes
// within a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCard, boardWith, cellCenter, dragTo, screenshot, waitFor, withServerAndBrowser } from './harness.mjs';

const SYNC_MS = Number(process.env.JB_E2E_SYNC_MS ?? 1000);
let server, browser;

withServerAndBrowser((s, b) => { server = s; browser = b; });

test('two editors see each other\'s new and moved cards within a second', async () => {
  const { a, b, stages, lanes, close } = await boardWith(server, browser, { title: '电商购物旅程 E2E' }, {
    a: { role: 'edit', name: '李娜', lang: 'zh' },
    b: { role: 'edit', name: 'Alex', lang: 'en' },
  });
  assert.ok(stages.length >= 3 && lanes.length >= 3, 'journey template has a grid');
  const laneA = lanes.find((l) => l.kind === 'actions')?.id ?? lanes[0].id;
  const laneB = lanes.find((l) => l.kind === 'painpoints')?.id ?? lanes[1].id;

  // each sees the other in the participant list
  await waitFor(a.page, () => window.__jb.peers.some((p) => p.name === 'Alex'));
  await waitFor(b.page, () => window.__jb.peers.some((p) => p.name === '李娜'));

  // A adds a card (Chinese text), B sees it
  const idA = await addCard(a.page, laneA, stages[0], '在小红书看到新品推荐');
  await waitFor(b.page, (id) => window.__jb.element(id)?.props.text === '在小红书看到新品推荐', idA, SYNC_MS);

  // B adds a card, A sees it
  const idB = await addCard(b.page, laneB, stages[1], 'Size chart is unclear');
  await waitFor(a.page, (id) => window.__jb.element(id)?.props.text === 'Size chart is unclear', idB, SYNC_MS);

  // A drags its card to another column: one message, move + stage update; B sees it
  await dragTo(a.page, idA, await cellCenter(a.page, laneA, stages[2]));
  await waitFor(a.page, ([id, s]) => window.__jb.element(id)?.props.stage === s, [idA, stages[2]], 2000);
  await waitFor(b.page, ([id, s, l]) => { const e = window.__jb.element(id); return e?.props.stage === s && e.parent === l; }, [idA, stages[2], laneA], SYNC_MS);

  // B drags its card into another lane and column; A sees it
  await dragTo(b.page, idB, await cellCenter(b.page, laneA, stages[0]));
  await waitFor(b.page, ([id, l]) => window.__jb.element(id)?.parent === l, [idB, laneA], 2000);
  await waitFor(a.page, ([id, s, l]) => { const e = window.__jb.element(id); return e?.props.stage === s && e.parent === l; }, [idB, stages[0], laneA], SYNC_MS);

  // both documents agree and nothing is pending
  await waitFor(a.page, () => window.__jb.pending === 0);
  await waitFor(b.page, () => window.__jb.pending === 0);
  const docA = await a.page.evaluate(() => JSON.stringify(window.__jb.elements().sort((x, y) => (x.id < y.id ? -1 : 1))));
  const docB = await b.page.evaluate(() => JSON.stringify(window.__jb.elements().sort((x, y) => (x.id < y.id ? -1 : 1))));
  assert.equal(docA, docB);

  // B's cursor shows up for A
  await b.page.mouse.move(700, 400);
  await b.page.mouse.move(720, 420);
  await waitFor(a.page, () => window.__jb.peers.some((p) => p.name === 'Alex' && p.cursor), undefined, 3000);
  await a.page.waitForTimeout(100);
  await screenshot(a.page, 'collab-editor-a');
  await screenshot(b.page, 'collab-editor-b');
  await close();
});
