// hzreport.config.json: found upward or named, checked by hand against the published schema (the two
// agree), applied to check (rules, ignores, format, lang, maxWarnings), shown by --print-config.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkConfig, ConfigError } from '../src/config.js';
import { buildConfigSchemaText } from '../src/schema-gen.js';
import { hz, ROOT, SEED, tempDir } from './helpers/run.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schemas/config.v1.schema.json'), 'utf8')) as Json;

let seed: Json;
let dir: string;
beforeAll(() => {
  seed = JSON.parse(hz(['check', SEED, '-f', 'json']).stdout) as Json;
  dir = tempDir();
});
const count = (code: string) => (seed.files[0].diagnostics as Json[]).filter((d) => d.code === code).length;

describe('schema', () => {
  it('is generated from src/config-model.ts and committed up to date (npm run schema)', () => {
    expect(readFileSync(join(ROOT, 'schemas/config.v1.schema.json'), 'utf8')).toBe(buildConfigSchemaText());
  });

  it('the hand check and the published schema give the same verdicts', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(SCHEMA);
    const samples: unknown[] = [
      {},
      { rules: { HZ210: 'off', HZ401: 'error' } },
      {
        $schema: 'https://hzreport.dev/schemas/config.v1.schema.json',
        format: 'sarif',
        lang: 'zh',
        period: '2021-Q3',
        maxWarnings: 0,
      },
      { ignore: { tasks: ['四.81', '二.7'], files: ['drafts/**'] } },
      { period: '2021' },
      { period: '2021-09' },
      [],
      'x',
      { rules: { HZ210: 'of' } },
      { rules: { hz210: 'off' } },
      { rules: [] },
      { ignore: { tasks: ['81'] } },
      { ignore: { task: [] } },
      { ignore: { files: [''] } },
      { format: 'xml' },
      { lang: 'fr' },
      { period: '2021-Q5' },
      { maxWarnings: -2 },
      { maxWarnings: 1.5 },
      { colour: true },
    ];
    for (const s of samples) {
      let ok = true;
      try {
        checkConfig(s);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        ok = false;
      }
      expect(ok, JSON.stringify(s)).toBe(validate(s));
    }
  });

  it('names the key that is wrong', () => {
    const key = (s: unknown) => {
      try {
        checkConfig(s);
      } catch (e) {
        return (e as ConfigError).key;
      }
      return undefined;
    };
    expect(key({ rules: { HZ210: 'of' } })).toBe('rules.HZ210');
    expect(key({ rules: { HZ999: 'off' } })).toBe('rules.HZ999'); // a code the catalog does not have
    expect(key({ ignore: { tasks: ['四.1', 'x'] } })).toBe('ignore.tasks[1]');
    expect(key({ colour: true })).toBe('colour');
  });
});

describe('check with a configuration', () => {
  const project = (name: string, config: unknown) => {
    const d = join(dir, name);
    mkdirSync(join(d, 'sub'), { recursive: true });
    writeFileSync(join(d, 'hzreport.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
    writeFileSync(join(d, 'q3.tsv'), readFileSync(SEED));
    return d;
  };

  it('HZ210 off and HZ401 an error: counts and exit code change as expected', () => {
    const d = project('rules', { rules: { HZ210: 'off', HZ401: 'error' } });
    const run = hz(['check', 'q3.tsv', '-f', 'json'], { cwd: d });
    const t = (JSON.parse(run.stdout) as Json).totals;
    expect(t.errors).toBe(seed.totals.errors + count('HZ401'));
    expect(t.warnings).toBe(seed.totals.warnings - count('HZ210') - count('HZ401'));
    expect(count('HZ210')).toBeGreaterThan(0);
    // Found from a subdirectory too (upward); the exit code follows the new counts.
    const onlyWarnings = project('warnings', {
      rules: Object.fromEntries(['HZ201', 'HZ202', 'HZ203', 'HZ204'].map((c) => [c, 'warning'])),
    });
    const w = hz(['check', '../q3.tsv', '-q'], { cwd: join(onlyWarnings, 'sub') });
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/no problems/);
    expect(hz(['check', '../q3.tsv', '-q', '--max-warnings', '10'], { cwd: join(onlyWarnings, 'sub') }).code).toBe(1);
  });

  it('ignores tasks and files; format, lang and maxWarnings as defaults the command line overrides', () => {
    const d = project('ignore', {
      ignore: { tasks: ['二.7'], files: ['drafts/*.tsv'] },
      format: 'unix',
      lang: 'zh',
      maxWarnings: 0,
      period: '2021-Q3',
    });
    mkdirSync(join(d, 'drafts'));
    writeFileSync(join(d, 'drafts/bad.tsv'), 'not a report');
    const run = hz(['check', 'q3.tsv', 'drafts/bad.tsv'], { cwd: d });
    expect(run.code).toBe(1); // the draft is not read; errors remain
    expect(run.stdout).toMatch(/^q3\.tsv:61:47: 错误 指标完成率 70\.99%/m);
    expect(run.stdout).not.toMatch(/bad\.tsv/);
    const json = JSON.parse(hz(['check', 'q3.tsv', '-f', 'json', '--lang', 'en'], { cwd: d }).stdout) as Json;
    expect(json.period).toBe('2021-Q3');
    expect(json.files[0].diagnostics.some((x: Json) => x.task === '二.7')).toBe(false);
    expect(json.files[0].diagnostics.some((x: Json) => /^indicator rate/.test(x.message))).toBe(true);
  });

  it('a bad configuration: exit 2, one line naming the file and the key', () => {
    const d = project('bad', { rules: { HZ210: 'silent' } });
    const run = hz(['check', 'q3.tsv'], { cwd: d });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `hzreport: ${join(d, 'hzreport.config.json')}: rules.HZ210: must be one of off, info, warning, error\n`,
    );
    const broken = project('broken', '{ "rules": ');
    expect(hz(['check', 'q3.tsv'], { cwd: broken }).stderr).toMatch(/hzreport\.config\.json: not JSON: /);
    const missing = hz(['check', SEED, '--config', join(dir, 'none.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.json: no such file\n$/);
  });

  it('--print-config FILE shows the effective settings', () => {
    const d = project('print', { rules: { HZ210: 'off' }, ignore: { files: ['drafts/**'] } });
    const run = hz(['--print-config', 'drafts/x.tsv'], { cwd: d });
    expect(run.code, run.stderr).toBe(0);
    const c = JSON.parse(run.stdout) as Json;
    expect(c).toMatchObject({
      configFile: join(d, 'hzreport.config.json'),
      file: 'drafts/x.tsv',
      ignored: true,
      format: 'stylish',
      maxWarnings: -1,
    });
    expect(c.rules.HZ210).toBe('off');
    expect(c.rules.HZ201).toBe('error');
    expect(hz(['--print-config', 'q3.tsv', '--config', join(dir, 'none.json')]).code).toBe(2);
  });
});
