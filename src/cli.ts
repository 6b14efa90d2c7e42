// Thin command-line layer over the library. (Minimal: `parse` only; grown by the CLI work.)
import { writeFileSync } from 'node:fs';
import { compileFile } from './compile.js';
import { assertValidReport } from './validate.js';
import { InputError } from './diagnostics.js';

export async function main(argv: string[]): Promise<number> {
  const [cmd, file, flag, out] = argv.slice(2);
  if (cmd !== 'parse' || !file) {
    process.stderr.write('usage: hzreport parse FILE [-o OUT]\n');
    return 2;
  }
  try {
    const report = assertValidReport(compileFile(file));
    const text = JSON.stringify(report, null, 2) + '\n';
    if (flag === '-o' && out) writeFileSync(out, text);
    else process.stdout.write(text);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`hzreport: ${file}: ${e.message} [${e.code}]\n`);
      return 2;
    }
    throw e;
  }
}
