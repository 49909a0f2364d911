/**
 * Typed documents for the example operations in clients/operations, generated from the committed schema
 * (`npm run codegen`). A client project does the same with its own operations, from schema/schema.graphql
 * or from a running endpoint's introspection (see the README).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: ['schema/schema.graphql', 'clients/federation-directives.graphql'],
  documents: ['clients/operations/**/*.graphql'],
  generates: {
    'clients/generated/': {
      preset: 'client',
      // The explorer reads fragment fields directly; masking would hide them behind `useFragment`.
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true },
    },
  },
  ignoreNoDocuments: false,
};

export default config;
