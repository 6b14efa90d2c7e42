// Cell markup to text. Most cells hold no markup and never load cheerio; cheerio is
// required lazily (synchronously, via its CommonJS build) for the cells that do.
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
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function cellText(raw: string): CellText {
  if (!MARKUP.test(raw)) {
    const text = clean(raw);
    return { text, paragraphs: text ? [text] : [], removed: [], hadMarkup: false };
  }
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
  const full = $('#hz-cell').text();
  const paragraphs = full.split('\n').map(clean).filter(Boolean);
  return { text: clean(paragraphs.join(' ')), paragraphs, removed, hadMarkup: true };
}
