import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';

// Two projects (CONTRIBUTING.md, "Tests"): `unit` runs in-process against src/ with no build
// (`npm run test:unit`, the inner loop); `cli` runs the built program (`npm run test:cli`, which
// builds first). `npm test` builds and runs both. A file is sorted by what it does, so new files
// need no registration: it is a CLI test when its name ends in .cli.test.ts, or it starts
// processes (imports node:child_process, or the spawning helper hz() of test/helpers/run.ts), or it
// reads the build output (mentions dist/). Everything else is a unit test.
const ROOT = new URL('.', import.meta.url).pathname;
const RUNS_THE_BUILD = [
  /\.cli\.test\.ts$/,
  /from\s*['"](node:)?child_process['"]/,
  /import\s*\{[^}]*\bhz\b[^}]*\}\s*from\s*['"]\.\/helpers\/run(\.js)?['"]/,
  /(^|[\s'"`(])(\.\.\/)*dist\//m,
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return e.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

const cli: string[] = [];
const unit: string[] = [];
for (const file of testFiles(join(ROOT, 'test'))) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  (RUNS_THE_BUILD.some((p) => p.test(file) || p.test(text)) ? cli : unit).push(file);
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    // The helpers' temporary directories are removed after each test file.
    setupFiles: ['test/helpers/cleanup.ts'],
    projects: [
      // Unit files share their workers' module cache (isolate: false): importing the compiler per file was a third of the time.
      { extends: true, test: { name: 'unit', include: unit, isolate: false } },
      { extends: true, test: { name: 'cli', include: cli } },
    ],
  },
});
