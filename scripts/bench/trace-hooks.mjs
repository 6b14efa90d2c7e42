// Module-load tracing for test/startup.test.ts: `node --import ./scripts/bench/trace-hooks.mjs …`
// appends every module URL the program loads (ESM imports, and CommonJS requires such as the
// lazily required cheerio) to the file named by HZ_TRACE_FILE.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.HZ_TRACE_FILE;
if (file) {
  register('./trace-loader.mjs', { parentURL: import.meta.url, data: { file } });
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    try {
      appendFileSync(file, `cjs ${Module._resolveFilename(request, parent, isMain)}\n`);
    } catch {
      /* builtins and the like */
    }
    return load.apply(this, arguments);
  };
}
