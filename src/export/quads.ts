/**
 * From rows to RDF quads (RDF/JS terms from n3): an entity with its claims, each claim derived from its
 * citations (PROV-O), each citation a Web Annotation whose target is its document with the quote's
 * selectors. Every node has an IRI of its own (fragments of the entity's IRI), never a blank node, so the
 * quads of one batch never collide with another's.
 */
import { DataFactory } from 'n3';
import type { NamedNode, Quad, Quad_Object } from 'n3';
import { ENTITY_TYPES, fieldSpec, type EntityTypeName, type Rank } from '../provenance/entity-types';
import { toGlobalId, type NodeTypeName } from '../provenance/ids';
import { parsePartialDate, isPartialDateError } from '../provenance/partial-date';
import {
  DOCUMENT_SCHEMA_TYPES,
  NODE_PATH,
  PRECISIONS,
  PREFIXES,
  RANK_IRIS,
  SCHEMA_TYPES,
  ownVocabulary,
} from './vocabulary';

const { namedNode, literal, quad } = DataFactory;

export interface EntityRow {
  id: string;
  type: EntityTypeName;
  name: string | null;
}

export interface ClaimRow {
  id: string;
  subject_id: string;
  field: string;
  value: string | null;
  value_ref: string | null;
  value_type: NodeTypeName | null;
  rank: Rank;
  valid_from: string | null;
  valid_to: string | null;
  inferred: number;
  note: string | null;
}

export interface CitationRow {
  id: string;
  claim_id: string;
  document_id: string;
  quote: string;
  span_start: number | null;
  span_end: number | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  note: string | null;
}

export interface DocumentRow {
  id: string;
  title: string;
  publisher: string | null;
  author: string | null;
  url: string | null;
  published: string | null;
  kind: string;
  language: string | null;
  text_hash: string | null;
}

/** Builds the quads of one origin's graph; IRIs name nodes by their GraphQL global ids. */
export class QuadBuilder {
  private readonly eg: string;

  constructor(readonly origin: string) {
    this.eg = ownVocabulary(origin);
  }

  nodeIri(type: NodeTypeName, slug: string): string {
    return `${this.origin}${NODE_PATH}${toGlobalId(type, slug)}`;
  }

  /** An entity, its claims and their citations; `claims` and `citations` are the entity's own. */
  entity(entity: EntityRow, claims: ClaimRow[], citationsOf: (claimId: string) => CitationRow[]): Quad[] {
    const out: Quad[] = [];
    const subject = namedNode(this.nodeIri(entity.type, entity.id));
    this.types(out, subject, entity.type);
    out.push(quad(subject, this.schema('identifier'), literal(entity.id)));
    if (entity.name !== null) out.push(quad(subject, this.schema('name'), literal(entity.name)));
    for (const claim of claims) {
      const claimNode = namedNode(`${subject.value}#claim-${claim.id}`);
      out.push(quad(subject, this.own('claim'), claimNode));
      out.push(quad(claimNode, this.rdf('type'), this.wikibase('Statement')));
      out.push(quad(claimNode, this.rdf('type'), this.prov('Entity')));
      out.push(quad(claimNode, this.own('property'), this.own(claim.field)));
      const value = this.value(out, entity.type, claim, `${claimNode.value}-value`);
      if (value) out.push(quad(claimNode, this.own('value'), value));
      out.push(quad(claimNode, this.wikibase('rank'), namedNode(RANK_IRIS[claim.rank])));
      if (claim.valid_from !== null)
        out.push(
          quad(claimNode, this.own('validFrom'), this.time(out, claim.valid_from, `${claimNode.value}-from`)),
        );
      if (claim.valid_to !== null)
        out.push(
          quad(claimNode, this.own('validTo'), this.time(out, claim.valid_to, `${claimNode.value}-to`)),
        );
      if (Number(claim.inferred) === 1) out.push(quad(claimNode, this.own('inferred'), this.boolean(true)));
      if (claim.note !== null) out.push(quad(claimNode, this.own('note'), literal(claim.note)));
      for (const citation of citationsOf(claim.id)) this.citation(out, subject.value, claimNode, citation);
    }
    return out;
  }

  document(row: DocumentRow): Quad[] {
    const out: Quad[] = [];
    const subject = namedNode(this.nodeIri('Document', row.id));
    this.types(out, subject, 'Document');
    const kind = DOCUMENT_SCHEMA_TYPES[row.kind];
    if (kind && kind !== SCHEMA_TYPES.Document) out.push(quad(subject, this.rdf('type'), this.schema(kind)));
    out.push(quad(subject, this.schema('identifier'), literal(row.id)));
    out.push(quad(subject, this.schema('name'), literal(row.title)));
    if (row.publisher !== null) out.push(quad(subject, this.schema('publisher'), literal(row.publisher)));
    if (row.author !== null) out.push(quad(subject, this.schema('author'), literal(row.author)));
    if (row.url !== null) out.push(quad(subject, this.schema('url'), literal(row.url, this.xsd('anyURI'))));
    if (row.published !== null) {
      const date = this.dateLiteral(row.published);
      if (date) out.push(quad(subject, this.schema('datePublished'), date));
    }
    if (row.language !== null) out.push(quad(subject, this.schema('inLanguage'), literal(row.language)));
    out.push(quad(subject, this.own('kind'), literal(row.kind)));
    if (row.text_hash !== null) out.push(quad(subject, this.own('textHash'), literal(row.text_hash)));
    return out;
  }

