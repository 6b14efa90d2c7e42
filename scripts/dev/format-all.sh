#!/usr/bin/env bash
# One-off: reformat the whole tree with Prettier, then make sure ESLint still passes. Run once by the
# lead after the parallel branches are merged (a reformat on any one branch would conflict with every
# other), commit the result on its own ("prettier: format the tree, no other change"), check the
# fingerprints are unchanged (CONTRIBUTING.md, "Refactoring"), then add `npm run lint` to .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx prettier --write --log-level warn src test scripts eslint.config.js vitest.config.ts
npx eslint src test scripts
npx prettier --check src test scripts eslint.config.js vitest.config.ts
echo "formatted; now: npm run build && node scripts/dev/fingerprint.mjs (same hashes as before), npm run typecheck, npm test"
