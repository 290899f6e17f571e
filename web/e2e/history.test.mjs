// The board's history in the browser (issue 17): a facilitator names a version, the board moves
// on, the facilitator opens that version on the timeline (read-only, the banner names it), sees
// what changed since, restores it in place — a second browser sees the restore live — and undoes
// the restore (seen there too). A viewer replays the session, changes the speed, and the replay
// ends on the live board.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBoard, grid, openParticipant, screenshot, seedOps, sleep, waitFor, withServerAndBrowser } from './harness.mjs';

const SYNC_MS = Math.max(5000, Number(process.env.JB_E2E_SYNC_MS ?? 1000));
let server, browser;

withServerAndBrowser((s, b) => { server = s; browser = b; });

const cardTexts = (page) => page.evaluate(() => window.__jb.elements().filter((e) => e.type === 'card').map((e) => e.props.text).sort());
const card = (id, lane, stage, index, text) => ({ op: 'create', id, type: 'card', parent: lane, index, props: { stage, text } });

test('restore a named version in place, seen live by another browser, and undo the restore', async () => {
  const board = await createBoard(server.base, { title: 'History E2E', template: 'journey' });
  const a = await openParticipant(browser, board.facilitatorUrl, { name: 'Fay', lang: 'en' });
  const b = await openParticipant(browser, board.editUrl, { name: '王芳', lang: 'zh' });
  a.page.on('dialog', (d) => void d.accept());
  const { stages, lanes } = await grid(a.page);
  const lane = lanes[1].id;
  await seedOps(a.page, server.base, board.id, board.tokens.facilitator, [
    card('h1', lane, stages[0], 'a', 'Kept card'), card('h2', lane, stages[1], 'a', 'Original text'),
  ], 'Seeder');
  await waitFor(a.page, () => window.__jb.element('h2') !== null, undefined, SYNC_MS);

  // the facilitator names the board as it is now, from the timeline's versions tab
  await a.page.click('[data-testid=history-open]');
  await waitFor(a.page, () => window.__jbHistory.state.open && !window.__jbHistory.state.loading, undefined, 15_000);
  await a.page.click('[data-testid=history-tab-versions]');
  await a.page.fill('[data-testid=history-version-name]', 'after workshop 1');
  await a.page.click('[data-testid=history-version-save]');
  await waitFor(a.page, () => window.__jb.elements().some((e) => e.type === 'version' && e.props.name === 'after workshop 1'), undefined, SYNC_MS);
  await a.page.click('[data-testid=history-close]');
  assert.equal(await a.page.evaluate(() => window.__jbHistory.state.open), false);

  // a stakeholder (viewer) looks at the board now and leaves; the browser remembers what they saw
  const c = await openParticipant(browser, board.viewUrl, { name: 'Stakeholder', lang: 'en' });
  await waitFor(c.page, () => window.__jb.element('h2') !== null, undefined, SYNC_MS);
  await waitFor(c.page, (id) => window.__jb.seq !== null && localStorage.getItem(`jb.seen.${id}`) === String(window.__jb.seq), board.id, SYNC_MS);
  await c.page.close();

  // the board moves on: a card deleted, one changed, one added
  await seedOps(a.page, server.base, board.id, board.tokens.facilitator, [{ op: 'delete', id: 'h1' }], 'Seeder');
  await seedOps(a.page, server.base, board.id, board.tokens.facilitator, [{ op: 'update', id: 'h2', set: { text: 'Changed text' } }], 'Seeder');
  await seedOps(a.page, server.base, board.id, board.tokens.facilitator, [card('h3', lane, stages[2], 'a', 'Later card')], 'Seeder');
  const later = ['Changed text', 'Later card'];
  await waitFor(b.page, () => window.__jb.element('h3') !== null && window.__jb.element('h1') === null, undefined, SYNC_MS);
  assert.deepEqual((await cardTexts(b.page)).filter((x) => x !== undefined), later);

  // the stakeholder comes back: what changed since their last visit, outlined on the map and listed
  c.page = await c.context.newPage();
  await c.page.goto(board.viewUrl);
  await waitFor(c.page, () => window.__jb && window.__jb.state === 'connected', undefined, 20_000);
  await c.page.click('[data-testid=history-open]');
  await waitFor(c.page, () => window.__jbHistory.state.open && !window.__jbHistory.state.loading, undefined, 15_000);
  assert.ok(await c.page.evaluate(() => window.__jbHistory.state.previousVisit) > 0, 'the last visit is remembered');
  await c.page.click('[data-testid=history-tab-compare]');
  assert.equal(await c.page.inputValue('[data-testid=history-compare-from]'), 'visit');
  await c.page.click('[data-testid=history-compare]');
  await waitFor(c.page, () => window.__jbHistory.state.diff !== null);
  assert.deepEqual(await c.page.evaluate(() => window.__jbHistory.state.diff), { added: ['h3'], removed: ['h1'], changed: ['h2'] });
  await c.page.click('[data-testid=history-diff] li[data-card=h3] button');
  assert.equal(await c.page.isVisible('[data-testid=history-restore]'), false, 'a viewer may not restore');
  await c.context.close();

  // the timeline opens on that version: read-only, the banner names it, the map is the old board
  await a.page.click('[data-testid=history-open]');
  await waitFor(a.page, () => window.__jbHistory.state.open && !window.__jbHistory.state.loading, undefined, 15_000);
  await a.page.click('[data-testid=history-tab-versions]');
  await a.page.click('[data-testid=history-versions] button');
  await waitFor(a.page, () => window.__jbHistory.state.banner.includes("version 'after workshop 1'"));
  const st = await a.page.evaluate(() => window.__jbHistory.state);
  assert.match(st.banner, /^Viewing \d\d:\d\d · version 'after workshop 1'$/);
  assert.deepEqual(await a.page.evaluate(() => window.__jbHistory.state.cards()), ['Kept card', 'Original text']);
  assert.ok(await a.page.isVisible('[data-testid=history-restore]'), 'a facilitator may restore');

  // what changed since that version: added, changed and removed cards, outlined and listed
  const vseq = await a.page.evaluate(() => window.__jb.elements().find((e) => e.type === 'version').props.seq);
  await a.page.click('[data-testid=history-tab-compare]');
  await a.page.selectOption('[data-testid=history-compare-from]', `v:${vseq}`);
  await a.page.selectOption('[data-testid=history-compare-to]', 'now');
  await a.page.click('[data-testid=history-compare]');
  await waitFor(a.page, () => window.__jbHistory.state.diff !== null);
  const diff = await a.page.evaluate(() => window.__jbHistory.state.diff);
  assert.deepEqual(diff, { added: ['h3'], removed: ['h1'], changed: ['h2'] });
  assert.equal(await a.page.locator('[data-testid=history-diff] li').count(), 3);
  await screenshot(a.page, 'history-compare-en');

  // restore: back to the version, one message, everyone sees it
  await a.page.click('[data-testid=history-tab-versions]');
  await a.page.click('[data-testid=history-versions] button');
  await waitFor(a.page, () => window.__jbHistory.state.diff === null);
  await a.page.click('[data-testid=history-restore]');
  await waitFor(a.page, () => !window.__jbHistory.state.open, undefined, SYNC_MS);
  await waitFor(b.page, () => window.__jb.element('h1')?.props.text === 'Kept card' && window.__jb.element('h2')?.props.text === 'Original text' && window.__jb.element('h3') === null, undefined, SYNC_MS);
  await waitFor(a.page, () => window.__jb.pending === 0, undefined, SYNC_MS);
  // the version itself is still there: a restore leaves versions alone
  assert.equal(await b.page.evaluate(() => window.__jb.elements().filter((e) => e.type === 'version').length), 1);

  // undo takes the restore back, for everyone
  await a.page.click('[data-action=undo]');
  await waitFor(b.page, () => window.__jb.element('h1') === null && window.__jb.element('h2')?.props.text === 'Changed text' && window.__jb.element('h3') !== null, undefined, SYNC_MS);
  assert.deepEqual((await cardTexts(b.page)).filter((x) => x !== undefined), later);
  await a.context.close();
  await b.context.close();
});

