// Cell markup to text. Most cells hold no markup. The reports' markup is a small tag set
// (p, b, br, ol, ul, li, span, a few entities): a fast path handles exactly that, with the
// result cheerio (parse5) would give; anything else (script/style, unknown tags, event
// handlers, comments, odd nesting or entities) goes to cheerio, required lazily (synchronously,
// via its CommonJS build). Importing cheerio costs ~0.2-0.3 s, more than the whole start-up
// budget (docs/architecture.md, "Speed"), so the fast path keeps a typical report from loading it at all.
// test/html.test.ts checks the fast path against cheerio, on the seed's cells and fuzzed markup.
import { createRequire } from 'node:module';

type CheerioLoad = typeof import('cheerio').load;
let load: CheerioLoad | undefined;
function cheerioLoad(): CheerioLoad {
  load ??= (createRequire(import.meta.url)('cheerio') as typeof import('cheerio')).load;
  return load;
}

export interface CellText {
  /** Whole cell as plain text, white space runs collapsed, trimmed. */
  text: string;
  /** Paragraphs (<p>, <li>, <br>-separated lines); one entry for a plain cell. */
  paragraphs: string[];
  /** Unsafe markup that was dropped (script, style, event handlers), for a diagnostic. */
  removed: string[];
  hadMarkup: boolean;
}

const MARKUP = /<\/?[a-zA-Z][^>]*>|&[#a-zA-Z0-9]+;/;
const SPACES_G = /\s+/g;
// What clean() would change: white space other than a plain space, two spaces, a space at either end.
const UNCLEAN = /[^\S ]| {2}|^ | $/;
const clean = (s: string): string => (UNCLEAN.test(s) ? s.replace(SPACES_G, ' ').trim() : s);

export function cellText(raw: string): CellText {
  const text = plainText(raw);
  if (text !== null) return { text, paragraphs: text ? [text] : [], removed: [], hadMarkup: false };
  // Markup nested deeper than any report's goes to the flat reader: the parser's tree (and its
  // recursive walks) would cost time quadratic in the depth and run out of stack, sooner in a
  // worker thread than in the main one.
  if (raw.length > 3 * MAX_DEPTH && nestingDepth(raw) > MAX_DEPTH) return cellTextFlat(raw); // <a> is 3 characters
  return cellTextFast(raw) ?? cellTextCheerio(raw);
}

/** Deepest nesting markup may have to be parsed as a tree (reports nest 3-4 levels). */
export const MAX_DEPTH = 256;

// Elements that never have contents, so never nest.
const VOID = new Set([
  'br',
  'hr',
  'img',
  'input',
  'meta',
  'link',
  'wbr',
  'col',
  'area',
  'base',
  'embed',
  'param',
  'source',
  'track',
]);
const ANY_TAG = /<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>/g;

/** An upper bound of the element depth (open tags not yet closed), in one linear scan. */
export function nestingDepth(raw: string): number {
  let depth = 0;
  let max = 0;
  ANY_TAG.lastIndex = 0;
  for (let m = ANY_TAG.exec(raw); m; m = ANY_TAG.exec(raw)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID.has(m[2]!.toLowerCase()) && ++depth > max) max = depth;
  }
  return max;
}

