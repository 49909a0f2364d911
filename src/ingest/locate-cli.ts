/**
 * `npm run seed:locate -- [file or folder...]`: fills in every citation's missing span, prefix and suffix
 * (its W3C selectors) and the document's textHash from the source texts in SOURCES_DIR, keeping the
 * files' comments and layout. A quote that is not found, or that its context cannot single out, is
 * reported for the curator to fix.
 */
import fs from 'node:fs';
import YAML, { isMap, isSeq, Pair, Scalar, type Document, type YAMLMap } from 'yaml';
import { loadConfig } from '../config';
import { findQuote } from '../provenance/normalize';
import { contextAt, placeQuote, selectedStarts, type PlacedQuote } from '../provenance/quote-selectors';
import { readInputs, SEED_DOCUMENTS_DIR } from './read-inputs';
import { readSourceText, type SourceText } from './sources';

function locate(name: string, doc: Document, sourcesDir: string): { filled: number; problems: string[] } {
  const problems: string[] = [];
  let filled = 0;
  const file = doc.getIn(['document', 'file']);
  if (typeof file !== 'string') return { filled, problems };
  const source = readSourceText(sourcesDir, file);
  if (!source) return { filled, problems: [`${name}: source text ${file} not found in ${sourcesDir}`] };
  if (doc.getIn(['document', 'textHash']) !== source.hash) {
    doc.setIn(['document', 'textHash'], source.hash);
    filled += 1;
  }
  const entities = doc.get('entities');
  if (!isSeq(entities)) return { filled, problems };
  entities.items.forEach((entity, i) => {
    const claims = isMap(entity) ? entity.get('claims') : undefined;
    if (!isSeq(claims)) return;
    claims.items.forEach((claim, j) => {
      const cites = isMap(claim) ? claim.get('cite') : undefined;
      if (!isSeq(cites)) return;
      cites.items.forEach((cite, k) => {
        if (!isMap(cite)) return;
        const map = cite as YAMLMap;
        const quote = map.get('quote');
        if (typeof quote !== 'string') return;
        const span = map.get('span', true) as unknown;
        const given = isSeq(span) ? (span.toJSON() as number[]) : null;
        const text = (key: string) => {
          const v = map.get(key);
          return typeof v === 'string' ? v : null;
        };
        const input = {
          quote,
          spanStart: given?.[0] ?? null,
          spanEnd: given?.[1] ?? null,
          prefix: text('prefix'),
          suffix: text('suffix'),
        };
        const placed = placeQuote(source, input);
        // a stale span or context: place the quote afresh
        const result = placed.ok ? placed : relocate(source, quote, input.spanStart);
        if (!result) {
          if (!placed.ok) problems.push(`${name}: entities[${i}].claims[${j}].cite[${k}]: ${placed.message}`);
          return;
        }
        if (result.spanStart !== input.spanStart || result.spanEnd !== input.spanEnd) {
          setBeside(map, 'span', 'quote', doc.createNode([result.spanStart, result.spanEnd], { flow: true }));
          filled += 1;
        }
        for (const [key, after] of [
          ['prefix', 'span'],
          ['suffix', 'prefix'],
        ] as const) {
          if (result[key] === input[key]) continue;
          const node = new Scalar(result[key]);
          node.type = Scalar.QUOTE_DOUBLE;
          setBeside(map, key, after, node);
          filled += 1;
        }
      });
    });
  });
  return { filled, problems };
}

/**
 * Where a quote stands when what the file says no longer fits: at its span when the span still reads it,
 * else at its only occurrence; with the full context, which must then single it out.
 */
function relocate(source: SourceText, quote: string, spanStart: number | null): PlacedQuote | undefined {
  const occurrences = findQuote(source.text, quote);
  const start =
    spanStart !== null && occurrences.includes(spanStart)
      ? spanStart
      : occurrences.length === 1
        ? occurrences[0]!
        : undefined;
  if (start === undefined) return undefined;
  const end = start + [...quote].length;
  const context = contextAt(source.points, start, end);
  if (selectedStarts(source.text, quote, context.prefix, context.suffix).length !== 1) return undefined;
  return { spanStart: start, spanEnd: end, ...context };
}

/** Sets a key of a citation, a new key right after `after` so the file's diff stays beside the span. */
function setBeside(map: YAMLMap, key: string, after: string, value: unknown): void {
  if (map.has(key)) {
    map.set(key, value);
    return;
  }
  const at = map.items.findIndex((pair) => (pair.key as Scalar | undefined)?.value === after);
  map.items.splice(at < 0 ? map.items.length : at + 1, 0, new Pair(new Scalar(key), value));
}

function main(): number {
  const config = loadConfig();
  if (!config.sourcesDir) {
    process.stderr.write('seed:locate needs SOURCES_DIR: the folder holding the source documents.\n');
    return 2;
  }
  const args = process.argv.slice(2);
  const inputs = readInputs(args.length ? args : [SEED_DOCUMENTS_DIR]);
  const problems: string[] = [];
  for (const input of inputs) {
    const doc = YAML.parseDocument(input.content);
    const result = locate(input.name, doc, config.sourcesDir);
    problems.push(...result.problems);
    if (result.filled > 0) {
      fs.writeFileSync(
        input.name,
        doc.toString({ lineWidth: 0, doubleQuotedAsJSON: true, flowCollectionPadding: false }),
      );
      process.stdout.write(
        `${input.name}: ${result.filled} span(s), prefix(es), suffix(es) or hash(es) filled in\n`,
      );
    }
  }
  for (const p of problems) process.stderr.write(`${p}\n`);
  return problems.length ? 1 : 0;
}

process.exit(main());