  /** A citation: a Web Annotation whose body is the claim and whose target is the quoted place. */
  private citation(out: Quad[], subjectIri: string, claimNode: NamedNode, c: CitationRow): void {
    const node = namedNode(`${subjectIri}#citation-${c.id}`);
    const target = namedNode(`${node.value}-target`);
    const quoteSelector = namedNode(`${node.value}-quote`);
    out.push(quad(claimNode, this.prov('wasDerivedFrom'), node));
    out.push(quad(node, this.rdf('type'), this.oa('Annotation')));
    out.push(quad(node, this.rdf('type'), this.prov('Entity')));
    out.push(quad(node, this.oa('hasBody'), claimNode));
    out.push(quad(node, this.oa('hasTarget'), target));
    out.push(quad(target, this.rdf('type'), this.oa('SpecificResource')));
    out.push(quad(target, this.oa('hasSource'), namedNode(this.nodeIri('Document', c.document_id))));
    out.push(quad(target, this.oa('hasSelector'), quoteSelector));
    out.push(quad(quoteSelector, this.rdf('type'), this.oa('TextQuoteSelector')));
    out.push(quad(quoteSelector, this.oa('exact'), literal(c.quote)));
    if (c.quote_prefix !== null) out.push(quad(quoteSelector, this.oa('prefix'), literal(c.quote_prefix)));
    if (c.quote_suffix !== null) out.push(quad(quoteSelector, this.oa('suffix'), literal(c.quote_suffix)));
    if (c.span_start !== null && c.span_end !== null) {
      const position = namedNode(`${node.value}-position`);
      out.push(quad(target, this.oa('hasSelector'), position));
      out.push(quad(position, this.rdf('type'), this.oa('TextPositionSelector')));
      out.push(quad(position, this.oa('start'), this.count(c.span_start)));
      out.push(quad(position, this.oa('end'), this.count(c.span_end)));
    }
    if (c.note !== null) out.push(quad(node, this.own('note'), literal(c.note)));
  }

  /** A claim's value as its field's kind says: a node for references and dates, else a typed literal. */
  private value(out: Quad[], type: EntityTypeName, claim: ClaimRow, iri: string): Quad_Object | undefined {
    const spec = fieldSpec(type, claim.field);
    if (claim.value_ref !== null) {
      const target = claim.value_type ?? spec?.targets?.[0];
      return target ? namedNode(this.nodeIri(target, claim.value_ref)) : undefined;
    }
    if (claim.value === null) return undefined;
    switch (spec?.kind) {
      case 'date':
        return this.time(out, claim.value, iri);
      case 'boolean':
        return this.boolean(claim.value === 'true');
      case 'number':
        return literal(claim.value, this.xsd('decimal'));
      default:
        return literal(claim.value);
    }
  }

  /**
   * A partial date as a Wikibase time value: the XSD type that keeps its precision ("2009" stays a year,
   * never 2009-01-01) and Wikidata's precision number; an unknown date is a value known to exist.
   */
  private time(out: Quad[], text: string, iri: string): NamedNode {
    const node = namedNode(iri);
    out.push(quad(node, this.rdf('type'), this.wikibase('TimeValue')));
    const parsed = parsePartialDate(text);
    if (isPartialDateError(parsed) || parsed.precision === 'UNKNOWN') {
      out.push(quad(node, this.rdf('type'), this.own('UnknownValue')));
      return node;
    }
    const precision = PRECISIONS[parsed.precision];
    out.push(quad(node, this.wikibase('timeValue'), literal(text, this.xsd(precision.xsd))));
    out.push(
      quad(node, this.wikibase('timePrecision'), literal(String(precision.wikibase), this.xsd('integer'))),
    );
    return node;
  }

  private dateLiteral(text: string) {
    const parsed = parsePartialDate(text);
    if (isPartialDateError(parsed) || parsed.precision === 'UNKNOWN') return undefined;
    return literal(text, this.xsd(PRECISIONS[parsed.precision].xsd));
  }

  private types(out: Quad[], subject: NamedNode, type: NodeTypeName): void {
    const schemaType = SCHEMA_TYPES[type];
    if (schemaType) out.push(quad(subject, this.rdf('type'), this.schema(schemaType)));
    out.push(quad(subject, this.rdf('type'), this.own(type)));
    if (type === 'Document') out.push(quad(subject, this.rdf('type'), this.prov('Entity')));
    else if (ENTITY_TYPES[type].relationship)
      out.push(quad(subject, this.rdf('type'), this.own('Relationship')));
  }

  private boolean = (value: boolean) => literal(String(value), this.xsd('boolean'));
  private count = (value: number) => literal(String(value), this.xsd('nonNegativeInteger'));
  private own = (term: string) => namedNode(`${this.eg}${term}`);
  private schema = (term: string) => namedNode(`${PREFIXES.schema}${term}`);
  private prov = (term: string) => namedNode(`${PREFIXES.prov}${term}`);
  private oa = (term: string) => namedNode(`${PREFIXES.oa}${term}`);
  private wikibase = (term: string) => namedNode(`${PREFIXES.wikibase}${term}`);
  private rdf = (term: string) => namedNode(`${PREFIXES.rdf}${term}`);
  private xsd = (term: string) => namedNode(`${PREFIXES.xsd}${term}`);
}
