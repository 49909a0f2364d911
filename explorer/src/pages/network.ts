/**
 * The network of countries and organizations linked by memberships and agreements. The graph library
 * (Cytoscape.js) is loaded only when this page opens, to keep the first page small. Every node is also
 * listed as a link below the graph, so the page works from the keyboard and with a screen reader.
 */
import { query } from '../api';
import { ExplorerNetworkDocument } from '../../../clients/generated/graphql';
import { h } from '../dom';
import { entityPath } from '../routes';

export interface NetworkNode {
  id: string;
  label: string;
  type: 'Country' | 'Organization';
}

export interface NetworkEdge {
  id: string;
  source: string;
  target: string;
  kind: 'membership' | 'agreement';
  /** How many agreements the pair shares, for agreement edges. */
  weight: number;
  label: string;
}

/** Memberships as they are; agreements as one edge per pair of parties, weighted by how many they share. */
export async function loadNetwork(): Promise<{ nodes: NetworkNode[]; edges: NetworkEdge[] }> {
  const data = await query(ExplorerNetworkDocument, {});
  const nodes = new Map<string, NetworkNode>();
  for (const c of data.countries.nodes) nodes.set(c.id, { id: c.id, label: c.name, type: 'Country' });
  for (const o of data.organizations.nodes) {
    nodes.set(o.id, { id: o.id, label: o.acronym ?? o.name, type: 'Organization' });
  }
  const edges: NetworkEdge[] = [];
  for (const o of data.organizations.nodes) {
    for (const m of o.members.nodes) {
      if (!m.member.id) continue;
      edges.push({
        id: m.id,
        source: m.member.id,
        target: o.id,
        kind: 'membership',
        weight: 1,
        label: m.status ? m.status.toLowerCase().replace(/_/g, ' ') : 'member',
      });
    }
  }
  const pairs = new Map<string, NetworkEdge>();
  for (const a of data.agreements.nodes) {
    const parties = [
      ...new Set(a.parties.nodes.map((p) => p.party.id).filter((id): id is string => !!id)),
    ].sort();
    for (let i = 0; i < parties.length; i++) {
      for (let j = i + 1; j < parties.length; j++) {
        const key = `${parties[i]}|${parties[j]}`;
        const pair = pairs.get(key);
        if (pair) {
          pair.weight += 1;
          pair.label = `${pair.weight} agreements`;
        } else {
          pairs.set(key, {
            id: `agreements:${key}`,
            source: parties[i]!,
            target: parties[j]!,
            kind: 'agreement',
            weight: 1,
            label: a.name,
          });
        }
      }
    }
  }
  edges.push(...pairs.values());
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  return {
    nodes: [...nodes.values()].filter((n) => linked.has(n.id)),
    edges: edges.filter((e) => nodes.has(e.source) && nodes.has(e.target)),
  };
}

export async function renderNetwork(navigate: (path: string) => void): Promise<HTMLElement> {
  const [{ nodes, edges }, { drawNetwork }] = await Promise.all([loadNetwork(), import('./network-view')]);
  const canvas = h('div', {
    id: 'network',
    class: 'network-canvas',
    role: 'img',
    'aria-label': `Network of ${nodes.length} countries and organizations; the same nodes are listed below as links.`,
  });
  const page = h(
    'article',
    { class: 'network-page' },
    h('h1', null, 'Network'),
    h(
      'p',
      { class: 'hint' },
      `${nodes.length} countries and organizations; solid lines are memberships, dashed lines agreements both are party to. Select a node to open its page.`,
    ),
    h(
      'ul',
      { class: 'legend', 'aria-label': 'Legend' },
      h('li', { class: 'legend-country' }, 'country'),
      h('li', { class: 'legend-organization' }, 'organization'),
    ),
    canvas,
    h(
      'details',
      { class: 'network-list' },
      h('summary', null, 'Every node as a list'),
      h(
        'ul',
        null,
        [...nodes]
          .sort((a, b) => a.label.localeCompare(b.label))
          .map((n) =>
            h('li', null, h('a', { href: entityPath(n.type, n.id) }, n.label), ` (${n.type.toLowerCase()})`),
          ),
      ),
    ),
  );
  // the canvas needs its size: draw once it is in the page
  requestAnimationFrame(() =>
    drawNetwork(canvas, nodes, edges, (node) => navigate(entityPath(node.type, node.id))),
  );
  return page;
}
