import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/** How to start a Chromium for the report's browser test. */
export interface ChromiumLaunch {
  readonly executablePath: string;
  readonly args: readonly string[];
  /** Environment for the browser process (the bundled shared libraries, when the system lacks them). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where it came from, for messages. */
  readonly source: string;
}

/** Flags Chromium needs headless in a container (no GPU, no sandbox, no background traffic). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-zygote',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Where the system keeps libnss3 (which Chromium links): its absence means a machine without browser libraries. */
const SYSTEM_LIB_DIRS = [
  '/lib/x86_64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/lib64',
  '/usr/lib64',
  '/usr/lib',
];

/**
 * A Chromium for the browser test, with nothing installed by hand: first the one shipped inside the
 * `@sparticuz/chromium` devDependency (a Brotli-compressed binary, unpacked once to the temp dir); then
 * Debian's /usr/bin/chromium. Undefined, with the reason, when neither is there.
 *
 * The npm binary links NSS, NSPR and expat; the package ships them too (built for Amazon Linux 2023).
 * They are unpacked and put on the browser's LD_LIBRARY_PATH only when the system has no libnss3 (a
 * fresh machine), so a machine with its own libraries keeps using them.
 */
export async function findChromium(
  options: { readonly bundledLibs?: boolean } = {},
): Promise<ChromiumLaunch | { readonly missing: string }> {
  let npmProblem = '';
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const executablePath = await chromium.executablePath();
    const needLibs = options.bundledLibs ?? !SYSTEM_LIB_DIRS.some((d) => existsSync(join(d, 'libnss3.so')));
    const libs = needLibs ? unpackBundledLibs() : undefined;
    return {
      executablePath,
      args: CHROMIUM_ARGS,
      env: {
        ...process.env,
        ...(libs === undefined
          ? {}
          : { LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') }),
      },
      source: `@sparticuz/chromium (${executablePath}${libs === undefined ? '' : `, libraries from ${libs}`})`,
    };
  } catch (error) {
    npmProblem = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  }
  if (existsSync(DEBIAN_CHROMIUM)) {
    return {
      executablePath: DEBIAN_CHROMIUM,
      args: CHROMIUM_ARGS,
      env: process.env,
      source: DEBIAN_CHROMIUM,
    };
  }
  return {
    missing:
      `no Chromium for the report's browser test: the @sparticuz/chromium devDependency did not provide one (${npmProblem}); ` +
      "run `npm install` (it ships the browser), or install Debian's chromium (apt-get install -y chromium)",
  };
}

/** Unpacks the package's al2023.tar.br (plain files under lib/) into the temp dir, once; returns the lib dir. */
function unpackBundledLibs(): string {
  const out = join(tmpdir(), 'sepo-chromium-al2023');
  const lib = join(out, 'lib');
  if (existsSync(join(lib, 'libnss3.so'))) return lib;
  // The package exports only its entry (build/cjs/index.cjs); bin/ is two levels up from it.
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const tar = brotliDecompressSync(readFileSync(join(dirname(entry), '..', '..', 'bin', 'al2023.tar.br')));
  const staging = `${out}.${process.pid}`;
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const field = (start: number, length: number): string =>
      tar
        .subarray(offset + start, offset + start + length)
        .toString('latin1')
        .replace(/\0.*$/s, '');
    const name = field(0, 100);
    if (name === '') break;
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    if ((type === '0' || type === '') && !name.includes('..')) {
      const target = join(staging, name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, tar.subarray(offset + 512, offset + 512 + size), { mode: 0o755 });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  if (!existsSync(out)) renameSync(staging, out);
  return lib;
}
