import { describe, expect, it } from 'vitest';
import type { ScoredRollout } from '../spec/rollout.js';
import { ProgressRenderer } from './progress.js';

const rollout = (i: number): ScoredRollout => ({
  candidateId: 'c',
  exampleId: `e${i}`,
  sample: 0,
  response: 'Answer: 1',
  score: 1,
  feedback: '',
  usage: { inputTokens: 10, outputTokens: 5 },
  latencyMs: 1,
  source: 'call',
});

describe('ProgressRenderer', () => {
  it('draws a live bar on a TTY with done/total, rate, ETA and live tokens', () => {
    let now = 0;
    let out = '';
    const progress = new ProgressRenderer({
      tty: true,
      write: (t) => {
        out += t;
      },
      now: () => now,
    });
    progress.handle({ type: 'batch-started', label: 'eval test', total: 4 });
    for (let i = 0; i < 4; i++) {
      now += 1000;
      progress.handle({ type: 'rollout-finished', rollout: rollout(i) });
    }
    const frames = out.split('\r\x1b[2K').filter((f) => f !== '');
    expect(frames.at(-1)).toBe('[########################] eval test 4/4  1.0/s  ETA 0s  60 tok');
    expect(frames.some((f) => f.startsWith('[############------------] eval test 2/4'))).toBe(true);
  });

  it('writes plain periodic lines when not a TTY, and the final count', () => {
    let now = 0;
    const lines: string[] = [];
    const progress = new ProgressRenderer({
      tty: false,
      write: (t) => lines.push(t),
      now: () => now,
      intervalMs: 5_000,
    });
    progress.handle({ type: 'batch-started', label: 'eval', total: 10 });
    for (let i = 0; i < 10; i++) {
      now += 1_000;
      progress.handle({ type: 'rollout-finished', rollout: rollout(i) });
    }
    expect(lines.every((l) => l.endsWith('\n') && !l.includes('\x1b'))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(lines.some((l) => l.startsWith('progress: eval 5/10'))).toBe(true);
  });
});
