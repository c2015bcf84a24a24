import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DATASET_SOURCES } from './dataset-sources.js';

/**
 * A stand-in for the Hugging Face hub and its dataset viewer API on 127.0.0.1, serving the files of
 * a local data dir (the layout in docs/tasks.md) at the URLs of `DATASET_SOURCES`. For tests and
 * benchmarks of the download path: nothing here touches the internet.
 */
export interface LocalHub {
  readonly url: string;
  /** Requests seen, as "METHOD path?query". */
  readonly requests: string[];
  /** Authorization headers seen. */
  readonly authorizations: string[];
  /** Files (layout paths) served with one byte changed, to provoke checksum errors. */
  readonly tampered: Set<string>;
  close(): Promise<void>;
}

function rowsFor(file: string, dataDir: string): Record<string, unknown>[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function route(
  req: IncomingMessage,
  dataDir: string,
  hub: LocalHub,
): { status: number; body: string | Buffer } {
  const url = new URL(req.url ?? '/', 'http://localhost');
  for (const [file, source] of Object.entries(DATASET_SOURCES)) {
    if (source.kind === 'hub-file') {
      const path = `/datasets/${source.repo}/resolve/${source.revision}/${source.path}`;
      if (url.pathname !== path) continue;
      const data = readFileSync(join(dataDir, file));
      if (hub.tampered.has(file)) data[0] = (data[0] ?? 0) ^ 1;
      return { status: 200, body: data };
    }
    if (url.pathname !== '/rows') continue;
    const part = source.parts.findIndex(
      (p) =>
        p.dataset === url.searchParams.get('dataset') &&
        p.config === url.searchParams.get('config') &&
        p.split === url.searchParams.get('split'),
    );
    if (part < 0) continue;
    const all = rowsFor(file, dataDir);
    const per = Math.ceil(all.length / source.parts.length);
    const mine = all.slice(part * per, (part + 1) * per);
    const offset = Number(url.searchParams.get('offset') ?? '0');
    const length = Math.min(100, Number(url.searchParams.get('length') ?? '100'));
    const rows = mine
      .slice(offset, offset + length)
      .map((row, i) => ({ row_idx: offset + i, row, truncated_cells: [] }));
    return {
      status: 200,
      body: JSON.stringify({ features: [], rows, num_rows_total: mine.length, partial: false }),
    };
  }
  return { status: 404, body: 'Entry not found' };
}

export async function startLocalHub(dataDir: string): Promise<LocalHub> {
  const requests: string[] = [];
  const authorizations: string[] = [];
  const tampered = new Set<string>();
  let hub: LocalHub | undefined;
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method ?? 'GET'} ${req.url ?? '/'}`);
    if (req.headers.authorization !== undefined) authorizations.push(req.headers.authorization);
    if (hub === undefined) return;
    const { status, body } = route(req, dataDir, hub);
    res.writeHead(status, { 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  hub = {
    url: `http://127.0.0.1:${port}`,
    requests,
    authorizations,
    tampered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return hub;
}

/** A URL on 127.0.0.1 where nothing listens (connection refused), to test the offline path. */
export async function closedLocalUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