const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template']);
const BLOCK = new Set(['br', 'p', 'li', 'div', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const FLAT_TAG = /<(\/?)([a-zA-Z][^\s/>]*)([^>]*)>|<!--[\s\S]*?(?:-->|$)/g;
const FLAT_ENTITY = /&(?:([a-zA-Z]+)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;
const ON_ATTR = /\s(on[a-zA-Z]*)\s*=/gi;

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(FLAT_ENTITY, (all, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name !== undefined) return NAMED.get(name) ?? all;
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
    return codePointOk(cp) ? String.fromCodePoint(cp) : all;
  });
}

/**
 * Markup read without building a tree, in one linear pass: text kept, block boundaries as breaks,
 * script/style (and their contents) and event handlers dropped and named, like the tree readers.
 */
export function cellTextFlat(raw: string): CellText {
  const removed: string[] = [];
  let out = '';
  let pos = 0;
  let skipping: string | undefined; // inside <script> or <style>: up to its end tag
  FLAT_TAG.lastIndex = 0;
  for (let m = FLAT_TAG.exec(raw); m; m = FLAT_TAG.exec(raw)) {
    if (!skipping) out += decodeEntities(raw.slice(pos, m.index));
    pos = FLAT_TAG.lastIndex;
    if (m[2] === undefined) continue; // a comment
    const name = m[2].toLowerCase();
    if (skipping) {
      if (m[1] && name === skipping) skipping = undefined;
      continue;
    }
    if (m[1]) {
      if (BLOCK.has(name) || name === 'ol' || name === 'ul') out += '\n';
      continue;
    }
    ON_ATTR.lastIndex = 0;
    for (let a = ON_ATTR.exec(m[3]!); a; a = ON_ATTR.exec(m[3]!)) removed.push(`${a[1]!.toLowerCase()}=`);
    if (DROPPED.has(name)) {
      removed.push(`<${name}>`);
      if (name === 'script' || name === 'style' || name === 'template') skipping = name;
      continue;
    }
    if (BLOCK.has(name) || name === 'ol' || name === 'ul') out += '\n';
  }
  if (!skipping) out += decodeEntities(raw.slice(pos));
  return fromFull(out, removed);
}

/** The text of a cell without markup (what cellText gives as its text), or null when it has markup. */
export function plainText(raw: string): string | null {
  if ((!raw.includes('<') && !raw.includes('&')) || !MARKUP.test(raw)) return clean(raw);
  return null;
}

function fromFull(full: string, removed: string[]): CellText {
  const lines = full.split('\n');
  const paragraphs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const p = clean(lines[i]!);
    if (p) paragraphs.push(p);
  }
  return { text: clean(paragraphs.join(' ')), paragraphs, removed, hadMarkup: true };
}

/** The general path: cheerio (parse5). Exported for the equivalence tests. */
export function cellTextCheerio(raw: string): CellText {
  const $ = cheerioLoad()(`<div id="hz-cell">${raw}</div>`, null, false);
  const removed: string[] = [];
  $('script,style,iframe,object,embed,template').each((_, el) => {
    removed.push(`<${(el as { tagName?: string }).tagName ?? 'element'}>`);
  });
  $('script,style,iframe,object,embed,template').remove();
  $('*').each((_, el) => {
    const attribs = (el as { attribs?: Record<string, string> }).attribs ?? {};
    for (const name of Object.keys(attribs)) if (/^on/i.test(name)) removed.push(`${name}=`);
  });
  // Block boundaries become paragraph breaks.
  $('br').replaceWith('\n');
  $('p,li,div,tr,h1,h2,h3,h4,h5,h6').each((_, el) => {
    $(el).prepend('\n').append('\n');
  });
  return fromFull($('#hz-cell').text(), removed);
}

// ---- fast path -------------------------------------------------------------------------

// Inline tags: transparent for the text (HTML's adoption agency may re-nest them, but never
// reorders text, and never moves a block boundary for the tags accepted here).
const INLINE = new Set(['b', 'strong', 'i', 'em', 'u', 'span', 'sup', 'sub']);
// A Map: the key is an entity name from the cell (&constructor; must not find Object's).
const NAMED = new Map(Object.entries({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }));
// A tag: name, then attributes (quoted or bare values), optional self-closing slash.
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ENTITY = /&(?:([a-zA-Z]+)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
const SPECIAL = /[<&]/g;
const EVENT_ATTR = /\son/i;

function codePointOk(cp: number): boolean {
  return (
    cp === 0x09 || cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0x10ffff)
  );
}

/**
 * Markup made only of the reports' tag set, decoded the way an HTML parser would, or null
 * when anything is outside that set (then the caller uses cheerio). Exported for the tests.
 */
