import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graph/context';
import type { ConnectionModel } from '../graph/connection';
import { Conditions } from '../graph/filters';
import { PageArgs } from '../graph/page-args';
import { childConnection, rootConnection } from '../graph/lists';
import { orderInput } from '../graph/ordering';
import { CitationConnection, type CitationModel } from '../provenance/citation.type';
import { slugFromId } from '../provenance/lookup';
import { DOCUMENT_COLUMNS, toCitationModel, toDocumentModel } from '../provenance/models';
import { loadNode } from '../provenance/nodes';
import { DocumentConnection, DocumentKindEnum, DocumentType, type DocumentModel } from './document.type';

@InputType('DocumentFilter', { description: 'Which documents to list; all conditions must hold.' })
class DocumentFilter {
  @Field(() => [DocumentKindEnum], { nullable: true, description: 'Only documents of these kinds.' })
  kinds?: string[];

  @Field(() => String, { nullable: true, description: 'Only documents from this publisher (exact name).' })
  publisher?: string;

  @Field(() => String, { nullable: true, description: 'Only documents in this language ("en").' })
  language?: string;
}

export const { field: DocumentOrderField, input: DocumentOrder } = orderInput('Document', 'documents', {
  TITLE: 'Their title.',
  PUBLISHED: 'When they were published; undated last.',
});
type DocumentOrder = InstanceType<typeof DocumentOrder>;

@Resolver(() => DocumentType)
export class DocumentResolver {
  @Query(() => DocumentType, {
    nullable: true,
    description: 'One source document by its id; null when none has it.',
  })
  document(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The global id.' }) id: string) {
    const slug = slugFromId(id, 'Document');
    return slug ? loadNode(ctx, 'Document', slug) : null;
  }

  @Query(() => DocumentConnection, {
    description: 'The source documents, filtered and sorted (by title unless asked otherwise).',
  })
  documents(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => DocumentFilter, { nullable: true, description: 'Which documents to list.' })
    filter?: DocumentFilter,
    @Arg('orderBy', () => DocumentOrder, {
      nullable: true,
      description: 'How to sort them; by title by default.',
    })
    orderBy?: DocumentOrder,
  ): Promise<ConnectionModel<DocumentModel>> {
    const c = new Conditions();
    if (filter?.kinds?.length) c.add('t.kind IN (?)', filter.kinds);
    if (filter?.publisher) c.add('t.publisher = ?', filter.publisher);
    if (filter?.language) c.add('t.language = ?', filter.language);
    return rootConnection(
      ctx,
      {
        name: 'documents',
        table: 'document',
        columns: DOCUMENT_COLUMNS,
        where: c.where,
        params: c.params,
        sortColumn: orderBy?.field === 'PUBLISHED' ? 'published_sort' : 'title',
        descending: orderBy?.direction === 'DESC',
      },
      page,
      toDocumentModel,
    );
  }

  @FieldResolver(() => CitationConnection, {
    description:
      'Everything this document supports: its citations in the order they stand in the text; `claim` and `claim.subject` lead to what each states.',
  })
  citations(
    @Root() document: DocumentModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
  ): ConnectionModel<CitationModel> | Promise<ConnectionModel<CitationModel>> {
    return childConnection(
      ctx,
      {
        name: 'citationsByDocument',
        table: 'citation',
        parentColumns: ['document_id'],
        sortColumn: 'span_sort',
        sortType: 'number',
      },
      document.slug,
      page,
      toCitationModel,
    );
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The normalised full text that citation spans index, when the service holds it.',
  })
  async text(@Root() document: DocumentModel, @Ctx() ctx: Context): Promise<string | null> {
    const rows = await ctx.loaders
      .keyed('documentText', async (ids) => {
        const found = await ctx.db.query<{ id: string; text: string | null }>(
          'SELECT id, text FROM document WHERE id IN (?)',
          [ids],
        );
        return ids.map((id) => found.find((r) => r.id === id)?.text ?? null);
      })
      .load(document.slug);
    return rows;
  }
}