test('a viewer replays the session, changes the speed, and the replay ends on the live board', async () => {
  const board = await createBoard(server.base, { title: '回放 E2E', template: 'journey' });
  const v = await openParticipant(browser, board.viewUrl, { name: '观众', lang: 'zh' });
  const { stages, lanes } = await grid(v.page);
  const lane = lanes[1].id;
  for (let i = 0; i < 6; i++) await seedOps(v.page, server.base, board.id, board.tokens.facilitator, [card(`r${i}`, lane, stages[i % stages.length], String.fromCharCode(98 + i), `步骤 ${i}`)], '引导者');
  // a pause in the workshop: the replay plays it compressed (at most 3 s of board time)
  await sleep(3500);
  for (let i = 6; i < 10; i++) await seedOps(v.page, server.base, board.id, board.tokens.facilitator, [{ op: 'update', id: `r${i - 6}`, set: { text: `改过 ${i}` } }], '引导者');
  await waitFor(v.page, () => window.__jb.element('r3')?.props.text === '改过 9', undefined, SYNC_MS);
  const live = await cardTexts(v.page);

  await v.page.click('[data-testid=history-open]');
  await waitFor(v.page, () => window.__jbHistory.state.open && !window.__jbHistory.state.loading, undefined, 15_000);
  const opened = await v.page.evaluate(() => window.__jbHistory.state);
  assert.ok(opened.last >= 10, `every step is on the timeline (${opened.last})`);
  assert.match(opened.banner, /^正在查看 /);
  assert.equal(await v.page.isVisible('[data-testid=history-restore]'), false, 'a viewer may not restore');

  // back to the start, play at 1x, then speed up to 50x while it plays
  await v.page.evaluate(() => window.__jbHistory.go(0));
  assert.deepEqual(await v.page.evaluate(() => window.__jbHistory.state.cards()), []);
  await v.page.selectOption('[data-testid=history-speed]', '1');
  await v.page.click('[data-testid=history-play]');
  await waitFor(v.page, () => window.__jbHistory.state.playing && window.__jbHistory.state.point >= 3, undefined, 15_000);
  await v.page.selectOption('[data-testid=history-speed]', '50');
  assert.equal(await v.page.evaluate(() => window.__jbHistory.state.speed), 50);
  await waitFor(v.page, () => !window.__jbHistory.state.playing, undefined, 30_000);
  const end = await v.page.evaluate(() => window.__jbHistory.state);
  assert.equal(end.point, end.last);
  assert.deepEqual(await v.page.evaluate(() => window.__jbHistory.state.cards()), live);
  await screenshot(v.page, 'history-replay-zh');

  // leaving the timeline shows the live board again
  await v.page.click('[data-testid=history-close]');
  assert.equal(await v.page.isVisible('[data-testid=history-view]'), false);
  await v.context.close();
});
