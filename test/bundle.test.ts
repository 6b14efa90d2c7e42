// bin/hzreport.js runs the esbuild bundle (scripts/build-bundle.mjs) when it is current. It must
// behave exactly like tsc's unbundled dist/cli.js: same output, same messages, same exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script without types
import { OUT_PATH } from '../scripts/build-validator.mjs';

const root = new URL('..', import.meta.url).pathname;
const bundle = new URL('../dist/hzreport.bundle.js', import.meta.url);
const cli = new URL('../dist/cli.js', import.meta.url);
// `npm test` builds (tsc, then the bundle) first; after a plain `tsc` the bin does not use the bundle.
const current = existsSync(bundle) && existsSync(cli) && statSync(bundle).mtimeMs >= statSync(cli).mtimeMs;

function run(args: string[], bundled: boolean) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  if (bundled) delete env.HZREPORT_NO_BUNDLE;
  else env.HZREPORT_NO_BUNDLE = '1';
  const r = spawnSync(process.execPath, ['bin/hzreport.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// `npm test` and `npm run test:cli` build (tsc, then the bundle): a stale or missing bundle is a failure, not a skip.
it('has a current bundle to run', () => {
  expect(current, 'run `npm run build`').toBe(true);
});

describe.runIf(current)('the bundled CLI', () => {
  it.each([
    [['check', 'fixtures/hangzhou-2021-q3.tsv']],
    [['parse', 'fixtures/hangzhou-2021-q3.tsv']],
    [['check', 'fixtures/no-such-file.tsv']],
    [['--version']],
    [['schema']],
  ])('%j: same as dist/cli.js', (args) => {
    const a = run(args, true);
    const b = run(args, false);
    expect(a.status).toBe(b.status);
    expect(a.stderr).toBe(b.stderr);
    expect(a.stdout === b.stdout).toBe(true);
  });
});

describe('the build output', () => {
  it('carries the same generated validator as src/generated/', () => {
    const dist = new URL('../dist/generated/validate-report.js', import.meta.url);
    expect(existsSync(dist), 'dist/ is missing: run `npm run build` (npm test and npm run test:cli do)').toBe(true);
    expect(readFileSync(dist, 'utf8') === readFileSync(OUT_PATH as string, 'utf8')).toBe(true);
  });
});
