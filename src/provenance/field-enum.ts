/**
 * `<Type>Field` enums, one per entity type, built from the model table so they list exactly the fields
 * that carry claims: `claims(fields: [CountryField!])`.
 */
import { registerEnumType } from 'type-graphql';
import { ENTITY_TYPES, type EntityTypeName } from './entity-types';

export const toEnumName = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

export function fieldEnum(type: EntityTypeName): Record<string, string> {
  const spec = ENTITY_TYPES[type];
  const values = Object.fromEntries(spec.fields.map((f) => [toEnumName(f.name), f.name]));
  registerEnumType(values, {
    name: `${type}Field`,
    description: `The sourced fields of ${type}, for choosing which claims to return.`,
    valuesConfig: Object.fromEntries(
      spec.fields.map((f) => [
        toEnumName(f.name),
        { description: `Claims about \`${f.name}\`: ${f.description}` },
      ]),
    ),
  });
  return values;
}
