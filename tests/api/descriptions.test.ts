/** The schema is a product: every type, field, argument, input field and enum value says what it is. */
import { useTestService } from '../support/service';

const api = useTestService();

const INTROSPECTION = `{
  __schema {
    types {
      name kind description
      fields(includeDeprecated: true) { name description args { name description } }
      inputFields { name description }
      enumValues(includeDeprecated: true) { name description }
    }
  }
}`;

// What GraphQL itself and the federation spec add: their descriptions are theirs to give.
const isBuiltIn = (name: string) =>
  name.startsWith('__') ||
  name.startsWith('_') ||
  name.startsWith('link__') ||
  name.startsWith('federation__') ||
  ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(name);

describe('Schema: descriptions', () => {
  it('describes every type, field, argument, input field and enum value', async () => {
    const { body } = await api.gql(INTROSPECTION);
    const missing: string[] = [];
    const described = (d: string | null) => typeof d === 'string' && d.trim().length > 3;
    let checked = 0;
    for (const type of body.data!.__schema.types as any[]) {
      if (isBuiltIn(type.name)) continue;
      checked += 1;
      if (!described(type.description)) missing.push(`type ${type.name}`);
      for (const field of type.fields ?? []) {
        if (field.name.startsWith('_')) continue;
        checked += 1;
        if (!described(field.description)) missing.push(`field ${type.name}.${field.name}`);
        for (const arg of field.args) {
          checked += 1;
          if (!described(arg.description)) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
        }
      }
      for (const input of type.inputFields ?? []) {
        checked += 1;
        if (!described(input.description)) missing.push(`input field ${type.name}.${input.name}`);
      }
      for (const value of type.enumValues ?? []) {
        checked += 1;
        if (!described(value.description)) missing.push(`enum value ${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });
});
