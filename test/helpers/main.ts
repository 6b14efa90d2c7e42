// Runs the CLI in this process (src/cli.ts main, from source: no build needed) and captures what it
// writes, exit code included: for unit tests of what the program prints. Real processes
// (test/helpers/run.ts hz(), in *.cli.test files) stay for what only a process shows: stdin, the
// bin script and the bundle, signals, start-up, memory. See CONTRIBUTING.md, "Tests".
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { main } from '../../src/cli.js';
import { neutralEnv, type Run } from './run.js';

type Write = typeof process.stdout.write;
type WriteSync = typeof fs.writeSync;

/**
 * fs.writeSync with descriptors 1 and 2 going into `out` and `err` (src/output.ts writes standard output
 * through its descriptor); syncBuiltinESMExports() makes `import { writeSync } from 'node:fs'` see it.
 */
function captureDescriptors(out: Buffer[], err: Buffer[]): () => void {
  const original = fs.writeSync;
  const patched = (fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]): number => {
    if (fd !== 1 && fd !== 2) return (original as (...a: unknown[]) => number)(fd, data, ...rest);
    let bytes: Buffer;
    if (typeof data === 'string') bytes = Buffer.from(data, typeof rest[1] === 'string' ? (rest[1] as BufferEncoding) : 'utf8');
    else {
      const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      const offset = typeof rest[0] === 'number' ? rest[0] : 0;
      const length = typeof rest[1] === 'number' ? rest[1] : view.length - offset;
      bytes = Buffer.from(view.subarray(offset, offset + length));
    }
    (fd === 1 ? out : err).push(bytes);
    return bytes.length;
  };
  fs.writeSync = patched as WriteSync;
  syncBuiltinESMExports();
  return () => {
    fs.writeSync = original;
    syncBuiltinESMExports();
  };
}

/**
 * `hzreport ARGS…` in-process, in the neutral environment hz() gives a child (LANG=C, no colour forcing),
 * with standard output and error seen as pipes (not terminals), from cwd when given.
 */
export async function runMain(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<Run> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const capture =
    (into: Buffer[]): Write =>
    (chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), done?: (e?: Error | null) => void) => {
      into.push(
        typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk),
      );
      (typeof encoding === 'function' ? encoding : done)?.();
      return true;
    };
  const saved = { out: process.stdout.write, err: process.stderr.write, env: process.env, cwd: process.cwd() };
  const tty = { out: process.stdout.isTTY, err: process.stderr.isTTY };
  const env = neutralEnv(options.env);
  let code: number;
  process.env = env as NodeJS.ProcessEnv;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  const restoreDescriptors = captureDescriptors(out, err);
  process.stdout.isTTY = false;
  process.stderr.isTTY = false;
  try {
    if (options.cwd) process.chdir(options.cwd);
    code = await main(['node', 'hzreport', ...args], { tune: false });
  } catch (e) {
    // What bin/hzreport.js does with an unexpected failure.
    err.push(Buffer.from(`hzreport: internal error: ${e instanceof Error ? e.message : String(e)}\n`));
    code = 2;
  } finally {
    restoreDescriptors();
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.env = saved.env;
    process.stdout.isTTY = tty.out;
    process.stderr.isTTY = tty.err;
    process.chdir(saved.cwd);
  }
  const raw = Buffer.concat(out);
  return { code, stdout: raw.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), raw };
}
