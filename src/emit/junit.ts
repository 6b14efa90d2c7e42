// JUnit XML for CI test reports (GitLab `artifacts:reports:junit`, Jenkins): one test suite per input,
// one failing test case per finding (a passing one for a file without findings), an <error> for an
// input that could not be read. Text is escaped for XML 1.0, whose character set excludes most controls.
import { catalog, type Code } from '../diagnostics.js';
import { type FileResult, type Show, visible } from './results.js';
import { location } from './stylish.js';

// Characters XML 1.0 does not allow at all (not even as references).
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function junit(results: readonly FileResult[], show: Show = 'problems'): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const r of results) {
    const file = xmlEscape(r.file);
    const cases: string[] = [];
    if (r.fatal) {
      const d = r.diagnostics[0]!;
      cases.push(
        `    <testcase classname="${file}" name="${xmlEscape(`${d.code} ${catalog.get(d.code as Code)?.title ?? ''}`.trim())}" time="0">\n      <error type="${d.code}" message="${xmlEscape(d.message)}">${xmlEscape(d.message)}</error>\n    </testcase>`,
      );
    } else {
      for (const d of r.diagnostics) {
        if (!visible(d, show)) continue;
        const where = location(d);
        const name = `${d.code} ${d.task ? `${d.task} ` : ''}${where}`.trim();
        const body = `${where ? `${where} ` : ''}${d.severity} ${d.message} (${d.code})${d.task ? `\n${d.task}${d.owner ? ` ${d.owner}` : ''}` : ''}`;
        cases.push(
          `    <testcase classname="${file}" name="${xmlEscape(name)}" time="0">\n      <failure type="${d.severity}" message="${xmlEscape(d.message)}">${xmlEscape(body)}</failure>\n    </testcase>`,
        );
      }
      if (!cases.length) cases.push(`    <testcase classname="${file}" name="hzreport check" time="0"/>`);
    }
    const f = r.fatal ? 0 : cases.filter((c) => c.includes('<failure')).length;
    const e = r.fatal ? 1 : 0;
    tests += cases.length;
    failures += f;
    errors += e;
    suites.push(
      `  <testsuite name="${file}" tests="${cases.length}" failures="${f}" errors="${e}" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hzreport" tests="${tests}" failures="${failures}" errors="${errors}" time="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
