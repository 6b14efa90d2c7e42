// `hzreport check` output formats, checked against the formats' own rules:
// GitHub workflow commands (escaping as in @actions/core) and SARIF 2.1.0 (OASIS spec + code-scanning needs).
import { beforeAll, describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import {
  annotation,
  catalogEntries,
  escapeData,
  escapeProperty,
  formatFindings,
  toSarif,
  type Diagnostic,
  type FileResult,
} from '../src/index.js';
import { artifactUri } from '../src/emit/sarif.js';
import { annotationPath } from '../src/emit/github.js';
import { stylish } from '../src/emit/stylish.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from './helpers/main.js';
import { ROOT, SEED, tempDir } from './helpers/run.js';

const d = (over: Partial<Diagnostic>): Diagnostic => ({
  code: 'HZ201',
  severity: 'error',
  message: 'indicator rate 156.9% does not match current/target = 15.69%',
  line: 300,
  column: 52,
  path: '/sections/1',
  ...over,
});

const sample: FileResult = {
  file: 'reports/杭州 2021,q3:a.tsv',
  diagnostics: [
    d({}),
    d({ code: 'HZ302', severity: 'warning', message: 'indicator "a,b: 50%\nnext\r" has no target', line: 248, column: 0 }),
    d({ code: 'HZ104', severity: 'info', message: 'row shifted right by 3', line: 16, column: 1 }),
    d({ code: 'HZ001', severity: 'error', message: 'whole-file finding', line: 0, column: 0 }),
  ],
  errors: 2,
  warnings: 1,
  infos: 1,
  tasks: 1,
  indicators: 2,
};

// ---- GitHub workflow commands ----------------------------------------------------------------------

/** Parse one workflow command line back, undoing the escaping; fails on anything malformed. */
function parseCommand(line: string) {
  const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%(25|0D|0A|3A|2C)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  const props: Record<string, string> = {};
  for (const kv of m[2]!.split(',')) {
    const [k, v, ...rest] = kv.split('=');
    expect(rest).toEqual([]); // '=' is not special, but our values never need it
    props[k!] = unescape(v!);
  }
  // Data may contain ':' and ',' as is, but never a raw CR or LF, and every % must start an escape.
  expect(m[3]).not.toMatch(/[\r\n]/);
  expect(m[3]!.replace(/%(25|0D|0A)/g, '')).not.toContain('%');
  return { command: m[1]!, props, message: unescape(m[3]!) };
}

describe('github format', () => {
  it('escapes data (% CR LF) and properties (also : and ,) like @actions/core', () => {
    expect(escapeData('50% a\r\nb')).toBe('50%25 a%0D%0Ab');
    expect(escapeData('a:b,c')).toBe('a:b,c');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    // % first: an already escaped-looking text is escaped again, not left alone.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('writes one annotation per finding, with file, line, col and title, that parses back to the original', () => {
    const out = formatFindings([sample], 'github', { show: 'all' });
    return out.then((text) => {
      const lines = text.trimEnd().split('\n');
      expect(lines).toHaveLength(4);
      const parsed = lines.map(parseCommand);
      expect(parsed.map((p) => p.command)).toEqual(['error', 'warning', 'notice', 'error']);
      for (const [i, p] of parsed.entries()) {
        const diag = sample.diagnostics[i]!;
        expect(p.props.file).toBe(sample.file);
        expect(p.message).toBe(diag.message);
        expect(p.props.title).toMatch(new RegExp(`^${diag.code} `));
      }
      expect(parsed[0]!.props).toMatchObject({ line: '300', col: '52' });
      expect(parsed[1]!.props.line).toBe('248');
      expect(parsed[1]!.props.col).toBeUndefined(); // column unknown: no col
      expect(parsed[3]!.props.line).toBeUndefined(); // whole file: no line
      expect(lines[0]).toContain('file=reports/杭州 2021%2Cq3%3Aa.tsv,');
    });
  });

  it('makes absolute paths inside GITHUB_WORKSPACE relative to it, as annotations need', () => {
    expect(annotationPath('/home/runner/work/r/r/reports/a.tsv', '/home/runner/work/r/r')).toBe('reports/a.tsv');
    expect(annotationPath('/elsewhere/a.tsv', '/home/runner/work/r/r')).toBe('/elsewhere/a.tsv');
    expect(annotationPath('reports/a.tsv', '/home/runner/work/r/r')).toBe('reports/a.tsv');
    expect(annotationPath('/abs/a.tsv', undefined)).toBe('/abs/a.tsv');
  });

  it('shows errors and warnings by default, errors only with --quiet', async () => {
    expect((await formatFindings([sample], 'github')).trimEnd().split('\n')).toHaveLength(3);
    expect((await formatFindings([sample], 'github', { show: 'errors' })).trimEnd().split('\n')).toHaveLength(2);
  });

  it('on the seed: every line is a well-formed command, one per error and warning', async () => {
    const json = await runMain(['check', SEED, '--format', 'json']);
    const gh = await runMain(['check', SEED, '--format', 'github']);
    expect(gh.code).toBe(json.code);
    const totals = (JSON.parse(json.stdout) as { totals: { errors: number; warnings: number } }).totals;
    const lines = gh.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(totals.errors + totals.warnings);
    for (const line of lines) {
      const p = parseCommand(line);
      expect(p.props.file).toBe(SEED);
      expect(Number(p.props.line)).toBeGreaterThanOrEqual(1);
    }
    expect(annotation('a.tsv', d({}))).toBe(
      '::error file=a.tsv,line=300,col=52,title=HZ201 indicator-rate-mismatch::indicator rate 156.9%25 does not match current/target = 15.69%25',
    );
  });
});

// ---- SARIF 2.1.0 -----------------------------------------------------------------------------------

// Anchors of docs/diagnostics.md headings, slugged as GitHub does (lower case, spaces to hyphens).
const DOC_ANCHORS = new Set(
  [...readFileSync(join(ROOT, 'docs/diagnostics.md'), 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    m[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-'),
  ),
);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The SARIF rules our output must meet, from the 2.1.0 spec and GitHub's code-scanning requirements. */
function assertSarif(log: Json) {
  expect(log.version).toBe('2.1.0'); // §3.13.2
  expect(log.$schema).toMatch(/^https:\/\/.*sarif-schema-2\.1\.0\.json$/); // §3.13.3
  expect(Array.isArray(log.runs)).toBe(true); // §3.13.4
  for (const run of log.runs as Json[]) {
    const driver = run.tool.driver; // §3.14.6, §3.18
    expect(typeof driver.name).toBe('string');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(() => new URL(driver.informationUri)).not.toThrow(); // absolute URI
    const rules = driver.rules as Json[];
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // rule ids unique
    for (const r of rules) {
      expect(r.id).toMatch(/^HZ\d{3}$/); // §3.49.3
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]*$/); // friendly name, Pascal case, not the id
      expect(r.name).not.toBe(r.id);
      expect(r.shortDescription.text.length).toBeGreaterThan(0);
      expect(r.fullDescription.text.length).toBeGreaterThan(0);
      expect(['none', 'note', 'warning', 'error']).toContain(r.defaultConfiguration.level); // §3.50.3
      const help = new URL(r.helpUri); // absolute URI
      expect(help.pathname).toMatch(/diagnostics\.md$/);
      expect(DOC_ANCHORS.has(help.hash.slice(1)), r.helpUri).toBe(true); // points at the rule's own heading
    }
    expect(['utf16CodeUnits', 'unicodeCodePoints']).toContain(run.columnKind);
    for (const res of run.results as Json[]) {
      expect(ids).toContain(res.ruleId); // §3.27.5
      expect(Number.isInteger(res.ruleIndex)).toBe(true); // §3.27.6: index into rules, same rule
      expect(rules[res.ruleIndex]?.id).toBe(res.ruleId);
      expect(['none', 'note', 'warning', 'error']).toContain(res.level); // §3.27.10
      expect(typeof res.message.text).toBe('string'); // §3.11.8
      expect(res.message.text.length).toBeGreaterThan(0);
      const loc = res.locations[0].physicalLocation; // code scanning needs a location with a region
      const uri: string = loc.artifactLocation.uri;
      expect(uri).not.toMatch(/\\/); // URI reference, not a Windows path
      expect(uri).not.toMatch(/[\s,]/); // percent-encoded
      expect(/^[a-z][a-z0-9+.-]*:/i.test(uri) ? uri.startsWith('file:') : true).toBe(true);
      expect(Number.isInteger(loc.region.startLine)).toBe(true);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1); // §3.30.5
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1); // §3.30.6
      if (loc.region.endLine !== undefined) expect(loc.region.endLine).toBeGreaterThanOrEqual(loc.region.startLine);
      if (loc.region.endColumn !== undefined && (loc.region.endLine ?? loc.region.startLine) === loc.region.startLine) {
        expect(loc.region.endColumn).toBeGreaterThan(loc.region.startColumn);
      }
    }
  }
}

