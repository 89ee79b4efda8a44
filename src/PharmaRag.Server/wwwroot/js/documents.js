// Documents: upload (drag and drop or picker) through presigned URLs with progress, a live list that
// updates in place (polling /documents), a filter, selection for scoped questions, delete with confirmation.

import { ApiError, authHeaders, getJson, messageFromProblemText, request } from './api.js';
import { extensionOf, formatBytes, mediaTypeOf, supportedExtensions } from './file-types.js';
import { announce, el } from './dom.js';

const busyPollMs = 1500;
const idlePollMs = 10000;
const maxNameLength = 255;

export function startDocuments({ onSelectionChange, onProcessingChange = () => {} }) {
  const body = document.getElementById('documents-body');
  const filter = document.getElementById('doc-filter');
  const count = document.getElementById('doc-count');
  const empty = document.getElementById('documents-empty');
  const listError = document.getElementById('documents-error');
  const uploads = document.getElementById('uploads');
  const input = document.getElementById('file-input');
  const dropzone = document.getElementById('dropzone');
  const dialog = document.getElementById('confirm-dialog');

  const documents = new Map();
  const rows = new Map();
  const selected = new Set();
  let activeUploads = 0;
  let pollTimer = 0;

  input.accept = supportedExtensions.join(',');
  document.getElementById('supported-types').textContent =
    `Supported: ${supportedExtensions.map(e => e.slice(1).toUpperCase()).join(', ')}.`;

  input.addEventListener('change', () => {
    uploadAll([...input.files]);
    input.value = '';
  });
  for (const name of ['dragenter', 'dragover']) {
    dropzone.addEventListener(name, event => {
      event.preventDefault();
      dropzone.classList.add('dragging');
    });
  }
  for (const name of ['dragleave', 'drop']) {
    dropzone.addEventListener(name, () => dropzone.classList.remove('dragging'));
  }
  dropzone.addEventListener('drop', event => {
    event.preventDefault();
    uploadAll([...event.dataTransfer.files]);
  });
  filter.addEventListener('input', applyFilter);

  function uploadAll(files) {
    for (const file of files) {
      upload(file);
    }
  }

  /** One file: checked here first, so nothing the API would refuse is sent. */
  async function upload(file) {
    const item = el('li', { className: 'upload-item' });
    const label = el('span', { className: 'upload-name', text: file.name });
    const bar = el('progress', { max: 1, value: 0, 'aria-label': `Upload of ${file.name}` });
    const message = el('span', { className: 'upload-message', text: 'Checking…' });
    item.append(label, bar, message);
    uploads.prepend(item);
    const fail = text => {
      item.classList.add('failed');
      bar.remove();
      message.textContent = text;
      message.setAttribute('role', 'alert');
    };

    const type = mediaTypeOf(file.name);
    if (!type) {
      const extension = extensionOf(file.name);
      fail(`${file.name} was not uploaded: ${extension ? `${extension} files are` : 'files without an extension are'} not supported. `
        + `Supported: ${supportedExtensions.join(', ')}.`);
      return;
    }
    if (file.name.length > maxNameLength) {
      fail(`${file.name.slice(0, 40)}… was not uploaded: file names are limited to ${maxNameLength} characters.`);
      return;
    }
    if (file.size === 0) {
      fail(`${file.name} was not uploaded: the file is empty.`);
      return;
    }

    activeUploads++;
    schedulePoll(0);
    try {
      const query = new URLSearchParams({ filename: file.name, content_type: type });
      const grant = await getJson(`/presigned-url?${query}`);
      if (file.size > grant.max_bytes) {
        fail(`${file.name} was not uploaded: it is ${exact(file.size)}, over the upload limit of `
          + `${exact(grant.max_bytes)} (PharmaRag:Uploads:MaxBytes).`);
        return;
      }
      message.textContent = 'Uploading…';
      const result = await put(grant, file, bar);
      if (!result.document) {
        // Types outside the automatic filter (by default *.pdf) are queued explicitly.
        await request('/process', { method: 'POST', json: { key: result.key } });
      }
      bar.value = 1;
      message.textContent = 'Uploaded; processing follows in the list below.';
      announce(`${file.name} uploaded.`);
      setTimeout(() => item.remove(), 8000);
    } catch (error) {
      fail(`${file.name} was not uploaded: ${error.message}`);
    } finally {
      activeUploads--;
      schedulePoll(0);
    }
  }

  /** PUT to the presigned URL with XMLHttpRequest, which reports upload progress (fetch does not). */
  function put(grant, file, bar) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(grant.method || 'PUT', grant.url);
      const sameOrigin = new URL(grant.url, location.href).origin === location.origin;
      // The API key goes to our own origin only; an S3 URL carries its own signature.
      for (const [name, value] of Object.entries(sameOrigin ? authHeaders(grant.headers) : grant.headers)) {
        xhr.setRequestHeader(name, value);
      }
      xhr.upload.onprogress = event => {
        if (event.lengthComputable) {
          bar.value = event.loaded / event.total;
        }
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          let body = {};
          try {
            body = JSON.parse(xhr.responseText || '{}');
          } catch {
            body = {};
          }
          resolve({ key: body.key ?? grant.key, document: body.document ?? null });
        } else {
          reject(new ApiError(xhr.status, messageFromProblemText(xhr.responseText, xhr.status)));
        }
      };
      xhr.onerror = () => reject(new ApiError(0, 'the connection failed during the upload.'));
      xhr.send(file);
    });
  }

  async function refresh() {
    try {
      const list = await getJson('/documents');
      listError.hidden = true;
      render(list);
      document.body.dataset.listedAt ??= String(Math.round(performance.now()));
      onProcessingChange(list.filter(d => d.status === 'processing' || (d.pending_steps?.length ?? 0) > 0).length);
    } catch (error) {
      listError.textContent = `The document list could not be loaded: ${error.message}`;
      listError.hidden = false;
    }
    schedulePoll();
  }

  function schedulePoll(delay) {
    clearTimeout(pollTimer);
    const busy = activeUploads > 0 || [...documents.values()].some(d => d.status === 'pending' || d.status === 'processing'
      || (d.pending_steps?.length ?? 0) > 0);
    pollTimer = setTimeout(refresh, delay ?? (busy ? busyPollMs : idlePollMs));
  }

  function render(list) {
    const seen = new Set();
    list.sort((a, b) => b.created_at.localeCompare(a.created_at));
    for (const [index, doc] of list.entries()) {
      seen.add(doc.id);
      const previous = documents.get(doc.id);
      documents.set(doc.id, doc);
      let row = rows.get(doc.id);
      if (!row) {
        row = createRow(doc);
        rows.set(doc.id, row);
      }
      if (body.children[index] !== row) {
        body.insertBefore(row, body.children[index] ?? null);
      }
      updateRow(row, doc);
      if (previous && previous.status !== doc.status && (doc.status === 'processed' || doc.status === 'failed')) {
        announce(`${doc.filename} ${doc.status}${doc.error ? `: ${doc.error}` : ''}.`);
      }
    }
    for (const id of [...documents.keys()]) {
      if (!seen.has(id)) {
        removeRow(id);
      }
    }
    applyFilter();
  }

  function createRow(doc) {
    const select = el('input', { type: 'checkbox', 'aria-label': `Ask about ${doc.filename}` });
    select.addEventListener('change', () => {
      if (select.checked) {
        selected.add(doc.id);
      } else {
        selected.delete(doc.id);
      }
      onSelectionChange();
    });
    const remove = el('button', { type: 'button', className: 'danger small', text: 'Delete', 'aria-label': `Delete ${doc.filename}` });
    remove.addEventListener('click', () => confirmDelete(doc.id));
    const row = el('tr', { 'data-id': doc.id });
    row.append(
      el('td', { 'data-label': 'Select' }, select),
      el('td', { 'data-label': 'File', className: 'file' }),
      el('td', { 'data-label': 'Status', className: 'status' }),
      el('td', { 'data-label': 'Progress', className: 'progress' }),
      el('td', { 'data-label': 'Pages', className: 'num pages' }),
      el('td', { 'data-label': 'Chunks', className: 'num chunks' }),
      el('td', { 'data-label': 'Uploaded', className: 'uploaded' }),
      el('td', { 'data-label': 'Actions' }, remove));
    return row;
  }

  function updateRow(row, doc) {
    const cell = name => row.querySelector(`.${name}`);
    row.dataset.status = doc.status;
    setText(cell('file'), doc.filename);
    cell('file').title = `${doc.filename} · ${formatBytes(doc.size_bytes ?? 0)}`;

    const status = cell('status');
    status.replaceChildren(el('span', { className: `badge ${doc.status}`, text: doc.status }));
    if (doc.error) {
      status.append(el('span', { className: 'doc-error', text: doc.error }));
    }

    const progress = cell('progress');
    const value = doc.status === 'processed' ? 1 : (doc.progress ?? 0);
    const pendingSteps = doc.pending_steps ?? [];
    const label = doc.status === 'processed'
      ? (pendingSteps.length > 0 ? `searchable; still running: ${pendingSteps.join(', ')}` : 'done')
      : doc.status === 'failed'
        ? `failed at ${doc.step ?? 'start'}`
        : `${doc.step ?? 'queued'} ${Math.round(value * 100)}%`;
    let bar = progress.querySelector('progress');
    if (!bar) {
      bar = el('progress', { max: 1, 'aria-label': `Processing of ${doc.filename}` });
      progress.append(bar, el('span', { className: 'step' }));
    }
    bar.value = value;
    setText(progress.querySelector('.step'), label);

    setText(cell('pages'), doc.pages > 0 ? String(doc.pages) : '–');
    setText(cell('chunks'), doc.chunks > 0 ? String(doc.chunks) : '–');
    const created = new Date(doc.created_at);
    setText(cell('uploaded'), created.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
    cell('uploaded').title = doc.created_at;
  }

  function removeRow(id) {
    rows.get(id)?.remove();
    rows.delete(id);
    documents.delete(id);
    if (selected.delete(id)) {
      onSelectionChange();
    }
  }

  function applyFilter() {
    const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const [id, row] of rows) {
      const doc = documents.get(id);
      const haystack = `${doc.filename} ${doc.status} ${doc.step ?? ''} ${doc.error ?? ''}`.toLowerCase();
      const match = words.every(w => haystack.includes(w));
      row.hidden = !match;
      shown += match ? 1 : 0;
    }
    count.textContent = words.length > 0 ? `${shown} of ${rows.size} shown` : `${rows.size} document${rows.size === 1 ? '' : 's'}`;
    empty.hidden = rows.size > 0;
  }

  function confirmDelete(id) {
    const doc = documents.get(id);
    if (!doc) {
      return;
    }
    document.getElementById('confirm-text').textContent =
      `${doc.filename} will be removed with its chunks, index entries and graph facts. Answers will no longer cite it.`;
    dialog.returnValue = '';
    dialog.showModal();
    dialog.addEventListener('close', async () => {
      if (dialog.returnValue !== 'confirm') {
        rows.get(id)?.querySelector('button.danger')?.focus();
        return;
      }
      try {
        await request(`/documents/${encodeURIComponent(id)}`, { method: 'DELETE' });
        removeRow(id);
        applyFilter();
        announce(`${doc.filename} deleted.`);
        filter.focus();
      } catch (error) {
        listError.textContent = `${doc.filename} was not deleted: ${error.message}`;
        listError.hidden = false;
      }
    }, { once: true });
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      schedulePoll(0);
    }
  });
  refresh();

  return {
    selectedIds: () => [...selected],
    get: id => documents.get(id),
  };
}

function exact(bytes) {
  return `${bytes.toLocaleString('en-US')} bytes (${formatBytes(bytes)})`;
}

function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}
