/**
 * The words of every name, kept by the ingest in `name_token` (token, words in the name, entity), so search
 * matches a name by its words in any order ("Turkic States organization") with one short index range per
 * word, shortest names first, instead of a leading-wildcard LIKE over every name.
 */
import type { QueryRunner } from 'typeorm';
import type { DerivedDataRefresher, RefreshScope } from '../ingest/derived-data';
import { nameKey } from '../provenance/name-key';

const CHUNK = 500;

/** The words of a text as the name index holds them: its folded key, split at anything not a letter or digit. */
export function nameTokens(text: string): string[] {
  return nameKey(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

// The same split in SQL: trim non-word characters at both ends, then make a JSON array of the words
// (what remains between separators is letters and digits only, so it needs no JSON escaping).
const NON_WORD = '[^\\\\p{L}\\\\p{N}]+';
const WORDS = `CONCAT('["', REGEXP_REPLACE(REGEXP_REPLACE(n.name_key, '^${NON_WORD}|${NON_WORD}$', ''), '${NON_WORD}', '","'), '"]')`;

const insertTokens = (where: string) =>
  `INSERT IGNORE INTO name_token (token, name_tokens, entity_id, entity_type, kind, name_key)
   SELECT t.token, JSON_LENGTH(w.words), w.entity_id, w.entity_type, w.kind, w.name_key
     FROM (SELECT n.entity_id, n.entity_type, n.kind, n.name_key, ${WORDS} AS words FROM entity_name n WHERE ${where}) w,
          JSON_TABLE(w.words, '$[*]' COLUMNS (token VARCHAR(300) PATH '$')) t
    WHERE t.token <> ''`;

async function refreshNameTokens(runner: QueryRunner, scope: RefreshScope): Promise<void> {
  if (scope === 'all') {
    await runner.query('DELETE FROM name_token');
    await runner.query(insertTokens('TRUE'));
    return;
  }
  for (let i = 0; i < scope.length; i += CHUNK) {
    const ids = scope.slice(i, i + CHUNK);
    await runner.query('DELETE FROM name_token WHERE entity_id IN (?)', [ids]);
    await runner.query(insertTokens('n.entity_id IN (?)'), [ids]);
  }
}

export const NAME_TOKEN_REFRESHER: DerivedDataRefresher = {
  name: 'name tokens',
  tables: ['name_token'],
  refresh: refreshNameTokens,
};
