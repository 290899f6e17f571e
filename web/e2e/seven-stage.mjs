// The seven-stage journey map of the workshop (issue 12): the retail example of shared/examples
// with a delivery and an advocacy stage added, more cards, and a few cards carrying every
// attribute at once. Used by the map screenshots and the canvas tests.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleOps, webDir } from './harness.mjs';

const examplePath = join(webDir, '..', '..', 'shared', 'examples', 'retail-purchase.json');
const retail = JSON.parse(readFileSync(existsSync(examplePath) ? examplePath : join(webDir, 'e2e', 'fixtures', 'retail-purchase.json'), 'utf8'));

const extraStages = [
  { key: 'ship', zh: '配送', en: 'Delivery', after: 'purchase' },
  { key: 'refer', zh: '推荐', en: 'Advocacy', after: 'loyal' },
];

const extraCards = [
  { stage: 'ship', lane: 'actions', zh: '查看物流进度', en: 'Tracks the parcel', emotion: 0 },
  { stage: 'ship', lane: 'touch', zh: '物流短信与App推送', en: 'Shipping SMS and app push', csat: 3 },
  { stage: 'ship', lane: 'emotion', zh: '等待中有点焦虑', en: 'A bit anxious while waiting', emotion: -1 },
  { stage: 'ship', lane: 'pain', zh: '预计送达时间不准，付款后还会变', en: 'The delivery date shown at checkout changes after payment', emotion: -2, mot: true, kano: 'must-be', csat: 2, nps: -20, ces: 6, owner: '物流部 / Logistics' },
  { stage: 'ship', lane: 'opp', zh: '准时达承诺与实时地图', en: 'On-time promise and a live map', kano: 'attractive' },
  { stage: 'refer', lane: 'actions', zh: '在朋友圈晒单', en: 'Posts the purchase for friends', emotion: 2 },
  { stage: 'refer', lane: 'think', zh: '推荐给朋友能有什么好处？', en: 'What do I get for recommending it?' },
  { stage: 'refer', lane: 'emotion', zh: '自豪、愿意分享', en: 'Proud, happy to share', emotion: 2 },
  { stage: 'refer', lane: 'opp', zh: '邀请有礼：双方各得优惠券', en: 'Refer a friend: a coupon for both', kano: 'attractive', nps: 45, owner: '市场部 / Marketing' },
  { stage: 'purchase', lane: 'pain', zh: '支付方式少，找不到常用的钱包', en: 'Few payment methods; my usual wallet is missing', emotion: -2, mot: true, kano: 'must-be', csat: 2, nps: -35, ces: 6, owner: '支付团队 / Payments' },
  { stage: 'consider', lane: 'pain', zh: '尺码表看不懂', en: 'The size chart is hard to read', emotion: -1, csat: 3, ces: 5 },
  { stage: 'use', lane: 'opp', zh: '开箱视频教程', en: 'Unboxing video guide', kano: 'performance', csat: 4 },
];

/** Create ops of the seven-stage map, and the ids of the cards that carry every attribute. */
export function sevenStageOps(lang = 'zh') {
  const stages = [];
  for (const s of retail.stages) {
    stages.push(s);
    for (const x of extraStages) if (x.after === s.key) stages.push(x);
  }
  const example = { ...retail, stages, cards: [...retail.cards, ...extraCards] };
  const ops = exampleOps(example, lang);
  const full = [];
  example.cards.forEach((c, i) => { if (c.mot && c.kano && c.csat !== undefined && c.nps !== undefined && c.ces !== undefined && c.owner) full.push(`cd-${i}`); });
  return { ops, full, title: lang === 'zh' ? '电商购物旅程（七个阶段）' : 'Online shopping journey (seven stages)' };
}

/**
 * The plan data of issues 13 and 14 on a few cards (a department, a metric against its target, a
 * TOP rank, a status): what the data-model round added, written as a facilitator would.
 */
export function cxOps(full) {
  const payments = { op: 'create', id: 'dept-pay', type: 'department', parent: null, index: 'V', props: { labels: { zh: '支付团队', en: 'Payments' } } };
  return [
    payments,
    // the payment page's survey mean against its target
    { op: 'update', id: 'cd-9', set: { csat: 2.4, csatN: 312, csatTarget: 4 } },
    { op: 'update', id: full[0], set: { top: 1 } },
    { op: 'update', id: full[1] ?? full[0], set: { top: 2, dept: 'dept-pay' } },
    // the opportunity of the purchase stage: who owns it and how far it is
    { op: 'update', id: 'cd-12', set: { status: 'in-progress', dept: 'dept-pay' } },
  ];
}

/**
 * A real dot vote over a raw socket with the facilitator's token (vote totals are written only
 * by the close of a vote): open it on the lanes, cast `dots` ({card: n}), close it.
 */
export function runDotVote(page, base, boardId, token, lanes, dots) {
  const url = `${base.replace(/^http/, 'ws')}/ws/boards/${boardId}?token=${encodeURIComponent(token)}`;
  const total = Object.values(dots).reduce((a, b) => a + b, 0);
  return page.evaluate(({ url, lanes, dots, total }) => new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const dec = new TextDecoder();
    const send = (m) => ws.send(JSON.stringify(m));
    let cast = false;
    ws.onopen = () => send({ type: 'hello', v: 1, name: 'Vote', client: 'vote' + Math.random().toString(36).slice(2, 9) });
    const handle = (m) => {
      if (m.type === 'batch') return m.messages.forEach(handle);
      if (m.type === 'welcome') send({ type: 'facilitate', action: 'vote.open', lanes, votesPerPerson: total, multiplePerCard: true });
      else if (m.type === 'session' && m.vote && !cast) {
        cast = true;
        for (const [card, n] of Object.entries(dots)) for (let i = 0; i < n; i++) send({ type: 'vote', card, delta: 1 });
      } else if (m.type === 'votes' && m.cast === total && m.remaining === 0) send({ type: 'facilitate', action: 'vote.close' });
      else if (m.type === 'voteResult') { ws.close(); resolve(m.ranked); }
      else if (m.type === 'error') { ws.close(); reject(new Error(`${m.code} ${m.message}`)); }
    };
    ws.onmessage = (ev) => handle(JSON.parse(typeof ev.data === 'string' ? ev.data : dec.decode(ev.data)));
  }), { url, lanes, dots, total });
}
