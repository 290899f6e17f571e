// The crowd-sourced emotion curve in real browsers (issue 13 §3): a facilitator and four editors
// score three stages in a secret emotion round. Every WebSocket frame each page receives is
// captured: before the close none tells anyone another person's score (each `emotion` message
// holds only the recipient's own scores, plus counts). At the close the results are in the
// document and every page draws the same mean, spread and count per stage; a second round is then
// compared with the first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBoard, grid, openParticipant, screenshot, waitFor, webDir, withServerAndBrowser } from './harness.mjs';

if (!process.env.JB_WEB_CLASSES && existsSync(join(webDir, 'target/classes/webroot/index.html'))) process.env.JB_WEB_CLASSES = 'target/classes';

let server, browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

/** Every server message a page receives, in order (batches unpacked), with the time it came. */
function recordFrames(into) {
  return (page) => {
    page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
      let msg;
      try { msg = JSON.parse(text); } catch { return; }
      const unpack = (m) => (m.type === 'batch' ? m.messages.forEach(unpack) : into.push({ msg: m, raw: JSON.stringify(m) }));
      unpack(msg);
    }));
  };
}

const emo = (page) => page.evaluate(() => window.__jb.facil.emotion);

async function score(p, stage, value) {
  const sel = `[data-testid=emotion-panel] .emo-row[data-target="${stage}"] ${value === null ? '.emo-take-back' : `[data-score="${value}"]`}`;
  await p.page.click(sel);
  p.sent.push([stage, value]);
  await waitFor(p.page, ([s, v]) => (window.__jb.facil.emotion.mine[s] ?? null) === v, [stage, value], 5000);
}

async function openPanel(page) {
  if (!(await page.locator('[data-testid=facil-panel]').isVisible())) await page.click('[data-testid=facil-open]');
  await page.waitForSelector('[data-testid=facil-panel]:not([hidden]) [data-testid=emotion-section]');
}

async function facilitate(page, action) {
  await openPanel(page);
  await page.click(`[data-action="${action}"]`);
}

