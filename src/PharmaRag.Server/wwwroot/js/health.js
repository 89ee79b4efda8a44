// The health strip: compute state, model mode and pending jobs, from /health of the server or the gateway.

import { getJson } from './api.js';

const intervalMs = 5000;

export function startHealth(root) {
  let processing = 0;
  const item = name => root.querySelector(`[data-health="${name}"]`);
  const show = (name, text, state = 'ok') => {
    const element = item(name);
    element.textContent = text;
    element.dataset.state = state;
  };

  async function refresh() {
    try {
      const health = await getJson('/health');
      const pending = health.jobs?.pending;
      if (health.compute) {
        // The gateway: compute may be stopped (scaled to zero) and starts on the next request.
        const state = health.compute.state === 'running' ? 'running' : health.compute.state;
        show('compute', `Compute: ${state} (${health.compute.mode})`, state === 'running' ? 'ok' : 'idle');
      } else {
        const busy = (typeof pending === 'number' && pending > 0) || processing > 0;
        show('compute', `Compute: ${busy ? 'running' : 'idle'}${processing > 0 ? ` (processing ${processing})` : ''}`, busy ? 'busy' : 'ok');
      }
      const models = health.components?.models?.detail;
      show('models', `Models: ${models ? modelMode(models) : 'not reported'}`);
      item('models').title = models ?? '';
      show('jobs', `Jobs pending: ${typeof pending === 'number' ? pending : 'not reported'}`);
      root.dataset.status = health.status;
    } catch (error) {
      show('compute', `Health: ${error.message}`, 'error');
      root.dataset.status = 'unreachable';
    }
  }

  refresh();
  setInterval(refresh, intervalMs);
  return {
    refresh,
    /** The documents list knows sooner than the next poll that work started or ended. */
    setProcessing(count) {
      if (count !== processing) {
        processing = count;
        refresh();
      }
    },
  };
}

/** "chat: offline (rule-based ...); embeddings: offline pharmarag-hashing-v1; cl100k_base tokenizer" reads as "offline". */
function modelMode(detail) {
  const parts = detail.split(';').map(p => p.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim())
    .filter(p => p && !p.includes('tokenizer'));
  if (parts.every(p => /^\w+: offline\b/.test(p))) {
    return 'offline';
  }
  return parts.join(' · ');
}
