import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../errors.js';
import { REPO_ROOT } from '../../test-support/run-cli.js';
import { loadTaskAsync } from '../load-task.js';
import { createDownloadProgress } from './download-progress.js';
import { ensureDatasetFiles } from './ensure-dataset-files.js';
import { closedLocalUrl, type LocalHub, startLocalHub } from './local-hub-server.js';

const SHARED = join(REPO_ROOT, '..', 'shared', 'datasets');

let hub: LocalHub;
beforeAll(async () => {
  hub = await startLocalHub(SHARED);
});
afterAll(async () => {
  await hub.close();
});

function freshEnv(extra: Record<string, string> = {}): Record<string, string> {
  const cache = mkdtempSync(join(tmpdir(), 'sepo-cache-'));
  return { SEPO_CACHE_DIR: cache, SEPO_HUB_URL: hub.url, SEPO_ROWS_API_URL: hub.url, ...extra };
}

describe('ensureDatasetFiles against a local hub', () => {
  it('downloads a hub file once (checksum verified), then uses the cache', async () => {
    const env = freshEnv();
    const out: string[] = [];
    const first = await ensureDatasetFiles('math500', { env, write: (t) => out.push(t) });
    expect(first.downloaded).toEqual(['math500/test.jsonl']);
    expect(first.dataDir).toBe(join(env.SEPO_CACHE_DIR ?? '', 'datasets'));
    const saved = readFileSync(join(first.dataDir, 'math500/test.jsonl'));
    expect(saved.equals(readFileSync(join(SHARED, 'math500/test.jsonl')))).toBe(true);
    expect(out.join('')).toMatch(
      /downloading math500\/test\.jsonl[\s\S]*downloaded math500\/test\.jsonl: 447 kB/,
    );
    const before = hub.requests.length;
    const second = await ensureDatasetFiles('math500', { env, write: (t) => out.push(t) });
    expect(second.downloaded).toEqual([]);
    expect(hub.requests.length).toBe(before);
  });

  it('builds row-API datasets page by page in the layout the loaders read', async () => {
    const env = freshEnv();
    const before = hub.requests.length;
    const task = await loadTaskAsync('gsm8k', { env });
    expect(task.splits.train.length + task.splits.val.length).toBe(7473);
    expect(task.splits.test).toHaveLength(1319);
    expect(task.splits.test[0]).toMatchObject({ id: 'test-0', answer: '18' });
    // 1319 and 7473 rows in pages of 100.
    expect(hub.requests.length - before).toBe(14 + 75);
    const aime = await loadTaskAsync('aime2025', { env });
    const ids = [...aime.splits.train, ...aime.splits.val, ...aime.splits.test].map((e) => e.id);
    expect(ids).toContain('2025-I-1');
    expect(ids).toContain('2025-II-15');
    const shared = readFileSync(join(SHARED, 'aime_2025/aime_2025.jsonl'), 'utf8').split('\n')[0] ?? '';
    const built = readFileSync(join(env.SEPO_CACHE_DIR ?? '', 'datasets/aime_2025/aime_2025.jsonl'), 'utf8');
    expect(JSON.parse(built.split('\n')[0] ?? '')).toEqual(JSON.parse(shared));
  });

  it('rejects a file whose checksum does not match, and saves nothing', async () => {
    const env = freshEnv();
    hub.tampered.add('math500/test.jsonl');
    try {
      const error = await ensureDatasetFiles('math500', { env }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      expect((error as Error).message).toMatch(/checksum mismatch.*expected sha256 35dc4108/);
      const dir = join(env.SEPO_CACHE_DIR ?? '', 'datasets', 'math500');
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    } finally {
      hub.tampered.delete('math500/test.jsonl');
    }
  });

  it('says the machine looks offline when the hub cannot be reached', async () => {
    const env = freshEnv({ SEPO_HUB_URL: await closedLocalUrl() });
    const error = await ensureDatasetFiles('math500', { env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/ECONNREFUSED\): no network connection\?.*--data-dir/);
    const offline = await ensureDatasetFiles('math500', {
      env: { ...freshEnv(), HF_HUB_OFFLINE: '1' },
    }).catch((e: unknown) => e);
    expect((offline as Error).message).toMatch(/offline mode is on/);
  });

  it('reports a missing file on the hub, and sends HF_TOKEN', async () => {
    const env = freshEnv({ HF_TOKEN: 'hf_test', SEPO_HUB_URL: `${hub.url}/nowhere` });
    const error = await ensureDatasetFiles('math500', { env }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /cannot download from .*\/nowhere\/datasets\/HuggingFaceH4\/MATH-500\/resolve\/[0-9a-f]{40}\/test\.jsonl: not found/,
    );
    expect(hub.authorizations).toContain('Bearer hf_test');
  });

  it('never downloads into a data dir the user chose, nor for non-dataset tasks', async () => {
    const env = freshEnv();
    const before = hub.requests.length;
    const chosen = mkdtempSync(join(tmpdir(), 'sepo-chosen-'));
    expect(await ensureDatasetFiles('math500', { env, dataDir: chosen })).toEqual({
      dataDir: chosen,
      downloaded: [],
    });
    expect((await ensureDatasetFiles('math500', { env: { ...env, SEPO_DATA_DIR: chosen } })).dataDir).toBe(
      chosen,
    );
    expect((await ensureDatasetFiles('sim:demo', { env })).downloaded).toEqual([]);
    expect(hub.requests.length).toBe(before);
  });
});

describe('createDownloadProgress', () => {
  it('draws a bar on a TTY and plain lines otherwise', () => {
    const out: string[] = [];
    let t = 0;
    const bar = createDownloadProgress('x.jsonl', 'bytes', {
      write: (s) => out.push(s),
      tty: true,
      now: () => (t += 200),
    });
    bar.update(500, 1000);
    bar.update(1000, 1000);
    bar.finish('1 kB');
    expect(out[0]).toContain('x.jsonl [############------------] 50% 500 B/1 kB');
    expect(out.at(-1)).toBe('\rx.jsonl: 1 kB\u001b[K\n');
    const plain: string[] = [];
    const line = createDownloadProgress('y.jsonl', 'rows', { write: (s) => plain.push(s), tty: false });
    line.update(5, 10);
    line.finish('10 rows');
    expect(plain).toEqual(['downloading y.jsonl\n', 'downloaded y.jsonl: 10 rows\n']);
  });
});
