/**
 * The supergraph config (supergraph.yaml, the format of Apollo's `rover supergraph compose`): every
 * subgraph with its routing URL and where its schema comes from (a file, or a running subgraph's
 * `_service { sdl }`). Composed here with Apollo's own composition, for the gateway and for routers.
 */
import { composeServices } from '@apollo/composition';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import YAML from 'yaml';

export interface SubgraphConfig {
  name: string;
  routingUrl: string;
  /** A schema file (relative to the config file), or a URL whose `_service { sdl }` gives the schema. */
  schema: { file: string } | { subgraphUrl: string };
}

/** This repository's subgraph: its URL can be given by EURASIA_GRAPH_URL (e.g. in a container network). */
export const THIS_SUBGRAPH = 'eurasia-graph';

export function readSupergraphConfig(file: string, env: NodeJS.ProcessEnv = process.env): SubgraphConfig[] {
  const where = (key: string) => `${file}: subgraphs.${key}`;
  const raw = YAML.parse(fs.readFileSync(file, 'utf8')) as {
    subgraphs?: Record<
      string,
      { routing_url?: unknown; schema?: { file?: unknown; subgraph_url?: unknown } }
    >;
  } | null;
  const entries = Object.entries(raw?.subgraphs ?? {});
  if (entries.length === 0) throw new Error(`${file}: no subgraphs listed under "subgraphs:"`);
  return entries.map(([name, entry]) => {
    const override = name === THIS_SUBGRAPH ? env.EURASIA_GRAPH_URL : undefined;
    const routingUrl = override ?? entry?.routing_url;
    if (typeof routingUrl !== 'string' || !/^https?:\/\//.test(routingUrl))
      throw new Error(`${where(name)}.routing_url must be an http(s) URL, got ${JSON.stringify(routingUrl)}`);
    const schema = entry?.schema;
    if (typeof schema?.file === 'string')
      return { name, routingUrl, schema: { file: path.resolve(path.dirname(file), schema.file) } };
    if (typeof schema?.subgraph_url === 'string')
      return { name, routingUrl, schema: { subgraphUrl: override ?? schema.subgraph_url } };
    throw new Error(`${where(name)}.schema needs "file" or "subgraph_url"`);
  });
}

async function subgraphSdl(subgraph: SubgraphConfig): Promise<string> {
  if ('file' in subgraph.schema) return fs.readFileSync(subgraph.schema.file, 'utf8');
  const response = await fetch(subgraph.schema.subgraphUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl)
    throw new Error(
      `subgraph ${subgraph.name}: ${subgraph.schema.subgraphUrl} gave no schema (HTTP ${response.status})`,
    );
  return sdl;
}

/** Composes the subgraphs into a supergraph schema; throws with every composition error. */
export async function composeSupergraph(subgraphs: SubgraphConfig[]): Promise<string> {
  const services = await Promise.all(
    subgraphs.map(async (s) => ({ name: s.name, url: s.routingUrl, typeDefs: parse(await subgraphSdl(s)) })),
  );
  const result = composeServices(services);
  if (result.errors)
    throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}
