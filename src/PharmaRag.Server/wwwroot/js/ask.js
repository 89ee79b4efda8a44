// Ask: a question, a mode, an optional scope; the answer streams in from /rag-query/stream, every [n]
// is a link to passage n, and a citation opens its page in the source viewer.

import { postEventStream } from './api.js';
import { el, showError } from './dom.js';

export const maxQuestionLength = 4000;
const citationPattern = /\[(\d+)(?::[^\]]*)?\]/g;

export function startAsk({ selectedIds, openSource }) {
  const form = document.getElementById('ask-form');
  const question = document.getElementById('question');
  const mode = document.getElementById('mode');
  const scope = document.getElementById('scope');
  const error = document.getElementById('ask-error');
  const block = document.getElementById('answer-block');
  const answer = document.getElementById('answer');
  const notice = document.getElementById('answer-notice');
  const passagesList = document.getElementById('passages');
  const button = document.getElementById('ask-button');

  let passages = [];
  let text = '';
  let controller = null;

  question.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  question.addEventListener('input', () => showError(error, ''));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const query = question.value.trim();
    const ids = selectedIds();
    if (!query) {
      showError(error, 'Type a question first: the question is empty.');
      question.focus();
      return;
    }
    if (query.length > maxQuestionLength) {
      showError(error, `The question is ${query.length} characters long; the limit is ${maxQuestionLength}.`);
      question.focus();
      return;
    }
    if (scope.checked && ids.length === 0) {
      showError(error, 'No document is selected: tick documents in the Documents view, or untick "Only the selected documents".');
      scope.focus();
      return;
    }
    showError(error, '');
    controller?.abort();
    controller = new AbortController();
    await ask({ query, mode: mode.value, ...(scope.checked ? { document_ids: ids } : {}) }, controller.signal);
  });

  async function ask(body, signal) {
    passages = [];
    text = '';
    block.hidden = false;
    notice.hidden = true;
    answer.replaceChildren(el('span', { className: 'muted', text: 'Retrieving passages…' }));
    answer.setAttribute('aria-busy', 'true');
    answer.dataset.state = 'streaming';
    answer.dataset.events = '';
    passagesList.replaceChildren();
    button.disabled = true;
    try {
      await postEventStream('/rag-query/stream', body, (name, data) => {
        // The events seen, in order (c: citations, d: delta, e: error, f: done), for anyone checking the stream.
        answer.dataset.events = (answer.dataset.events ?? '') + ({ citations: 'c', delta: 'd', error: 'e', done: 'f' }[name] ?? '?');
        if (name === 'citations') {
          passages = data.citations;
          renderPassages();
        } else if (name === 'delta') {
          text += data.text;
          renderAnswer();
        } else if (name === 'error') {
          notice.textContent = data.text;
          notice.hidden = false;
        } else if (name === 'done') {
          // The final answer: its citations are numbered in order, as its [n] markers are.
          text = data.answer;
          passages = data.citations.map((c, i) => ({ ...c, number: i + 1 }));
          renderPassages();
          renderAnswer();
          answer.dataset.state = 'done';
        }
      }, signal);
      if (answer.dataset.state !== 'done') {
        answer.dataset.state = 'done';
      }
      if (!text) {
        answer.replaceChildren(el('span', { className: 'muted', text: 'No answer: no passage matched the question.' }));
      }
    } catch (failure) {
      if (failure.name === 'AbortError') {
        return;
      }
      answer.dataset.state = 'failed';
      answer.replaceChildren();
      showError(error, `The question was not answered: ${failure.message}`);
    } finally {
      answer.setAttribute('aria-busy', 'false');
      button.disabled = false;
    }
  }

  function renderAnswer() {
    const nodes = [];
    let last = 0;
    for (const match of text.matchAll(citationPattern)) {
      nodes.push(document.createTextNode(text.slice(last, match.index)));
      const number = Number(match[1]);
      const passage = passages.find(p => p.number === number);
      if (passage) {
        const link = el('a', {
          href: `#passage-${number}`,
          className: 'cite',
          text: match[0],
          'data-n': String(number),
          'aria-label': `Citation ${number}: ${passage.filename}, page ${passage.page}; open the page`,
        });
        link.addEventListener('click', e => {
          e.preventDefault();
          show(number);
        });
        nodes.push(link);
      } else {
        nodes.push(document.createTextNode(match[0]));
      }
      last = match.index + match[0].length;
    }
    nodes.push(document.createTextNode(text.slice(last)));
    answer.replaceChildren(...nodes);
  }

  function renderPassages() {
    passagesList.replaceChildren(...passages.map(p => {
      const open = el('button', { type: 'button', className: 'small', text: 'Check the page', 'aria-label': `Check page ${p.page} of ${p.filename}` });
      open.addEventListener('click', () => show(p.number));
      return el('li', { id: `passage-${p.number}`, value: p.number, className: 'passage' },
        el('div', { className: 'passage-head' },
          el('strong', { text: `[${p.number}] ${p.filename}` }),
          el('span', { className: 'muted', text: `page ${p.page}` }),
          open),
        el('p', { className: 'passage-text', text: p.text }));
    }));
  }

  function show(number) {
    const passage = passages.find(p => p.number === number);
    if (!passage) {
      return;
    }
    for (const item of passagesList.children) {
      item.classList.toggle('current', item.id === `passage-${number}`);
    }
    openSource({ documentId: passage.document_id, filename: passage.filename, page: passage.page, text: passage.text, number });
  }

  return {
    updateScopeLabel(count) {
      document.getElementById('scope-label').textContent =
        `Only the selected documents (${count === 0 ? 'none' : count} selected)`;
    },
  };
}
