import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../errors.js';

/*
 * What the serving commands (`serve-reward`, `serve-sim`) share: binding with a clear error, the URL
 * to print, and running until SIGINT or SIGTERM.
 */

/** Listens on host:port; a port in use (or any bind error) is one line naming --port. */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? 'the port is in use (pick another with --port, or --port 0 for a free one)'
          : (error.code ?? error.message);
      reject(new ConfigError('--port', `cannot listen on ${host}:${port}: ${why}`));
    });
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** The base URL of a bound address (IPv6 in brackets). */
export function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Stops accepting, ends open connections, resolves when closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
