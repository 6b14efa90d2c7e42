// Module-load tracing for test/startup.test.ts: `node --import ./scripts/bench/trace-hooks.mjs …`
// appends every module URL the program loads (ESM imports, CommonJS requires such as the
// lazily required cheerio, and code compiled through node:vm such as the CLI bundle, which
// bin/hzreport.js runs so) to the file named by HZ_TRACE_FILE.
import { appendFileSync } from 'node:fs';
import Module, { register, syncBuiltinESMExports } from 'node:module';
import vm from 'node:vm';

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
  const Script = vm.Script;
  vm.Script = class extends Script {
    constructor(code, options) {
      super(code, options);
      appendFileSync(file, `vm ${typeof options === 'string' ? options : options?.filename}\n`);
    }
  };
  syncBuiltinESMExports();
}
