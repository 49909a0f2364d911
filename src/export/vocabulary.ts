/**
 * The linked-data vocabulary of the export: PROV-O for derivation, the W3C Web Annotation vocabulary for
 * quotes, Wikibase's ontology for ranks and date precision, schema.org for what things are. Terms of the
 * service's own (a claim's field, its validity) live under the published context's URL.
 */
import type { DatePrecision } from '../provenance/partial-date';
import type { NodeTypeName } from '../provenance/ids';
import type { Rank } from '../provenance/entity-types';

export const PREFIXES = {
  schema: 'https://schema.org/',
  prov: 'http://www.w3.org/ns/prov#',
  oa: 'http://www.w3.org/ns/oa#',
  wikibase: 'http://wikiba.se/ontology#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export const CONTEXT_PATH = '/export/context.jsonld';
export const NODE_PATH = '/export/node/';

/** The service's own terms, under the published context's URL on this origin. */
export const ownVocabulary = (origin: string) => `${origin}${CONTEXT_PATH}#`;

/** The published JSON-LD context: the prefixes every export uses, the service's own among them. */
export function jsonLdContext(origin: string): Record<string, unknown> {
  return {
    '@context': {
      '@version': 1.1,
      ...PREFIXES,
      eg: ownVocabulary(origin),
    },
  };
}

/** schema.org classes for the types that have one; every node also gets its own type under `eg:`. */
export const SCHEMA_TYPES: Partial<Record<NodeTypeName, string>> = {
  Country: 'Country',
  Organization: 'Organization',
  Event: 'Event',
  Person: 'Person',
  Agreement: 'Legislation',
  Project: 'Project',
  Document: 'CreativeWork',
};

/** A more precise schema.org class for each kind of document. */
export const DOCUMENT_SCHEMA_TYPES: Record<string, string> = {
  NEWS_ARTICLE: 'NewsArticle',
  ANALYSIS: 'AnalysisNewsArticle',
  REPORT: 'Report',
  ENCYCLOPEDIA_ARTICLE: 'Article',
  PRESS_RELEASE: 'Article',
  STANDARD: 'CreativeWork',
  OTHER: 'CreativeWork',
};

/** Wikidata's statement ranks. */
export const RANK_IRIS: Record<Rank, string> = {
  PREFERRED: `${PREFIXES.wikibase}PreferredRank`,
  NORMAL: `${PREFIXES.wikibase}NormalRank`,
  DEPRECATED: `${PREFIXES.wikibase}DeprecatedRank`,
};

/** Wikidata's time precision (9 year, 10 month, 11 day) and the XSD type that keeps exactly that much. */
export const PRECISIONS: Record<Exclude<DatePrecision, 'UNKNOWN'>, { wikibase: number; xsd: string }> = {
  YEAR: { wikibase: 9, xsd: 'gYear' },
  MONTH: { wikibase: 10, xsd: 'gYearMonth' },
  DAY: { wikibase: 11, xsd: 'date' },
};
