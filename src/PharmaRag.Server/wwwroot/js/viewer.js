// Check the page: a cited page of a PDF rendered by pdf.js (loaded on first use) with the passage's
// lines highlighted; text files show the passage in its context; other files show the passage.

import { authHeaders, request } from './api.js';
import { el, showError } from './dom.js';
import { extensionOf, isPdf } from './file-types.js';

const textTypes = new Set(['.txt', '.md', '.markdown', '.csv', '.html', '.htm']);
const imageTypes = new Set(['.png', '.jpg', '.jpeg']);
const contextChars = 900;

let pdfjsPromise = null;
const pdfDocuments = new Map();

function loadPdfjs() {
  pdfjsPromise ??= import('/vendor/pdf.min.mjs').then(pdfjs => {
    pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdf.worker.min.mjs';
    return pdfjs;
  });
  return pdfjsPromise;
}

export function startViewer() {
  const aside = document.getElementById('viewer');
  const title = document.getElementById('viewer-title');
  const passageBox = document.getElementById('viewer-passage');
  const body = document.getElementById('viewer-body');
  const error = document.getElementById('viewer-error');
  const pager = document.getElementById('viewer-pager');
  const pageLabel = document.getElementById('viewer-page-label');
  const prev = document.getElementById('viewer-prev');
  const next = document.getElementById('viewer-next');
  let current = null;
  let renderToken = 0;

  function close() {
    aside.hidden = true;
    document.body.classList.remove('with-viewer');
    current = null;
    renderToken++;
  }
  document.getElementById('viewer-close').addEventListener('click', close);

  // A PDF page is drawn for the width it has: draw it again when that width changes (zoom, rotation, layout).
  let drawnWidth = 0;
  let resizeTimer = 0;
  new ResizeObserver(() => {
    const width = body.clientWidth;
    if (current && isPdf(current.filename) && body.dataset.state === 'shown' && Math.abs(width - drawnWidth) > 16) {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => current && showPdfPage(current.page).catch(() => {}), 150);
    }
  }).observe(body);
  prev.addEventListener('click', () => current && showPdfPage(current.page - 1));
  next.addEventListener('click', () => current && showPdfPage(current.page + 1));

  async function open(source) {
    current = { ...source };
    aside.hidden = false;
    document.body.classList.add('with-viewer');
    showError(error, '');
    title.textContent = `${source.number ? `[${source.number}] ` : ''}${source.filename}, page ${source.page}`;
    passageBox.replaceChildren(el('span', { className: 'cited-label', text: 'Cited passage: ' }), source.text);
    body.replaceChildren(el('p', { className: 'muted', text: 'Loading the page…' }));
    body.dataset.state = 'loading';
    pager.hidden = true;
    try {
      if (isPdf(source.filename)) {
        await showPdfPage(source.page);
      } else if (textTypes.has(extensionOf(source.filename))) {
        await showTextInContext(source);
      } else if (imageTypes.has(extensionOf(source.filename))) {
        await showImage(source);
      } else {
        body.replaceChildren(el('p', { className: 'muted', text: 'This file type cannot be shown in the browser; the cited passage is above.' }));
        body.append(await downloadLink(source));
        body.dataset.state = 'shown';
      }
    } catch (failure) {
      body.replaceChildren();
      body.dataset.state = 'failed';
      showError(error, `The source could not be shown: ${failure.message}`);
    }
    aside.scrollIntoView({ block: 'nearest' });
  }

  async function pdfDocument(documentId) {
    if (!pdfDocuments.has(documentId)) {
      const pdfjs = await loadPdfjs();
      const task = pdfjs.getDocument({
        url: `/documents/${encodeURIComponent(documentId)}/file`,
        httpHeaders: authHeaders(),
        isEvalSupported: false,
      });
      pdfDocuments.set(documentId, task.promise.catch(failure => {
        pdfDocuments.delete(documentId);
        throw new Error(failure.status === 404 ? 'the original file is no longer stored.' : failure.message);
      }));
    }
    return pdfDocuments.get(documentId);
  }

  async function showPdfPage(pageNumber) {
    const source = current;
    if (!source) {
      return;
    }
    const token = ++renderToken;
    const pdf = await pdfDocument(source.documentId);
    if (token !== renderToken) {
      return;
    }
    const pageIndex = Math.min(Math.max(pageNumber, 1), pdf.numPages);
    source.page = pageIndex;
    const pdfjs = await loadPdfjs();
    const page = await pdf.getPage(pageIndex);
    if (token !== renderToken) {
      return;
    }
    const width = Math.max(body.clientWidth - 4, 240);
    drawnWidth = body.clientWidth;
    const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
    const ratio = window.devicePixelRatio || 1;
    const canvas = el('canvas', { 'aria-hidden': 'true' });
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    const textLayer = el('div', { className: 'textLayer' });
    const pageBox = el('div', { className: 'pdf-page', 'data-page': String(pageIndex) }, canvas, textLayer);
    pageBox.style.setProperty('--total-scale-factor', String(viewport.scale));
    pageBox.style.width = `${Math.floor(viewport.width)}px`;
    pageBox.style.height = `${Math.floor(viewport.height)}px`;

    await page.render({
      canvas,
      canvasContext: canvas.getContext('2d'),
      viewport,
      transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
    }).promise;
    if (token !== renderToken) {
      return;
    }
    body.replaceChildren(pageBox);
    await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: textLayer, viewport }).render();
    if (token !== renderToken) {
      return;
    }
    const hits = highlight(textLayer, source.text);
    body.dataset.state = 'shown';
    body.dataset.page = String(pageIndex);
    body.dataset.hits = String(hits.length);
    pager.hidden = false;
    pageLabel.textContent = `Page ${pageIndex} of ${pdf.numPages}`;
    prev.disabled = pageIndex <= 1;
    next.disabled = pageIndex >= pdf.numPages;
    title.textContent = `${source.number ? `[${source.number}] ` : ''}${source.filename}, page ${pageIndex}`;
    if (hits.length > 0) {
      body.scrollTop = Math.max(hits[0].offsetTop - 40, 0);
    }
  }

  async function showTextInContext(source) {
    const response = await request(`/documents/${encodeURIComponent(source.documentId)}/file`);
    let text = await response.text();
    if (['.html', '.htm'].includes(extensionOf(source.filename))) {
      // DOMParser builds an inert document: no script runs, nothing loads.
      text = new DOMParser().parseFromString(text, 'text/html').body?.textContent ?? '';
    }
    const range = locate(text, source.text);
    const box = el('div', { className: 'text-context' });
    if (range) {
      const start = Math.max(range.start - contextChars, 0);
      const end = Math.min(range.end + contextChars, text.length);
      box.append(
        (start > 0 ? '…' : '') + text.slice(start, range.start),
        el('mark', { text: text.slice(range.start, range.end) }),
        text.slice(range.end, end) + (end < text.length ? '…' : ''));
      body.dataset.hits = '1';
    } else {
      box.append(el('p', { className: 'muted', text: 'The passage was not found verbatim in the file (it may have been normalised); the start of the file follows.' }),
        text.slice(0, contextChars * 2));
      body.dataset.hits = '0';
    }
    body.replaceChildren(box);
    body.dataset.state = 'shown';
    box.querySelector('mark')?.scrollIntoView({ block: 'center' });
  }

  async function showImage(source) {
    const response = await request(`/documents/${encodeURIComponent(source.documentId)}/file`);
    const url = URL.createObjectURL(await response.blob());
    body.replaceChildren(el('img', { src: url, alt: `${source.filename}: the image the passage was read from`, className: 'source-image' }));
    body.dataset.state = 'shown';
  }

  async function downloadLink(source) {
    const response = await request(`/documents/${encodeURIComponent(source.documentId)}/file`);
    const url = URL.createObjectURL(await response.blob());
    return el('a', { href: url, download: source.filename, text: `Download ${source.filename}` });
  }

  return { open, close };
}

