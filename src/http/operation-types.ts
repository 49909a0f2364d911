import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses an operation whose type the schema does not have (this one has queries only): graphql-js 16
 * lets a `mutation` or `subscription` through validation and fails it at execution, as an internal error.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(
      new GraphQLError(`This service has no ${node.operation}s: it answers queries only.`, { nodes: node }),
    );
  },
});
