// Streaming (docs/architecture.md, "Streaming"): sections go to a sink as they are compiled, and the JSON written piece by
// piece is byte for byte the JSON of the whole report.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type ReportHead } from '../src/compile.js';
import { indentedLeaf, reportWriter } from '../src/emit/report-json.js';
import type { Report, Section } from '../src/model.js';
import { encoded, type Output } from '../src/output.js';
import { SCHEMA_ID } from '../src/constants.js';

const seed = readFileSync(new URL('../fixtures/hangzhou-2021-q3.tsv', import.meta.url));
const FILE = 'fixtures/hangzhou-2021-q3.tsv';
const whole = compile(seed, { file: FILE });

function memoryOutput(): Output & { text: () => string; writes: number } {
  const parts: string[] = [];
  return {
    write: (t) => void parts.push(t),
    commit: () => {},
    abort: () => void (parts.length = 0),
    text: () => parts.join(''),
    get writes() {
      return parts.length;
    },
  };
}

function streamed(input: Uint8Array | string, compact: boolean): { text: string; report: Report; writes: number } {
  const out = memoryOutput();
  const writer = reportWriter(out, { compact });
  const report = compile(input, { file: FILE, sink: writer });
  writer.finish(report);
  return { text: out.text(), report, writes: out.writes };
}

// A small report: preamble, two sections, a task each (the columns of docs/format.md).
const HEADER =
  '序号\t重点工作\t重点工作完成率\t细化项目\t细化项目完成率\t量化指标\t\t\t\t责任单位\t主要亮点\t下步计划\n\t\t\t\t\t指标名称\t数值及单位\t当前值\t完成率\t\t\t\n';
const ROW = (no: number) => `${no}\t推进某项工作\t50%\t完成某事\t50%\t完成数\t2个\t1个\t50%\t市某局\t\t\n`;
const SMALL = `杭州市重点工作进展情况报告\n${HEADER}一、第一部分重点工作\n${ROW(1)}二、第二部分重点工作\n${ROW(1)}${ROW(2)}`;

