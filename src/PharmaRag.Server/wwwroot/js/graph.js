// Graph: search an entity, draw its neighbourhood with cytoscape (loaded on first use; its cose
// layout places the nodes), colour nodes by type, label edges; a node expands or lists its sources.

import { getJson } from './api.js';
import { announce, el, showError } from './dom.js';

const typeColours = {
  drug: '#1f6feb', disease: '#c2410c', adverse_reaction: '#b91c1c', dose: '#7c3aed', population: '#0f766e',
  gene: '#15803d', biomarker: '#4d7c0f', study: '#a16207', endpoint: '#be185d', organization: '#475569',
  table: '#0e7490', image: '#6d28d9', equation: '#334155', concept: '#6b7280',
};
const maxNodes = 40;
let cytoscapePromise = null;

function loadCytoscape() {
  cytoscapePromise ??= import('/vendor/cytoscape.esm.min.mjs').then(m => m.default);
  return cytoscapePromise;
}

export function startGraph({ openSource }) {
  const form = document.getElementById('graph-form');
  const search = document.getElementById('entity-search');
  const error = document.getElementById('graph-error');
  const results = document.getElementById('entity-results');
  const area = document.getElementById('graph-area');
  const canvas = document.getElementById('graph-canvas');
  const legend = document.getElementById('graph-legend');
  const details = document.getElementById('node-details');
  const nodeList = document.getElementById('node-list');
  const nodeCount = document.getElementById('node-count');
  let cy = null;
  const entities = new Map();

  search.addEventListener('input', () => showError(error, ''));
  new ResizeObserver(() => {
    if (cy && canvas.clientWidth > 0) {
      cy.resize();
      fit();
    }
  }).observe(canvas);

  /** The whole neighbourhood in view, without blowing a small graph up to giant nodes. */
  function fit() {
    cy.fit(undefined, 24);
    if (cy.zoom() > 1.6) {
      cy.zoom(1.6);
      cy.center();
    }
  }
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const words = search.value.trim();
    if (!words) {
      showError(error, 'Type an entity name first: the search is empty.');
      search.focus();
      return;
    }
    showError(error, '');
    results.replaceChildren(el('li', { className: 'muted', text: 'Searching…' }));
    try {
      const found = await getJson(`/graph/entities?${new URLSearchParams({ search: words, limit: '12' })}`);
      if (found.length === 0) {
        results.replaceChildren();
        showError(error, `No entity matches "${words}". Entities come from processed documents; try another name or an alias.`);
        return;
      }
      results.replaceChildren(...found.map(entity => {
        const button = el('button', { type: 'button', className: 'entity-button' },
          el('span', { className: 'swatch', style: `background:${colour(entity.type)}`, 'aria-hidden': 'true' }),
          `${entity.name} `,
          el('span', { className: 'muted', text: `${label(entity.type)} · ${entity.mentions} mention${entity.mentions === 1 ? '' : 's'}` }));
        button.addEventListener('click', () => showNeighbourhood(entity.name, true));
        return el('li', {}, button);
      }));
      if (found.length === 1 || found[0].name.toLowerCase() === words.toLowerCase()) {
        await showNeighbourhood(found[0].name, true);
      }
    } catch (failure) {
      results.replaceChildren();
      showError(error, `The graph could not be searched: ${failure.message}`);
    }
  });

  async function showNeighbourhood(name, replace) {
    showError(error, '');
    let subgraph;
    try {
      subgraph = await getJson(`/graph?${new URLSearchParams({ label: name, depth: '1', max_nodes: String(maxNodes) })}`);
    } catch (failure) {
      showError(error, `The neighbourhood of ${name} could not be loaded: ${failure.message}`);
      return;
    }
    area.hidden = false;
    const cytoscape = await loadCytoscape();
    if (!cy || replace) {
      cy?.destroy();
      entities.clear();
      cy = cytoscape({
        container: canvas,
        wheelSensitivity: 0.3,
        style: [
          {
            selector: 'node',
            style: {
              'background-color': 'data(colour)', label: 'data(name)', color: '#111827', 'font-size': 11,
              'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': 120,
              width: 'mapData(mentions, 1, 50, 18, 42)', height: 'mapData(mentions, 1, 50, 18, 42)',
              'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 1,
            },
          },
          { selector: 'node.centre', style: { 'border-width': 3, 'border-color': '#111827' } },
          { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
          {
            selector: 'edge',
            style: {
              width: 'mapData(weight, 1, 10, 1, 4)', 'line-color': '#9ca3af', 'curve-style': 'bezier',
              'target-arrow-shape': 'triangle', 'target-arrow-color': '#9ca3af',
              label: 'data(label)', 'font-size': 9, color: '#374151', 'text-rotation': 'autorotate',
              'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
            },
          },
        ],
      });
      cy.on('tap', 'node', event => select(event.target.id()));
    }
    const centre = subgraph.nodes.find(n => n.name.toLowerCase() === name.toLowerCase()) ?? subgraph.nodes[0];
    cy.batch(() => {
      for (const node of subgraph.nodes) {
        entities.set(node.id, node);
        if (cy.getElementById(node.id).empty()) {
          cy.add({ group: 'nodes', data: { id: node.id, name: node.name, colour: colour(node.type), mentions: Math.max(node.mentions, 1) } });
        }
      }
      for (const edge of subgraph.edges) {
        if (cy.getElementById(edge.id).empty() && entities.has(edge.source) && entities.has(edge.target)) {
          cy.add({ group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, label: edgeLabel(edge), weight: edge.weight } });
        }
      }
    });
    cy.nodes().removeClass('centre');
    cy.getElementById(centre.id).addClass('centre');
    cy.layout({ name: 'cose', animate: false, randomize: replace, nodeDimensionsIncludeLabels: true, idealEdgeLength: () => 90 }).run();
    fit();
    renderLegend();
    renderNodeList();
    select(centre.id);
    canvas.dataset.nodes = String(cy.nodes().length);
    canvas.dataset.edges = String(cy.edges().length);
    announce(`${centre.name}: ${subgraph.nodes.length} nodes and ${subgraph.edges.length} relations${subgraph.truncated ? ' (cut at the node limit)' : ''}.`);
  }

  function select(id) {
    const entity = entities.get(id);
    if (!entity) {
      return;
    }
    cy.nodes().unselect();
    cy.getElementById(id).select();
    const expand = el('button', { type: 'button', text: 'Expand neighbours' });
    expand.addEventListener('click', () => showNeighbourhood(entity.name, false));
    const sources = el('button', { type: 'button', text: 'Supporting passages' });
    const sourceList = el('ul', { className: 'sources', 'aria-label': `Passages that mention ${entity.name}` });
    sources.addEventListener('click', () => listSources(entity, sourceList));
    const relations = cy.getElementById(id).connectedEdges().map(e => {
      const other = entities.get(e.source().id() === id ? e.target().id() : e.source().id());
      return el('li', { text: `${e.data('label') || 'related to'} · ${other?.name ?? ''}` });
    });
    details.replaceChildren(
      el('h3', {}, el('span', { className: 'swatch', style: `background:${colour(entity.type)}`, 'aria-hidden': 'true' }), entity.name),
      el('p', { className: 'muted', text: `${label(entity.type)} · ${entity.mentions} mention${entity.mentions === 1 ? '' : 's'}`
        + (entity.aliases?.length ? ` · also ${entity.aliases.join(', ')}` : '') }),
      entity.description ? el('p', { text: entity.description }) : '',
      el('div', { className: 'row wrap' }, expand, sources),
      relations.length ? el('details', {}, el('summary', { text: `Relations in view (${relations.length})` }), el('ul', {}, ...relations)) : '',
      sourceList);
    for (const button of nodeList.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.id === id));
    }
  }

  async function listSources(entity, list) {
    list.replaceChildren(el('li', { className: 'muted', text: 'Loading…' }));
    try {
      const chunks = await getJson(`/graph/entities/${encodeURIComponent(entity.id)}/chunks?limit=20`);
      if (chunks.length === 0) {
        list.replaceChildren(el('li', { className: 'muted', text: 'No stored passage mentions this entity.' }));
        return;
      }
      list.replaceChildren(...chunks.map(chunk => {
        const page = chunk.pages[0] ?? 1;
        const open = el('button', { type: 'button', className: 'small', text: 'Check the page' });
        open.addEventListener('click', () => openSource({ documentId: chunk.document_id, filename: chunk.filename, page, text: chunk.text }));
        return el('li', { className: 'source' },
          el('div', { className: 'passage-head' },
            el('strong', { text: chunk.filename }),
            el('span', { className: 'muted', text: chunk.pages.length > 1 ? `pages ${chunk.pages.join(', ')}` : `page ${page}` }),
            open),
          el('p', { className: 'passage-text', text: chunk.text.length > 400 ? `${chunk.text.slice(0, 400)}…` : chunk.text }));
      }));
    } catch (failure) {
      list.replaceChildren(el('li', { className: 'error', text: `The passages could not be loaded: ${failure.message}` }));
    }
  }

  function renderLegend() {
    const types = [...new Set([...entities.values()].map(e => e.type))].sort();
    legend.replaceChildren(...types.map(type =>
      el('li', {}, el('span', { className: 'swatch', style: `background:${colour(type)}`, 'aria-hidden': 'true' }), label(type))));
  }

  function renderNodeList() {
    const nodes = [...entities.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
    nodeCount.textContent = String(nodes.length);
    nodeList.replaceChildren(...nodes.map(node => {
      const button = el('button', { type: 'button', className: 'node-button', 'data-id': node.id, 'aria-pressed': 'false' },
        el('span', { className: 'swatch', style: `background:${colour(node.type)}`, 'aria-hidden': 'true' }),
        `${node.name} `, el('span', { className: 'muted', text: label(node.type) }));
      button.addEventListener('click', () => select(node.id));
      return el('li', {}, button);
    }));
  }

  return {
    resize() {
      cy?.resize();
    },
  };
}

function colour(type) {
  return typeColours[type] ?? typeColours.concept;
}

function label(type) {
  return String(type).replaceAll('_', ' ');
}

function edgeLabel(edge) {
  const keywords = (edge.keywords || '').split(/[,;]/)[0].trim();
  return keywords.length > 28 ? `${keywords.slice(0, 27)}…` : keywords;
}
