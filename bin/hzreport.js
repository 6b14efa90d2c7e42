#!/usr/bin/env node
// Runs the bundled CLI (dist/hzreport.bundle.js, made by `npm run build`: one file loads faster
// than ~40 modules) when it is at least as new as tsc's dist/cli.js; otherwise, e.g. after a plain
// `tsc` since the last full build, or with HZREPORT_NO_BUNDLE=1, the unbundled dist/cli.js.
import { statSync } from 'node:fs';

function bundleIsCurrent() {
  if (process.env.HZREPORT_NO_BUNDLE) return false;
  try {
    const mtime = (name) => statSync(new URL(`../dist/${name}`, import.meta.url)).mtimeMs;
    return mtime('hzreport.bundle.js') >= mtime('cli.js');
  } catch {
    return false;
  }
}

const { main } = await import(bundleIsCurrent() ? '../dist/hzreport.bundle.js' : '../dist/cli.js');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Unexpected failure: one line, no stack, exit 2.
    process.stderr.write(`hzreport: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
