/**
 * `npm run seed:locate -- [file or folder...]`: fills in every citation's missing span (and the document's
 * textHash) from the source texts in SOURCES_DIR, keeping the files' comments and layout. A quote that is
 * not found, or found more than once, is reported for the curator to fix.
 */
import fs from 'node:fs';
import YAML, { isMap, isSeq, type Document, type YAMLMap } from 'yaml';
import { loadConfig } from '../config';
import { readInputs, SEED_DOCUMENTS_DIR } from './read-inputs';
import { checkQuote, readSourceText } from './sources';

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
        const check = checkQuote(source, quote, given?.[0] ?? null, given?.[1] ?? null);
        if (!check.ok) {
          if (given) {
            // a stale span: look the quote up afresh
            const fresh = checkQuote(source, quote, null, null);
            if (fresh.ok) {
              setSpan(doc, map, fresh.spanStart, fresh.spanEnd);
              filled += 1;
              return;
            }
          }
          problems.push(`${name}: entities[${i}].claims[${j}].cite[${k}]: ${check.message}`);
          return;
        }
        if (!given) {
          setSpan(doc, map, check.spanStart, check.spanEnd);
          filled += 1;
        }
      });
    });
  });
  return { filled, problems };
}

function setSpan(doc: Document, cite: YAMLMap, start: number, end: number): void {
  const node = doc.createNode([start, end], { flow: true });
  cite.set('span', node);
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
      process.stdout.write(`${input.name}: ${result.filled} span(s) or hash(es) filled in\n`);
    }
  }
  for (const p of problems) process.stderr.write(`${p}\n`);
  return problems.length ? 1 : 0;
}

process.exit(main());
