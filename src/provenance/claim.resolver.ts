import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graph/context';
import { CitationType, type CitationModel } from './citation.type';
import { ClaimType, type ClaimModel } from './claim.type';
import { DocumentType } from '../documents/document.type';
import { fieldSpec, isEntityTypeName } from './entity-types';
import { Node } from './node.type';
import { toCitationModel, toClaimModel, toDocumentModel } from './models';
import { loadAnyEntity } from './nodes';
import { UNKNOWN_DATE } from './partial-date';

@Resolver(() => ClaimType)
export class ClaimResolver {
  @FieldResolver(() => [CitationType])
  async sources(@Root() claim: ClaimModel, @Ctx() ctx: Context): Promise<CitationModel[]> {
    return (await ctx.loaders.citationsByClaim.load(claim.id)).map(toCitationModel);
  }

  @FieldResolver(() => Boolean)
  unknown(@Root() claim: ClaimModel): boolean {
    return (
      claim.value === UNKNOWN_DATE &&
      isEntityTypeName(claim.subjectType) &&
      fieldSpec(claim.subjectType, claim.field)?.kind === 'date'
    );
  }

  @FieldResolver(() => Node, { description: 'The entity the claim is about.' })
  async subject(@Root() claim: ClaimModel, @Ctx() ctx: Context) {
    const entity = await loadAnyEntity(ctx, claim.subjectId, claim.subjectType);
    if (!entity) throw new Error(`Claim ${claim.id} is about a missing entity ${claim.subjectId}`);
    return entity;
  }

  @FieldResolver()
  valueNode(@Root() claim: ClaimModel, @Ctx() ctx: Context) {
    return loadAnyEntity(ctx, claim.valueRef, claim.valueType);
  }
}

@Resolver(() => CitationType)
export class CitationResolver {
  @FieldResolver(() => ClaimType, { description: 'The claim this quote supports.' })
  async claim(@Root() citation: CitationModel, @Ctx() ctx: Context) {
    const row = await ctx.loaders.claimsById.load(citation.claimId);
    if (!row) throw new Error(`Citation ${citation.id} supports a missing claim ${citation.claimId}`);
    return toClaimModel(row);
  }

  @FieldResolver(() => DocumentType)
  async document(@Root() citation: CitationModel, @Ctx() ctx: Context) {
    const row = await ctx.loaders.documentsById.load(citation.documentId);
    if (!row) throw new Error(`Citation ${citation.id} points to a missing document ${citation.documentId}`);
    return toDocumentModel(row);
  }
}