describe('sarif format', () => {
  it('builds rules from the catalog and a located result per finding', () => {
    const log = toSarif([sample], { version: '1.2.3', show: 'all' }) as Json;
    assertSarif(log);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: Json) => r.id)).toEqual(catalogEntries.map((e) => e.code));
    expect(run.results.map((r: Json) => r.level)).toEqual(['error', 'warning', 'note', 'error']);
    // Whole-file and unknown-column findings still get a region (line 1, column 1).
    expect(run.results[3].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(run.results[1].locations[0].physicalLocation.region).toEqual({ startLine: 248, startColumn: 1 });
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'reports/%E6%9D%AD%E5%B7%9E%202021%2Cq3%3Aa.tsv',
    );
  });

  it('links every rule to its entry in docs/diagnostics.md of the repository package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Json;
    const repo = (pkg.repository.url as string).replace(/^git\+/, '').replace(/\.git$/, '');
    expect(pkg.homepage.startsWith(repo)).toBe(true);
    const log = toSarif([sample], { version: '1.2.3' }) as Json;
    expect(log.runs[0].tool.driver.informationUri).toBe(repo);
    for (const r of log.runs[0].tool.driver.rules as Json[]) {
      const [page, anchor] = (r.helpUri as string).split('#');
      expect(page).toBe(`${repo}/blob/main/docs/diagnostics.md`);
      expect(DOC_ANCHORS.has(anchor!), anchor).toBe(true);
    }
  });

  it('uses relative URIs for relative paths, file: URIs for absolute ones', () => {
    expect(artifactUri('fixtures/a b.tsv')).toBe('fixtures/a%20b.tsv');
    expect(artifactUri('/tmp/a.tsv')).toBe('file:///tmp/a.tsv');
  });

  let seedLog: Json;
  let seedJson: Json;
  beforeAll(async () => {
    const run = await runMain(['check', 'fixtures/hangzhou-2021-q3.tsv', '--format', 'sarif']);
    seedLog = JSON.parse(run.stdout) as Json;
    seedJson = JSON.parse((await runMain(['check', 'fixtures/hangzhou-2021-q3.tsv', '--format', 'json'])).stdout) as Json;
  });

  it('on the seed: a valid log with the errors and warnings of the json format (infos only with --verbose)', async () => {
    assertSarif(seedLog);
    const results = seedLog.runs[0].results as Json[];
    const diags = seedJson.files[0].diagnostics as Diagnostic[];
    expect(results.length).toBe(diags.filter((d) => d.severity !== 'info').length);
    expect(results.some((r) => r.level === 'note')).toBe(false);
    const verbose = JSON.parse(
      (await runMain(['check', 'fixtures/hangzhou-2021-q3.tsv', '--format', 'sarif', '--verbose'])).stdout,
    ) as Json;
    expect(verbose.runs[0].results.length).toBe(diags.length);
    expect(verbose.runs[0].results.filter((r: Json) => r.level === 'note').length).toBe(seedJson.totals.infos);
    expect(results.filter((r) => r.level === 'error').length).toBe(seedJson.totals.errors);
    expect(results.every((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'fixtures/hangzhou-2021-q3.tsv')).toBe(
      true,
    );
    expect(seedLog.runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  it('reports an unreadable input as a tool notification, still a valid log, exit 2', async () => {
    const run = await runMain(['check', 'fixtures/hangzhou-2021-q3.tsv', 'missing.tsv', '--format', 'sarif']);
    expect(run.code).toBe(2);
    const log = JSON.parse(run.stdout) as Json;
    assertSarif(log);
    const inv = log.runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications[0].message.text).toMatch(/no such file/);
    expect(run.stderr).toMatch(/^hzreport: missing\.tsv: .*\[HZ004\]$/m);
  });

  it("with -o, writes the log even when an input fails: the others' results and a notification, exit 2", async () => {
    const dir = tempDir();
    const out = join(dir, 'hz.sarif');
    const partial = await runMain(['check', 'fixtures/hangzhou-2021-q3.tsv', 'missing.tsv', '--format', 'sarif', '-o', out]);
    expect(partial.code).toBe(2);
    const log = JSON.parse(readFileSync(out, 'utf8')) as Json;
    assertSarif(log);
    expect(log.runs[0].results.length).toBe(seedLog.runs[0].results.length);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    const ok = await runMain(['check', 'fixtures/hangzhou-2021-q3.tsv', '--format', 'sarif', '-o', out]);
    expect(ok.stdout).toBe('');
    assertSarif(JSON.parse(readFileSync(out, 'utf8')) as Json);
  });
});

// ---- stylish ---------------------------------------------------------------------------------------

describe('stylish format', () => {
  const plain = new Chalk({ level: 0 });

  it('groups by file: `line:col  severity  message  code`, then a summary', () => {
    const out = stylish([sample], { chalk: plain });
    const lines = out.split('\n');
    expect(lines).toContain(sample.file);
    expect(out).toMatch(/^\s+300:52 {2}error {4}indicator rate 156\.9% .* {2}HZ201$/m);
    expect(out).toMatch(/^\s+248 {2}warning {2}indicator "a,b: 50% next " has no target\s+HZ302$/m); // control characters neutralised
    expect(out).not.toContain('HZ104'); // infos hidden by default
    expect(out).toMatch(/✖ 3 problems \(2 errors, 1 warning\) in 1 file \(1 more finding hidden: use --verbose\)/);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('--quiet (errors only) counts only what it shows', () => {
    const out = stylish([sample], { chalk: plain, show: 'errors' });
    expect(out).not.toContain('HZ302');
    expect(out).toMatch(/✖ 2 problems \(2 errors\) in 1 file \(2 more findings hidden: drop --quiet\)/);
  });

  it('aligns codes after at most 80 columns of message: a long message does not pad every line', () => {
    const long = d({ message: '很长的消息'.repeat(20), line: 1, column: 1 });
    const out = stylish([{ ...sample, diagnostics: [long, sample.diagnostics[0]!] }], { chalk: plain });
    expect(out).toContain(`${long.message}  HZ201`);
    const short = out.split('\n').find((l) => l.includes('300:52'))!;
    expect(short.length).toBeLessThan(120);
  });

  it('colours only when asked (chalk level > 0)', () => {
    // eslint-disable-next-line no-control-regex
    expect(stylish([sample], { chalk: new Chalk({ level: 1 }) })).toMatch(/\u001b\[31merror/);
  });

  it('says so when there is nothing to report', () => {
    expect(stylish([{ ...sample, diagnostics: [], errors: 0, warnings: 0, infos: 0 }], { chalk: plain })).toBe(
      '✔ no problems in 1 file\n',
    );
  });
});

// ---- progress bar (batches) ------------------------------------------------------------------------

describe('progress bar', () => {
  const fake = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, columns: 60, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
  };

  it('draws on a terminal for many files, and clears itself at the end', async () => {
    const { progressBar, renderBar } = await import('../src/emit/progress.js');
    const t = fake(true);
    const bar = progressBar(10, t.stream);
    bar.tick(3, 10, 'reports/q3.tsv');
    bar.done();
    expect(t.written.join('')).toContain('3/10 reports/q3.tsv');
    expect(t.written.at(-1)).toBe('\r\u001b[2K');
    expect(renderBar(5, 10, 'x', 10)).toBe('[█████░░░░░] 5/10 x');
    expect(renderBar(1, 2, 'a/very/long/path/name.tsv', 4, 20).length).toBeLessThanOrEqual(20);
  });

  it('is silent when stderr is not a terminal, or for few files', async () => {
    const { progressBar } = await import('../src/emit/progress.js');
    for (const [tty, n] of [
      [false, 100],
      [true, 2],
    ] as const) {
      const t = fake(tty);
      const bar = progressBar(n, t.stream);
      bar.tick(1, n, 'a.tsv');
      bar.done();
      expect(t.written).toEqual([]);
    }
  });
});
