import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { checkOutputPath } from './output-path.js';

describe('checkOutputPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sepo-out-'));
  const file = join(dir, 'file.txt');
  writeFileSync(file, 'x');

  it('accepts a new file, a file under directories still to create, and an existing file', () => {
    expect(() => checkOutputPath('--out', join(dir, 'new.txt'))).not.toThrow();
    expect(() => checkOutputPath('--out', join(dir, 'a', 'b', 'new.txt'))).not.toThrow();
    expect(() => checkOutputPath('--out', file)).not.toThrow();
  });

  it('refuses a directory, a path through a file, and an empty path, naming the flag', () => {
    expect(() => checkOutputPath('--out', dir)).toThrow(
      new ConfigError('--out', `${dir} is a directory; give a file path, e.g. ${join(dir, 'out.txt')}`),
    );
    expect(() => checkOutputPath('--out', `${join(dir, 'new')}/`)).toThrow(/^--out: .* names a directory/);
    expect(() => checkOutputPath('--save-rewards', join(file, 'x.json'))).toThrow(
      /^--save-rewards: cannot create .*: a part of the path is a file, not a directory$/,
    );
    expect(() => checkOutputPath('--out', ' ')).toThrow(/^--out: is empty/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a directory it cannot write to', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    expect(() => checkOutputPath('--out', join(locked, 'x.txt'))).toThrow(/is not writable/);
  });
});
