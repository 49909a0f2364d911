/**
 * The W3C Web Annotation Data Model's text selectors (https://www.w3.org/TR/annotation-model/#selectors),
 * with the model's own names, so annotation tools can anchor a citation in their copy of the text.
 */
import { Field, Int, ObjectType } from 'type-graphql';

export interface QuoteSelectorsModel {
  textQuote: { exact: string; prefix: string | null; suffix: string | null };
  textPosition: { start: number; end: number } | null;
}

@ObjectType('TextQuoteSelector', {
  description:
    'A W3C Web Annotation TextQuoteSelector (https://www.w3.org/TR/annotation-model/#text-quote-selector): the quote with enough of the text around it to find it in the normalised document text, and only there.',
})
export class TextQuoteSelectorType {
  @Field(() => String, { description: 'The quoted words, exactly as they stand in the normalised text.' })
  exact!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Up to 32 code points of the text just before the quote ("" at the start of the text); `prefix + exact + suffix` occurs once in the document. Null when the quote was never placed in its text.',
  })
  prefix!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Up to 32 code points of the text just after the quote ("" at the end of the text). Null when the quote was never placed in its text.',
  })
  suffix!: string | null;
}

@ObjectType('TextPositionSelector', {
  description:
    'A W3C Web Annotation TextPositionSelector (https://www.w3.org/TR/annotation-model/#text-position-selector): where the quote stands, in Unicode code points (not UTF-16 units) of the normalised text whose hash is `Document.textHash`.',
})
export class TextPositionSelectorType {
  @Field(() => Int, { description: 'Offset of the first code point of the quote.' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last code point of the quote (end exclusive).' })
  end!: number;
}

@ObjectType('QuoteSelectors', {
  description:
    "A citation's place in its document as W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors): the quote with its context, and its position.",
})
export class QuoteSelectorsType {
  @Field(() => TextQuoteSelectorType, { description: 'The quote with the text around it.' })
  textQuote!: QuoteSelectorsModel['textQuote'];

  @Field(() => TextPositionSelectorType, {
    nullable: true,
    description: 'Where the quote stands; null only for documents whose text is not held.',
  })
  textPosition!: QuoteSelectorsModel['textPosition'];
}
