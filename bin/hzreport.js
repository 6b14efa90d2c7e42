#!/usr/bin/env node
import { main } from '../dist/cli.js';

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