describe('streamed compile', () => {
  it.each([
    ['pretty', false],
    ['compact', true],
  ])('writes the seed exactly as JSON.stringify of the whole report (%s)', (_, compact) => {
    const s = streamed(seed, compact);
    // The written document names its schema first ($schema), then is the report as compiled.
    expect(s.text).toBe(JSON.stringify({ $schema: SCHEMA_ID, ...whole }, null, compact ? undefined : 2) + '\n');
    // Written down to the tasks: no piece larger than one task's JSON.
    expect(s.writes).toBeGreaterThan(whole.summary.tasks);
  });

  it('writes the same bytes into an output that takes bytes (tasks and diagnostics written straight as bytes)', () => {
    for (const compact of [false, true]) {
      const got: Buffer[] = [];
      const chunks = encoded((b) => void got.push(Buffer.from(b)));
      const writer = reportWriter(
        { write: chunks.write, writeBytes: chunks.writeBytes, commit: () => {}, abort: () => {} },
        { compact },
      );
      writer.finish(compile(seed, { file: FILE, sink: writer }));
      chunks.flush();
      const expected = JSON.stringify({ $schema: SCHEMA_ID, ...whole }, null, compact ? undefined : 2) + '\n';
      expect(Buffer.concat(got).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('indents any JSON value as JSON.stringify(value, null, 2) does at that depth', () => {
    // Strings full of what the writer must escape or encode as JSON.stringify does: quotes, escapes, controls,
    // lone surrogates and pairs, two- and three-byte characters; brackets, commas and colons inside strings;
    // keys that read as integers (which come first, in their order).
    const text = fc
      .array(
        fc.constantFrom(
          'a',
          '"',
          '\\',
          '\\"',
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          ' ',
          '\n',
          '一',
          'é',
          '😀',
          '\u0001',
          '\ud800',
          '\udc00',
          '7',
        ),
        { maxLength: 40 },
      )
      .map((c) => c.join(''));
    // undefined, a function or a symbol: left out of an object, null in an array
    const absent = fc.constantFrom(undefined, () => 1, Symbol('s'));
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.double(),
        fc.integer(),
        fc.constantFrom(0, -0, 9, 10, 99, 100, 2 ** 30 - 1, 2 ** 30, 2 ** 31, 1e21, 0.1),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.oneof(tie('v'), absent), { maxLength: 5 }),
        fc.dictionary(text, fc.oneof(tie('v'), absent), { maxKeys: 5 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, fc.nat(6), fc.boolean(), (v, depth, long) => {
        const got: Buffer[] = [];
        const leaf = indentedLeaf((b) => void got.push(Buffer.from(b)));
        // Long values cross the 64 KiB output buffer and make its strings longer than it.
        const input = long ? [v, 'x'.repeat(70_000) + '"一', Array.from({ length: 3000 }, () => v)] : v;
        leaf(input, '  '.repeat(depth));
        const pretty = JSON.stringify(
          Array.from({ length: depth }).reduce((w) => [w], input),
          null,
          2,
        );
        const expected = pretty.slice(depth * depth + 3 * depth, pretty.length - (depth * depth + depth));
        expect(Buffer.concat(got).toString('utf8')).toBe(expected);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('writes a small two-section report exactly as JSON.stringify', () => {
    const r = compile(SMALL, { file: FILE });
    expect(r.summary.sections).toBe(2);
    expect(r.summary.tasks).toBe(3);
    for (const compact of [false, true])
      expect(streamed(SMALL, compact).text).toBe(
        JSON.stringify({ $schema: SCHEMA_ID, ...r }, null, compact ? undefined : 2) + '\n',
      );
  });

  it('hands over each section, in order, before the compile returns; the returned report keeps none', () => {
    const got: { index: number; section: Section }[] = [];
    let head: ReportHead | undefined;
    const report = compile(seed, {
      file: FILE,
      sink: {
        head: (h) => {
          expect(got).toHaveLength(0);
          head = structuredClone(h);
        },
        section: (section, index) => void got.push({ index, section }),
      },
    });
    expect(report.sections).toEqual([]);
    expect(got.map((g) => g.index)).toEqual(whole.sections.map((_, i) => i));
    expect(got.map((g) => g.section)).toEqual(whole.sections);
    expect(head).toEqual({
      schemaVersion: whole.schemaVersion,
      source: whole.source,
      title: whole.title,
      issuer: whole.issuer,
      date: whole.date,
      period: whole.period,
    });
    expect(report.diagnostics).toEqual(whole.diagnostics);
    expect(report.summary).toEqual(whole.summary);
  });

  it('finds the same with tasks dropped as soon as they are checked (what check does)', () => {
    const sections: Section[] = [];
    const report = compile(seed, {
      file: FILE,
      sink: { head: () => {}, section: (s) => void sections.push(s), withTasks: false },
    });
    expect(report.diagnostics).toEqual(whole.diagnostics);
    expect(report.summary).toEqual(whole.summary);
    expect(sections.flatMap((s) => s.groups.flatMap((g) => g.tasks))).toEqual([]);
    expect(sections.map((s) => s.groups.length)).toEqual(whole.sections.map((s) => s.groups.length));
  });

  it('sends nothing to the sink for input that is refused', () => {
    const calls: string[] = [];
    const sink = { head: () => void calls.push('head'), section: () => void calls.push('section') };
    expect(() => compile(`${HEADER}\t\t\t\t\t\t\t\t\t\t\t\n`, { file: FILE, sink })).toThrow(/HZ003|table/);
    expect(calls).toEqual([]);
  });

  it('refuses to write a section that does not match the schema, naming where', () => {
    const out = memoryOutput();
    const writer = reportWriter(out);
    expect(() =>
      compile(seed, {
        file: FILE,
        sink: {
          head: (h) => writer.head(h),
          section: (s, i) => writer.section(i === 2 ? ({ ...s, groups: 'broken' } as unknown as Section) : s, i),
        },
      }),
    ).toThrow(/\/sections\/2\/groups/);
  });
});

// The output's pieces are encoded into one reused buffer (output.ts, encoded): the bytes are those of the pieces
// joined, whatever the pieces' sizes against the buffer's and wherever a character of 2 to 4 bytes falls.
describe('pieces encoded into a buffer', () => {
  function bytesOf(pieces: string[]): Buffer {
    const got: Buffer[] = [];
    const out = encoded((b) => void got.push(Buffer.from(b))); // copied: the buffer is reused after the sink returns
    // Every third piece handed over as bytes: the order is kept.
    pieces.forEach((p, i) => (i % 3 === 2 ? out.writeBytes(Buffer.from(p)) : out.write(p)));
    out.flush();
    return Buffer.concat(got);
  }

  it('writes the bytes of the pieces joined, in any split', () => {
    const text = fc
      .array(fc.constantFrom('a', '"', '\n', 'é', '一', '完成率', '😀', '\t'), { maxLength: 200 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            text,
            text.map((t) => t.repeat(700)),
          ),
          { maxLength: 30 },
        ),
        (pieces) => {
          expect(bytesOf(pieces).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('writes the seed report as JSON.stringify does', () => {
    const json = JSON.stringify(whole, null, 2) + '\n';
    const pieces: string[] = [];
    for (let i = 0; i < json.length; i += 977) pieces.push(json.slice(i, i + 977));
    expect(bytesOf([json]).equals(Buffer.from(json))).toBe(true);
    expect(bytesOf(pieces).equals(Buffer.from(json))).toBe(true);
  });
});
