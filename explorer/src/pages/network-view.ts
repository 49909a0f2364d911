/** Draws the network with Cytoscape.js and its force-directed layout (cose); loaded only by the network page. */
import cytoscape from 'cytoscape';
import type { NetworkEdge, NetworkNode } from './network';

/**
 * Cytoscape adds an inline <style> unless an element with this id exists, and inline styles break the page's
 * CSP: the rule it would add (position: relative) is in the explorer's own stylesheet instead.
 */
function keepStylesInOwnSheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  marker.name = 'cytoscape-styles';
  marker.content = 'in the stylesheet';
  document.head.appendChild(marker);
}

export function drawNetwork(
  container: HTMLElement,
  nodes: NetworkNode[],
  edges: NetworkEdge[],
  open: (node: NetworkNode) => void,
): cytoscape.Core {
  keepStylesInOwnSheet();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const cy = cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({ data: { id: n.id, label: n.label, type: n.type } })),
      ...edges.map((e) => ({
        data: { id: e.id, source: e.source, target: e.target, kind: e.kind, weight: e.weight },
      })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'font-size': 13,
          'font-family': 'system-ui, sans-serif',
          color: '#1b1f24',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
          width: 18,
          height: 18,
        },
      },
      { selector: 'node[type = "Country"]', style: { 'background-color': '#1f5fa8', shape: 'ellipse' } },
      {
        selector: 'node[type = "Organization"]',
        style: { 'background-color': '#b3541e', shape: 'round-rectangle', width: 24, height: 16 },
      },
      {
        selector: 'edge',
        style: { width: 1.2, 'line-color': '#8a96a3', 'curve-style': 'haystack', opacity: 0.7 },
      },
      {
        selector: 'edge[kind = "agreement"]',
        style: { 'line-style': 'dashed', 'line-color': '#5b6b7c', width: 'mapData(weight, 1, 5, 1, 4)' },
      },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#111' } },
    ],
    layout: { name: 'preset' },
    minZoom: 0.2,
    maxZoom: 3,
  });
  // The layout follows memberships only: agreements tie the same neighbours together many times over, and as
  // springs they knot the states of a region into one point. They are drawn, not laid out.
  cy.elements()
    .not('edge[kind = "agreement"]')
    .layout({
      name: 'cose',
      animate: false,
      nodeRepulsion: () => 400000,
      idealEdgeLength: () => 80,
      nodeOverlap: 40,
      gravity: 40,
      numIter: 2000,
      padding: 30,
    })
    .run();
  cy.fit(undefined, 30);
  cy.on('tap', 'node', (event) => {
    const node = byId.get(event.target.id() as string);
    if (node) open(node);
  });
  // the browser tests find a node's place on the canvas through this handle
  (container as HTMLElement & { cy?: cytoscape.Core }).cy = cy;
  container.dataset.ready = 'true';
  return cy;
}