const round2 = (v) => Math.round(v * 100) / 100 + 0;
function stats(values) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return { mean: round2(mean), sd: round2(sd), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

test('emotion round: five people score in secret, everyone sees the same mean and spread, a second round compares', async () => {
  const board = await createBoard(server.base, { title: '情绪曲线工作坊', template: 'journey' });
  const names = ['主持人 Mei', 'Alex', '王磊', 'Sofia', '陈静'];
  const people = [];
  for (const [i, name] of names.entries()) {
    const frames = [];
    const p = await openParticipant(browser, i === 0 ? board.facilitatorUrl : board.editUrl, { name, lang: i % 2 ? 'en' : 'zh', beforeGoto: recordFrames(frames) });
    people.push({ ...p, frames, sent: [] });
  }
  const [fac] = people;
  const { stages } = await grid(fac.page);
  const [consider, purchase, use] = [stages[1], stages[2], stages[3]];

  // the facilitator opens a round named 现状 on every stage
  await openPanel(fac.page);
  await fac.page.fill('[data-testid=emotion-label]', '现状');
  await fac.page.click('[data-action="emotion.open"]');
  for (const p of people) await waitFor(p.page, () => window.__jb.facil.emotion.round?.targets.length === 5, undefined, 5000);
  assert.equal((await emo(people[4].page)).round.label, '现状');
  await fac.page.click('.facil-panel .fp-head button'); // the panel covers the right of the board

  // each person's scores; Sofia changes her mind on purchase, 陈静 takes back her score on use
  const plan = [
    [[consider, 1], [purchase, -2], [use, 2]],
    [[consider, 0], [purchase, -1], [use, 1]],
    [[consider, 1], [purchase, -2], [use, 1]],
    [[consider, 2], [purchase, 2], [purchase, 0]],
    [[consider, 1], [purchase, -1], [use, 1], [use, null]],
  ];
  for (let step = 0; step < 4; step++) {
    for (const [i, p] of people.entries()) if (plan[i][step]) await score(p, ...plan[i][step]);
  }
  await waitFor(fac.page, ([c, pu, u]) => {
    const e = window.__jb.facil.emotion;
    return e.people === 5 && e.counts[c] === 5 && e.counts[pu] === 5 && e.counts[u] === 3;
  }, [consider, purchase, use], 5000);
  const shown = await fac.page.locator(`[data-testid=emotion-panel] .emo-row[data-target="${purchase}"] .emo-count`).getAttribute('data-count');
  assert.equal(shown, '5');
  await screenshot(people[1].page, 'emotion-round-scoring');

  await facilitate(fac.page, 'emotion.close');
  for (const p of people) {
    await waitFor(p.page, (s) => (window.__jb.element(s).props.emotionRounds ?? []).length === 1, purchase, 5000);
    await waitFor(p.page, () => window.__jb.facil.emotion.round === null, undefined, 5000);
  }

  // secrecy: before the results, every emotion message a page got held that person's own scores only
  for (const p of people) {
    const own = new Map();
    for (const [stage, v] of p.sent) if (v !== null) own.set(`${stage}=${v}`, true);
    let secret = true, emotionFrames = 0;
    for (const { msg, raw } of p.frames) {
      if (raw.includes('emotionRounds')) secret = false;
      if (!secret || msg.type !== 'emotion') continue;
      emotionFrames++;
      assert.deepEqual(Object.keys(msg).sort(), ['counts', 'mine', 'people', 'round', 'type'], raw);
      for (const [stage, v] of Object.entries(msg.mine)) {
        assert.ok(own.has(`${stage}=${v}`), `${p.name} was told ${stage}=${v}, not a score of theirs: ${raw}`);
      }
      for (const c of Object.values(msg.counts)) assert.ok(Number.isInteger(c) && c >= 0 && c <= 5);
    }
    assert.ok(emotionFrames >= 10, `${p.name} received the round's updates (${emotionFrames})`);
    assert.equal(secret, false, `${p.name} received the results`);
  }

  // the results: what the server wrote, and what every page draws in the emotion lane
  const expected = {
    [consider]: stats([1, 0, 1, 2, 1]),
    [purchase]: stats([-2, -1, -2, 0, -1]),
    [use]: stats([2, 1, 1]),
  };
  assert.deepEqual(expected[purchase], { mean: -1.2, sd: 0.75, min: -2, max: 0, n: 5 });
  for (const p of people) {
    await p.page.evaluate(() => { window.__jb.fit(); window.__jb.render(); });
    const drawn = await p.page.evaluate(() => window.__jb.emotionDrawn);
    assert.deepEqual(drawn.map((d) => d.stage).sort(), [consider, purchase, use].sort(), p.name);
    for (const d of drawn) {
      assert.deepEqual({ mean: d.mean, sd: d.sd, min: d.min, max: d.max, n: d.n }, expected[d.stage], `${p.name} ${d.stage}`);
      assert.equal(d.faded, false);
    }
    const stored = await p.page.evaluate((s) => window.__jb.element(s).props.emotionRounds[0], purchase);
    assert.equal(stored.label, '现状');
    assert.equal(stored.round, 1);
  }
  await screenshot(fac.page, 'emotion-round-result');

  // a second round after the redesign, on the purchase stage, compared with the first
  await openPanel(fac.page);
  await fac.page.fill('[data-testid=emotion-label]', '改版后');
  for (const s of stages.filter((x) => x !== purchase)) await fac.page.uncheck(`.facil-panel input[data-stage="${s}"]`);
  await fac.page.click('[data-action="emotion.open"]');
  for (const p of people) await waitFor(p.page, () => window.__jb.facil.emotion.round?.round === 2, undefined, 5000);
  assert.deepEqual((await emo(people[2].page)).round.targets, [purchase]);
  await fac.page.click('.facil-panel .fp-head button');
  await score(people[1], purchase, 1);
  await score(people[2], purchase, 2);
  await waitFor(fac.page, () => window.__jb.facil.emotion.people === 2, undefined, 5000);
  await facilitate(fac.page, 'emotion.close');
  const viewer = people[3];
  await waitFor(viewer.page, (s) => (window.__jb.element(s).props.emotionRounds ?? []).length === 2, purchase, 5000);
  await viewer.page.selectOption('[data-testid=emotion-compare]', '1');
  await waitFor(viewer.page, () => window.__jb.emotionDrawn.some((d) => d.faded), undefined, 5000);
  const compared = await viewer.page.evaluate(() => window.__jb.emotionDrawn);
  assert.deepEqual(compared.filter((d) => !d.faded).map((d) => [d.stage, d.round, d.mean, d.n]), [[purchase, 2, 1.5, 2]]);
  assert.deepEqual(compared.filter((d) => d.faded).map((d) => d.round), [1, 1, 1]);
  await screenshot(viewer.page, 'emotion-round-compare');

  for (const p of people) await p.context.close();
});