export function cellTextFast(raw: string): CellText | null {
  let out = '';
  // Open elements, innermost last: only p, li, ol, ul and the inline tags are ever pushed.
  const stack: string[] = [];
  let pos = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(raw); m; m = SPECIAL.exec(raw)) {
    const at = m.index;
    out += raw.slice(pos, at);
    if (raw[at] === '&') {
      ENTITY.lastIndex = at;
      const e = ENTITY.exec(raw);
      const next = raw.charCodeAt(at + 1);
      const alnumOrHash = (next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 35;
      if (!e) {
        if (alnumOrHash) return null; // a reference without ';', unknown, or legacy: parser-specific
        out += '&';
        pos = at + 1;
      } else {
        let ch: string | undefined;
        if (e[1] !== undefined) ch = NAMED.get(e[1]);
        else {
          const cp = e[2] !== undefined ? parseInt(e[2], 10) : parseInt(e[3]!, 16);
          if (codePointOk(cp)) ch = String.fromCodePoint(cp);
        }
        if (ch === undefined) return null;
        out += ch;
        pos = ENTITY.lastIndex;
      }
      SPECIAL.lastIndex = pos;
      continue;
    }
    // '<': a tag when a letter follows; '<!', '<?', '</' + non-letter: comments and the like.
    const next = raw[at + 1] ?? '';
    const nc = raw.charCodeAt(at + 1);
    const letter = (nc >= 65 && nc <= 90) || (nc >= 97 && nc <= 122);
    if (!letter && next !== '/' && next !== '!' && next !== '?') {
      out += '<';
      pos = at + 1;
      SPECIAL.lastIndex = pos;
      continue;
    }
    TAG.lastIndex = at;
    const t = TAG.exec(raw);
    if (!t) return null;
    const end = t[1] === '/';
    const name = t[2]!.toLowerCase();
    const attrs = t[3]!;
    if (attrs && (end || EVENT_ATTR.test(attrs))) return null; // event handlers are reported by cheerio
    pos = TAG.lastIndex;
    SPECIAL.lastIndex = pos;
    const top = stack[stack.length - 1];
    if (name === 'br') {
      out += '\n'; // <br>, <br/>, and even </br>, are a line break
    } else if (INLINE.has(name)) {
      if (!end) stack.push(name);
      else if (top === name) stack.pop();
      else return null;
    } else if (name === 'p') {
      // <p> closes an open <p>; </p> closes it, or makes an empty paragraph: a break either way.
      if (top === 'p') stack.pop();
      else if (stack.includes('p')) return null;
      if (!end) stack.push('p');
      out += '\n';
    } else if (name === 'li') {
      if (!end) {
        // <li> closes an open <p> and an open <li>: a break either way.
        if (top === 'p') stack.pop();
        else if (stack.includes('p')) return null;
        const cur = stack[stack.length - 1];
        if (cur === 'li') stack.pop();
        else if (stack.includes('li')) return null;
        stack.push('li');
        out += '\n';
      } else {
        const i = stack.lastIndexOf('li');
        if (i >= 0) {
          // </li> closes the item (and a paragraph left open in it).
          for (let j = stack.length - 1; j > i; j--) if (stack[j] !== 'p') return null;
          stack.length = i;
          out += '\n';
        }
        // else: a stray </li> is ignored by the parser
      }
    } else if (name === 'ol' || name === 'ul') {
      if (!end) {
        if (top === 'p') {
          stack.pop();
          out += '\n';
        } else if (stack.includes('p')) return null;
        stack.push(name);
      } else {
        // </ol> closes the list and any paragraph or item left open in it.
        const i = stack.lastIndexOf(name);
        if (i < 0) {
          if (stack.includes('ol') || stack.includes('ul')) return null;
          continue; // stray: ignored
        }
        for (let j = stack.length - 1; j > i; j--) {
          if (stack[j] !== 'p' && stack[j] !== 'li') return null;
          out += '\n';
        }
        stack.length = i;
      }
    } else {
      return null; // script, style, div, table, unknown tags: cheerio
    }
  }
  out += raw.slice(pos);
  return fromFull(out, []);
}
