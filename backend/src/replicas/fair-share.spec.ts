import { describe, expect, it } from 'vitest';
import { fairShare, rebalanceStep } from './fair-share';

describe('fair share of instances between replicas', () => {
  it('gives every instance a holder, rounding the share up', () => {
    expect(fairShare(6, 3)).toBe(2);
    expect(fairShare(7, 3)).toBe(3);
    expect(fairShare(5, 0)).toBe(5);
  });

  it('claims up to the share, hands back above it a tenth of the share per heartbeat (at least one), and holds still at the share', () => {
    expect(rebalanceStep(0, 6, 3)).toEqual({ claim: 2, release: 0 });
    expect(rebalanceStep(3, 6, 3)).toEqual({ claim: 0, release: 1 });
    expect(rebalanceStep(5, 6, 3)).toEqual({ claim: 0, release: 1 });
    expect(rebalanceStep(2, 6, 3)).toEqual({ claim: 0, release: 0 });
    expect(rebalanceStep(146, 300, 3)).toEqual({ claim: 0, release: 10 });
    expect(rebalanceStep(103, 300, 3)).toEqual({ claim: 0, release: 3 });
  });

  it('evens out 300 instances held 146 / 100 / 54 within a few heartbeats, moving only the excess', () => {
    const held = [146, 100, 54];
    let moves = 0;
    let beats = 0;
    while (held.some((count) => count !== 100) && beats < 50) {
      beats += 1;
      for (let replica = 0; replica < held.length; replica++) {
        const free = 300 - held.reduce((sum, count) => sum + count, 0);
        const { claim, release } = rebalanceStep(held[replica]!, 300, 3);
        held[replica]! += Math.min(claim, free) - release;
        moves += release;
      }
    }
    expect(held).toEqual([100, 100, 100]);
    expect(moves).toBe(46);
    expect(beats).toBeLessThanOrEqual(6);
  });

  it('settles 6 instances on 3 replicas after the third returns, without moving any instance twice', () => {
    const held = [3, 3, 0];
    let moves = 0;
    for (let beat = 0; beat < 10; beat++) {
      for (let replica = 0; replica < held.length; replica++) {
        const free = 6 - held.reduce((sum, count) => sum + count, 0);
        const { claim, release } = rebalanceStep(held[replica], 6, 3);
        held[replica] += Math.min(claim, free) - release;
        moves += release;
      }
    }
    expect(held).toEqual([2, 2, 2]);
    expect(moves).toBe(2);
  });
});
