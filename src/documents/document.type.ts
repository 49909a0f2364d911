import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { DOCUMENT_KINDS } from '../provenance/entity-types';
import { Node, type NodeModel } from '../provenance/node.type';
import { PartialDateType } from '../provenance/partial-date.type';
import type { PartialDateValue } from '../provenance/partial-date';

export const DocumentKindEnum = Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, k])) as Record<
  (typeof DOCUMENT_KINDS)[number],
  string
>;
registerEnumType(DocumentKindEnum, {
  name: 'DocumentKind',
  description: 'What kind of source a document is.',
  valuesConfig: {
    NEWS_ARTICLE: { description: 'A news report.' },
    ANALYSIS: { description: 'A commentary or analysis piece.' },
    REPORT: { description: 'A report or policy paper, such as a think tank publishes.' },
    ENCYCLOPEDIA_ARTICLE: { description: 'An encyclopedia entry.' },
    PRESS_RELEASE: { description: 'An official statement.' },
    STANDARD: { description: 'A standard or reference list (ISO 3166-1).' },
    OTHER: { description: 'Anything else.' },
  },
});

export interface DocumentModel extends NodeModel {
  __typename: 'Document';
  title: string;
  publisher: string | null;
  author: string | null;
  url: string | null;
  published: PartialDateValue | null;
  publishedNote: string | null;
  kind: string;
  language: string | null;
  qualityNotes: string[];
  textHash: string | null;
  hasText: boolean;
}

@Directive('@key(fields: "id")')
@ObjectType('Document', {
  implements: Node,
  description: 'A source: an article, report or entry whose words back the facts of the graph.',
})
export class DocumentType extends Node {
  @Field(() => String, { description: "The document's title." })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Who published it.' })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'Who wrote it, when known.' })
  author!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was published online, when known.' })
  url!: string | null;

  @Field(() => PartialDateType, {
    nullable: true,
    description: 'When it was published, to the precision known; null when the document does not say.',
  })
  published!: PartialDateValue | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the publication date comes from, when it is inferred.',
  })
  publishedNote!: string | null;

  @Field(() => DocumentKindEnum, { description: 'What kind of source it is.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Its language (BCP 47, "en").' })
  language!: string | null;

  @Field(() => [String], {
    description:
      'What a reader should know about the text itself (repaired encoding, machine-generated filler...).',
  })
  qualityNotes!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'The state of the text that citation spans and selectors refer to: the SHA-256 (64 lower-case hexadecimal digits) of the UTF-8 bytes of the normalised text. A client holding a copy of the text can compare hashes before applying offsets. Null when the text was never seen.',
  })
  textHash!: string | null;
}

@ObjectType('DocumentConnection', { description: 'A page of documents.' })
export class DocumentConnection extends Connection(DocumentType, 'Document', 'documents') {}
