/** The `orderBy` argument of a root list: an `<X>OrderField` enum and an `<X>Order` input of field and direction. */
import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from './filters';

/** What an `<X>Order` argument holds once parsed. */
export interface OrderInput<F extends string> {
  field: F;
  direction: keyof typeof OrderDirection;
}

/**
 * Registers `<typeName>OrderField` (one value per key of `fields`, described by its string, in that order) and
 * declares the input type `<typeName>Order`; `plural` names what is sorted in their descriptions ("countries").
 */
export function orderInput<const F extends string>(
  typeName: string,
  plural: string,
  fields: Record<F, string>,
) {
  const names = Object.keys(fields) as F[];
  const field = Object.fromEntries(names.map((name) => [name, name])) as { readonly [K in F]: K };
  registerEnumType(field, {
    name: `${typeName}OrderField`,
    description: `What to sort ${plural} by.`,
    valuesConfig: Object.fromEntries(names.map((name) => [name, { description: fields[name] }])) as Record<
      F,
      { description: string }
    >,
  });

  @InputType(`${typeName}Order`, { description: `How to sort ${plural}.` })
  class Order implements OrderInput<F> {
    @Field(() => field, { description: 'What to sort by.' })
    field!: F;

    @Field(() => OrderDirection, { defaultValue: 'ASC', description: 'Which way.' })
    direction!: keyof typeof OrderDirection;
  }

  return { field, input: Order };
}
