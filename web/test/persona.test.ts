import { describe, expect, it } from 'vitest';
import { BoardDoc } from '../src/model/doc';
import { avatarColor, initials } from '../src/render/avatar';
import { layoutBoard } from '../src/render/layout';
import { isPersonaCard } from '../src/render/persona-card';
import { TextLayout } from '../src/render/text';
import { personaOptions } from '../src/ui/persona/persona-panel';
import { card, lane, stage } from './fakes';

const text = new TextLayout((s) => [...s].reduce((w, ch) => w + (/[\u2e80-\u9fff]/.test(ch) ? 14 : 7), 0));

describe('generated avatars', () => {
  it('shows a Chinese name’s first character and a Latin name’s first and last initials', () => {
    expect(initials('李女士')).toBe('李');
    expect(initials('  王先生 ')).toBe('王');
    expect(initials('Ms Li')).toBe('ML');
    expect(initials('anna maria schmidt')).toBe('AS');
    expect(initials('Lin')).toBe('L');
    expect(initials('陈晓 Chen Xiao')).toBe('陈');
    expect(initials('')).toBe('?');
    expect(initials('キム')).toBe('キ');
  });

  it('derives one stable, dark enough colour per name', () => {
    expect(avatarColor('李女士')).toBe(avatarColor('李女士'));
    expect(avatarColor('李女士')).not.toBe(avatarColor('王先生'));
    for (const name of ['李女士', 'Ms Li', 'Mrs Liu', '周经理']) {
      const c = avatarColor(name);
      expect(c).toMatch(/^#[0-9a-f]{6}$/);
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
      expect(0.299 * r + 0.587 * g + 0.114 * b).toBeLessThan(150); // white initials stay readable
    }
  });
});

describe('persona cards', () => {
  const profile = { name: '李女士', text: '32岁，上班族', quote: '“午休就十分钟，付款还要跳三次页面，我就不买了。”', goals: '快速下单；买到合适尺码；退换省心', frustrations: '尺码表看不懂\n支付步骤多' };
  const doc = new BoardDoc([
    stage('s1', 'a'), stage('s2', 'b'), lane('lp', 'a', 'persona'), lane('la', 'b', 'actions'),
    card('li', 'lp', 's1', 'V', profile), card('note', 'lp', 's2', 'V', { text: '场景：通勤路上' }),
    card('wang', 'lp', 's2', 'W', { name: 'Mr Wang' }), card('a1', 'la', 's1', 'V', { persona: 'li' }),
  ]);
  const L = layoutBoard(doc, text, 'zh', { stage: 'Stage', lane: 'Lane' });

  it('a profile in a persona lane is drawn as a profile card, taller than a note', () => {
    expect(isPersonaCard(doc.get('li')!, 'persona')).toBe(true);
    expect(isPersonaCard(doc.get('note')!, 'persona')).toBe(false);
    expect(isPersonaCard(doc.get('a1')!, 'actions')).toBe(false);
    const li = L.cardById.get('li')!;
    expect(li.persona?.name).toEqual(['李女士']);
    expect(li.persona?.about).toEqual(['32岁，上班族']);
    expect(li.persona?.goals.filter((g) => g.bullet).length).toBe(3);
    expect(li.persona?.frustrations.filter((g) => g.bullet).length).toBe(2);
    expect(li.h).toBe(li.persona!.h);
    expect(li.h).toBeGreaterThan(L.cardById.get('note')!.h + 100);
    expect(L.cardById.get('note')!.persona).toBeUndefined();
  });

  it('the persona selector offers the board’s profile cards, not plain notes', () => {
    expect(personaOptions(doc).map((o) => o.id).sort()).toEqual(['li', 'wang']);
    expect(personaOptions(doc).find((o) => o.id === 'li')?.name).toBe('李女士');
  });
});
