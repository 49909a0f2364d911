/** Revisions and the change feed: the resolvers this domain owns. */
import { ClaimRevisionsResolver, EntityChangeResolver, RevisionResolver } from './revision.resolver';

export const REVISION_RESOLVERS = [RevisionResolver, EntityChangeResolver, ClaimRevisionsResolver] as const;
