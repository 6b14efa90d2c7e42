// Runs the built CLI exactly as users do (`node bin/hzreport.js …`) and captures everything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SEED = join(ROOT, 'fixtures/hangzhou-2021-q3.tsv');
const BIN = join(ROOT, 'bin/hzreport.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  raw: Buffer;
}

/** A neutral environment for the CLI: no colour forcing, English messages, unless a test asks otherwise. */
export function neutralEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    FORCE_COLOR: undefined,
    NO_COLOR: undefined,
    GITHUB_WORKSPACE: undefined,
    LANG: 'C',
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    ...extra,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Record<string, string>;
}

export function hz(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string | undefined>; cwd?: string } = {},
): Run {
  if (!existsSync(join(ROOT, 'dist/cli.js')))
    throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
  const env = neutralEnv(options.env);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    env: env as NodeJS.ProcessEnv,
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), raw: r.stdout };
}

const made = new Set<string>();

/** A fresh directory under the system's temporary one, removed after the test file (test/helpers/cleanup.ts). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hzreport-test-'));
  made.add(dir);
  return dir;
}

/** Removes every directory tempDir() made (run after each test file by the setup file test/helpers/cleanup.ts). */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}

/** A small report cut from the seed: its preamble, header and first task (lines 1-24), optionally edited. */
export function excerpt(dir: string, name: string, edit: (lines: string[]) => void = () => {}): string {
  const lines = readFileSync(SEED, 'utf8').split('\n').slice(0, 24);
  edit(lines);
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