/**
 * Marks the text layer's pieces that hold the passage: the page's text is joined, the passage (or,
 * when the parser normalised it, its longest matching opening words) found in it, and every piece
 * overlapping that range marked. Returns the marked elements.
 */
function highlight(textLayer, passage) {
  const pieces = [];
  let page = '';
  for (const span of textLayer.querySelectorAll('span')) {
    const text = span.children.length > 0 ? '' : normalise(span.textContent);
    if (!text) {
      continue;
    }
    page += page ? ' ' : '';
    pieces.push({ span, start: page.length, end: page.length + text.length });
    page += text;
  }
  const wanted = normalise(passage);
  let start = page.indexOf(wanted);
  if (start < 0) {
    const words = wanted.split(' ');
    for (let count = Math.min(words.length, 14); count >= 3 && start < 0; count--) {
      start = page.indexOf(words.slice(0, count).join(' '));
    }
  }
  if (start < 0 || !wanted) {
    return [];
  }
  const end = Math.min(start + wanted.length, page.length);
  const hits = pieces.filter(p => p.end > start && p.start < end).map(p => p.span);
  for (const span of hits) {
    span.classList.add('hit');
  }
  return hits;
}

function normalise(text) {
  return text.toLowerCase().replace(/[\u2010-\u2015]/g, '-').replace(/[^\p{L}\p{N}%.,;:()/-]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Where the passage starts and ends in the file's text, matching its first words across any spacing. */
function locate(text, passage) {
  const words = passage.split(/\s+/).filter(Boolean);
  for (const count of [12, 6, 3]) {
    if (words.length < Math.min(count, words.length) || words.length === 0) {
      continue;
    }
    const head = words.slice(0, count).map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
    const match = new RegExp(head).exec(text);
    if (match) {
      return { start: match.index, end: Math.min(match.index + Math.max(passage.length, match[0].length), text.length) };
    }
  }
  return null;
}
