import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVENESS, DeathCause, Liveness } from '../src/sync/liveness';
import { FakeClock } from './fakes';

function setup() {
  const clock = new FakeClock();
  const log: string[] = [];
  const deaths: { cause: DeathCause; at: number }[] = [];
  const l = new Liveness(DEFAULT_LIVENESS, clock, { probe: () => log.push(`probe@${clock.t}`), dead: (cause) => deaths.push({ cause, at: clock.t }) });
  return { clock, log, deaths, l };
}

describe('Liveness', () => {
  it('probes after two seconds of silence and stays quiet while frames arrive', () => {
    const { clock, log, deaths, l } = setup();
    l.opening(); l.opened(); l.welcomed();
    for (let i = 0; i < 20; i++) { clock.advance(500); l.heard(); }
    expect(log).toEqual([]);
    clock.advance(2000);
    expect(log).toEqual(['probe@12000']);
    l.heard(); // the echo
    clock.advance(1000);
    expect(deaths).toEqual([]);
  });

  it('declares a silent connection dead within 10 s of the last frame', () => {
    const { clock, deaths, l } = setup();
    l.opening(); l.opened(); l.welcomed();
    clock.advance(700);
    l.heard(); // the last frame at 700
    clock.advance(20_000);
    expect(deaths.length).toBe(1);
    expect(deaths[0].cause).toBe('silent');
    expect(deaths[0].at - 700).toBeLessThanOrEqual(10_000);
    expect(deaths[0].at - 700).toBeGreaterThanOrEqual(DEFAULT_LIVENESS.probeAfterMs + DEFAULT_LIVENESS.answerMs);
  });

  it('a socket that never opens, or is never welcomed, is dead too', () => {
    const a = setup();
    a.l.opening();
    a.clock.advance(DEFAULT_LIVENESS.openTimeoutMs + 1000);
    expect(a.deaths.map((d) => d.cause)).toEqual(['open-timeout']);
    const b = setup();
    b.l.opening(); b.clock.advance(100); b.l.opened();
    b.clock.advance(DEFAULT_LIVENESS.welcomeTimeoutMs - 1000);
    expect(b.deaths).toEqual([]);
    b.clock.advance(2000);
    expect(b.deaths.map((d) => d.cause)).toEqual(['welcome-timeout']);
  });

  it('after throttled timers (a hidden tab) it asks before it judges', () => {
    const { clock, log, deaths, l } = setup();
    l.opening(); l.opened(); l.welcomed();
    // the next check comes a minute late: silence it could not watch is not death
    const pending = clock.timers.splice(0);
    clock.t += 60_000;
    pending[0].fn();
    expect(deaths).toEqual([]);
    expect(log).toEqual(['probe@60000']);
    l.heard();
    clock.advance(1500);
    expect(deaths).toEqual([]);
  });

  it('stop() ends the checks', () => {
    const { clock, deaths, l } = setup();
    l.opening(); l.opened(); l.welcomed();
    l.stop();
    clock.advance(60_000);
    expect(deaths).toEqual([]);
    expect(clock.timers).toEqual([]);
  });
});
