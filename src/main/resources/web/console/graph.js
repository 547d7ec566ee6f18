// A record's neighbourhood, drawn with Cytoscape.js: nodes coloured by object and captioned by
// name, links captioned by their roles; click a node to open or expand it; "Path to…" between two records.
import {h, clear, field, messageArea} from './dom.js';
import * as api from './api.js';
import {session} from './api.js';
import {objectCatalog, plural, recordKind, labelName} from './catalog.js';

/** Cytoscape.js is loaded on the first graph only, so the other screens open without parsing it. */
const CYTOSCAPE = '/webjars/cytoscape/3.33.1/dist/cytoscape.min.js';
let cytoscapeLoading = null;

function loadCytoscape() {
  if (window.cytoscape) return Promise.resolve();
  cytoscapeLoading = cytoscapeLoading || new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = CYTOSCAPE;
    script.onload = resolve;
    script.onerror = () => { cytoscapeLoading = null; reject(new Error('The graph library could not be loaded; try again.')); };
    document.head.appendChild(script);
  });
  return cytoscapeLoading;
}

const PALETTE = ['#2563eb', '#0d9488', '#d97706', '#7c3aed', '#db2777', '#65a30d', '#0891b2', '#dc2626', '#4b5563', '#ca8a04'];

export async function graphView(objectKey, id) {
  await loadCytoscape();
  const object = await objectCatalog.object(objectKey);
  const objects = await objectCatalog.load();
  const labels = await objectCatalog.labels();
  const start = await recordKind(object.key).get(id);
  const startName = recordKind(object.key).name(start);
  const colour = key => PALETTE[Math.max(0, objects.findIndex(o => o.key === key)) % PALETTE.length];

  const depth = h('select', {name: 'depth'}, [1, 2, 3].map(d => h('option', {value: String(d), selected: d === 2}, `${d} hop${d > 1 ? 's' : ''}`)));
  const labelFilter = h('select', {name: 'labels', multiple: true, size: Math.min(5, Math.max(2, labels.length))},
      labels.map(l => h('option', {value: l.id}, labelName(l))));
  const message = messageArea();
  const status = h('p', {class: 'muted graph-status', role: 'status'});
  const canvas = h('div', {class: 'graph-canvas', role: 'img', 'aria-label': `Graph of the records around ${startName}`});
  const details = h('div', {class: 'graph-details', 'aria-live': 'polite'});
  const pathTarget = h('select', {placeholder: 'Type a name…', 'aria-label': 'Path to…'});
  const pathButton = h('button', {type: 'button', class: 'button'}, 'Show path');
  const legend = h('ul', {class: 'legend', 'aria-label': 'Colours'}, objects.map(o =>
      h('li', {}, h('span', {class: 'swatch', dataset: {colour: colour(o.key)}}), plural(o))));
  for (const swatch of legend.querySelectorAll('.swatch')) swatch.style.background = swatch.dataset.colour;

  const element = h('div', {class: 'stack'},
      h('nav', {class: 'breadcrumbs', 'aria-label': 'Breadcrumb'},
          h('a', {href: `#/records/${encodeURIComponent(object.key)}`}, plural(object)), ' › ',
          h('a', {href: `#/records/${encodeURIComponent(object.key)}/${encodeURIComponent(id)}`}, startName), ' › Graph'),
      h('section', {class: 'panel', 'aria-labelledby': 'graph-title'},
          h('div', {class: 'panel-head'}, h('h1', {id: 'graph-title'}, `Connections of ${startName}`)),
          h('div', {class: 'graph-controls'},
              field('Depth', depth), field('Only these labels', labelFilter, 'None selected: every label.'),
              h('div', {class: 'path-to'}, field('Path to…', pathTarget), pathButton)),
          message, status,
          h('div', {class: 'graph-layout'}, canvas, h('div', {class: 'graph-side'}, details, legend))));

  let cy = null;
  const createGraph = () => window.cytoscape({
    container: canvas,
    minZoom: 0.2, maxZoom: 3,
    style: [
      {selector: 'node', style: {
        'background-color': 'data(colour)', label: 'data(name)', color: '#0f172a', 'font-size': 11,
        'text-valign': 'bottom', 'text-margin-y': 4, width: 26, height: 26, 'text-wrap': 'ellipsis', 'text-max-width': 120,
        'border-width': 2, 'border-color': '#ffffff'}},
      {selector: 'node.start', style: {width: 38, height: 38, 'border-color': '#0f172a', 'border-width': 3, 'font-weight': 'bold'}},
      {selector: 'edge', style: {
        width: 1.5, 'line-color': '#94a3b8', 'target-arrow-color': '#94a3b8', 'target-arrow-shape': 'triangle',
        'curve-style': 'bezier', label: 'data(caption)', 'font-size': 9, color: '#334155',
        'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 2, 'text-rotation': 'autorotate',
        // Role captions show once zoomed in far enough to read them, so a large neighbourhood stays legible.
        'min-zoomed-font-size': 7}},
      {selector: '.highlighted', style: {'line-color': '#dc2626', 'target-arrow-color': '#dc2626', width: 3.5, 'border-color': '#dc2626', 'border-width': 4}},
      {selector: '.faded', style: {opacity: 0.25}},
    ],
  });

  function addGraph(graph, centreId) {
    const added = [];
    for (const node of graph.nodes) {
      if (cy.getElementById(node.id).length) continue;
      added.push(cy.add({group: 'nodes', data: {id: node.id, name: node.name || node.id, objectKey: node.objectKey, colour: colour(node.objectKey)},
        classes: node.id === id ? 'start' : ''}));
    }
    for (const edge of graph.edges) {
      if (cy.getElementById(edge.id).length) continue;
      const caption = edge.sourceLabel === edge.targetLabel ? edge.sourceLabel : `${edge.sourceLabel} → ${edge.targetLabel}`;
      added.push(cy.add({group: 'edges', data: {id: edge.id, source: edge.source, target: edge.target, caption,
        sourceLabel: edge.sourceLabel, targetLabel: edge.targetLabel, symmetric: edge.sourceLabel === edge.targetLabel}}));
    }
    cy.edges('[?symmetric]').style('target-arrow-shape', 'none');
    cy.layout({name: 'cose', animate: false, nodeRepulsion: () => 24000, idealEdgeLength: () => 110, nodeOverlap: 24, fit: true, padding: 30}).run();
    // A small neighbourhood is not blown up to fill the canvas.
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
    return added;
  }

  async function neighbourhood(recordId, hops) {
    const query = {depth: hops, limit: 300};
    const chosen = [...labelFilter.selectedOptions].map(o => o.value);
    if (chosen.length) query.associationIds = chosen.join(',');
    return api.get(`/graph/records/${encodeURIComponent(recordId)}/neighborhood`, query);
  }

  async function draw() {
    message.show('');
    try {
      const graph = await neighbourhood(id, depth.value);
      cy.elements().remove();
      addGraph(graph, id);
      status.textContent = `${graph.nodes.length} records and ${graph.edges.length} link${graph.edges.length === 1 ? "" : "s"}${graph.truncated ? ' (capped at 300 records: lower the depth or filter by label)' : ''}.`;
    } catch (error) {
      message.show(api.plainWords(error));
    }
  }

  const onTap = event => {
    const node = event.target;
    const data = node.data();
    const open = h('a', {class: 'button small', href: `#/records/${encodeURIComponent(data.objectKey)}/${encodeURIComponent(data.id)}`}, `Open ${data.name}`);
    const expand = h('button', {type: 'button', class: 'button small'}, `Expand ${data.name}`);
    expand.addEventListener('click', async () => {
      try {
        const graph = await neighbourhood(data.id, 1);
        const added = addGraph(graph, data.id);
        status.textContent = `${added.length ? `Added ${added.length} elements around ${data.name}.` : `Nothing new around ${data.name}.`}`;
      } catch (error) {
        message.show(api.plainWords(error));
      }
    });
    clear(details, h('h2', {}, data.name), h('p', {class: 'muted'}, plural(objects.find(o => o.key === data.objectKey))),
        h('div', {class: 'actions'}, open, expand));
  };

  const typeAhead = new window.TomSelect(pathTarget, {
    valueField: 'id', labelField: 'name', searchField: ['name'], maxItems: 1, maxOptions: 20, loadThrottle: 250, closeAfterSelect: true,
      // Once chosen, the list closes and stays closed (a late search answer would otherwise reopen it over the buttons).
      onItemAdd() { this.close(); },
    render: {option: (item, escape) => `<div>${escape(item.name)} <span class="option-detail">${escape(item.objectName)}</span></div>`,
      item: (item, escape) => `<div>${escape(item.name)}</div>`},
    load: async (query, callback) => {
      try {
        const found = [];
        for (const o of objects) {
          const kind = recordKind(o.key);
          const {items} = await kind.search(query, 1, 8);
          found.push(...items.map(r => ({id: r.id, name: kind.name(r), objectName: o.labels?.singular || o.key})));
        }
        callback(found);
      } catch (error) {
        callback();
      }
    },
  });

  pathButton.addEventListener('click', async () => {
    message.show('');
    const to = typeAhead.getValue();
    if (!to) {
      message.show('Choose the record to find a path to.');
      return;
    }
    try {
      const answer = await api.get('/graph/paths', {from: id, to, maxDepth: 6, locationId: session.locationId});
      addGraph({nodes: answer.nodes, edges: answer.edges}, id);
      cy.elements().removeClass('highlighted').addClass('faded');
      for (const path of answer.paths) {
        for (const nodeId of path.nodeIds) cy.getElementById(nodeId).removeClass('faded').addClass('highlighted');
        for (const edgeId of path.edgeIds) cy.getElementById(edgeId).removeClass('faded').addClass('highlighted');
      }
      const first = answer.paths[0];
      status.textContent = first ? `Shortest path: ${first.nodeIds.map(n => cy.getElementById(n).data('name')).join(' → ')}` : 'No path.';
    } catch (error) {
      message.show(error.code === 'NO_PATH' ? 'No path of at most 6 links connects these two records.' : api.plainWords(error));
    }
  });

  depth.addEventListener('change', draw);
  labelFilter.addEventListener('change', draw);
  // Cytoscape measures its container, so it starts once the page shows it.
  const mounted = () => {
    cy = createGraph();
    cy.on('tap', 'node', onTap);
    window.liaisonGraph = cy; // for the browser tests and for the curious
    draw();
  };
  return {element, title: `Graph of ${startName}`, mounted, leave: () => { typeAhead.destroy(); cy?.destroy(); }, onEvent: event => {
    if (event.type.startsWith('Relation')) draw();
  }};
}
