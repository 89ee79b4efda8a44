// The page's table of contents: the views (chosen by the URL's #fragment, so links, Back and the
// keyboard work), the API key, the health strip, and how the views talk to each other.

import { apiKey, setApiKey } from './api.js';
import { startAsk } from './ask.js';
import { announce } from './dom.js';
import { startDocuments } from './documents.js';
import { startGraph } from './graph.js';
import { startHealth } from './health.js';
import { startViewer } from './viewer.js';

const views = ['documents', 'ask', 'graph'];

const viewer = startViewer();
const health = startHealth(document.getElementById('health'));
const documents = startDocuments({
  onSelectionChange: () => ask.updateScopeLabel(documents.selectedIds().length),
  onProcessingChange: count => health.setProcessing(count),
});
const ask = startAsk({ selectedIds: () => documents.selectedIds(), openSource: viewer.open });
const graph = startGraph({ openSource: viewer.open });
startApiKey();

window.addEventListener('hashchange', showView);
showView();
document.body.dataset.ready = 'true';
// When the page became usable, for measurements (ms since navigation start).
document.body.dataset.readyAt = String(Math.round(performance.now()));

function showView() {
  const name = views.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'documents';
  if (document.body.dataset.view && document.body.dataset.view !== name) {
    // The source belongs beside the answer or the graph it was opened from.
    viewer.close();
  }
  for (const view of views) {
    document.getElementById(`view-${view}`).hidden = view !== name;
    const tab = document.getElementById(`tab-${view}`);
    if (view === name) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
  }
  document.body.dataset.view = name;
  if (name === 'graph') {
    graph.resize();
  }
}

function startApiKey() {
  const form = document.getElementById('api-key-form');
  const input = document.getElementById('api-key');
  input.value = apiKey();
  form.closest('details').open = false;
  form.addEventListener('submit', event => {
    event.preventDefault();
    setApiKey(input.value.trim());
    announce(input.value.trim() ? 'API key saved for this tab.' : 'API key cleared.');
  });
  document.getElementById('api-key-clear').addEventListener('click', () => {
    input.value = '';
    setApiKey('');
    announce('API key cleared.');
  });
}
