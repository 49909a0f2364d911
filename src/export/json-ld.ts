/**
 * Quads as JSON-LD node objects in flattened form (one object per subject, references by `@id`), with
 * IRIs compacted by the published context's prefixes. Built from the same quads as the N-Quads export, so
 * the two formats always state the same graph.
 */
import type { Quad } from 'n3';
import { PREFIXES, ownVocabulary } from './vocabulary';

export type NodeObject = Record<string, unknown> & { '@id': string };

const RDF_TYPE = `${PREFIXES.rdf}type`;
const XSD_STRING = `${PREFIXES.xsd}string`;
const XSD_BOOLEAN = `${PREFIXES.xsd}boolean`;

export class JsonLdWriter {
  private readonly prefixes: [string, string][];

  constructor(origin: string) {
    // the longest namespace first, so a namespace inside another is matched by its own prefix
    this.prefixes = Object.entries({ ...PREFIXES, eg: ownVocabulary(origin) }).sort(
      (a, b) => b[1].length - a[1].length,
    );
  }

  /** The node objects of these quads, in the order their subjects first appear. */
  nodes(quads: Quad[]): NodeObject[] {
    const nodes = new Map<string, NodeObject>();
    for (const q of quads) {
      const id = q.subject.value;
      let node = nodes.get(id);
      if (!node) nodes.set(id, (node = { '@id': this.compact(id) }));
      const key = q.predicate.value === RDF_TYPE ? '@type' : this.compact(q.predicate.value);
      const value = key === '@type' ? this.compact(q.object.value) : this.object(q);
      const existing = node[key];
      node[key] = existing === undefined ? [value] : [...(existing as unknown[]), value];
    }
    // single values without the list around them, as people write JSON-LD
    for (const node of nodes.values())
      for (const [key, value] of Object.entries(node))
        if (Array.isArray(value) && value.length === 1) node[key] = value[0];
    return [...nodes.values()];
  }

  private object(q: Quad): unknown {
    const o = q.object;
    if (o.termType === 'NamedNode') return { '@id': this.compact(o.value) };
    if (o.termType !== 'Literal') return { '@id': o.value };
    if (o.language) return { '@value': o.value, '@language': o.language };
    const datatype = o.datatype.value;
    if (datatype === XSD_STRING) return o.value;
    if (datatype === XSD_BOOLEAN) return o.value === 'true';
    return { '@value': o.value, '@type': this.compact(datatype) };
  }

  private compact(iri: string): string {
    for (const [prefix, namespace] of this.prefixes)
      if (iri.startsWith(namespace) && iri.length > namespace.length)
        return `${prefix}:${iri.slice(namespace.length)}`;
    return iri;
  }
}
