import { Field, Int, ObjectType } from 'type-graphql';
import { DocumentType } from '../documents/document.type';
import { ClaimType } from './claim.type';
import { Connection } from '../graph/connection';
import { QuoteSelectorsType, type QuoteSelectorsModel } from './quote-selectors.type';

export interface CitationModel {
  __typename: 'Citation';
  id: string;
  claimId: string;
  documentId: string;
  quote: string;
  span: { start: number; end: number } | null;
  selectors: QuoteSelectorsModel;
  note: string | null;
}

@ObjectType('Span', {
  description: 'A place in a document: code-point offsets into its normalised text, end exclusive.',
})
export class SpanType {
  @Field(() => Int, { description: 'Offset of the first character.' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last character.' })
  end!: number;
}

@ObjectType('Citation', {
  description: 'The exact words of a document that state a claim, and where they stand in it.',
})
export class CitationType {
  @Field(() => String, {
    description: 'Verbatim quote from the normalised document text (at most about 40 words).',
  })
  quote!: string;

  @Field(() => SpanType, {
    nullable: true,
    description:
      'Where the quote stands in the normalised text; null only for documents whose text is not held.',
  })
  span!: { start: number; end: number } | null;

  @Field(() => QuoteSelectorsType, {
    description:
      'The quote and its place as W3C Web Annotation selectors (TextQuoteSelector, TextPositionSelector), for annotation tools.',
  })
  selectors!: QuoteSelectorsModel;

  @Field(() => String, {
    nullable: true,
    description: 'The curator\'s note on this citation ("year inferred from the report\'s date").',
  })
  note!: string | null;

  @Field(() => DocumentType, { description: 'The document quoted.' })
  document!: unknown;

  @Field(() => ClaimType, { description: 'The claim this quote supports.' })
  claim!: unknown;
}

@ObjectType('CitationConnection', { description: 'A page of citations.' })
export class CitationConnection extends Connection(CitationType, 'Citation', 'citations') {}
