/* global require, __filename */
// Injected into the CommonJS bundle (scripts/build-bundle.mjs): import.meta.url of the ES modules it was
// made from, as the bundle's own file URL (dist/, like theirs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const __hzModuleUrl = require('node:url').pathToFileURL(__filename).href;
