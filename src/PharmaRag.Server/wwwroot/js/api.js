// Calls of the PharmaRag API: the optional API key, problem details turned into one readable message,
// and server-sent events read from a POST response (EventSource can only GET).

const keyStorage = 'pharmarag.apiKey';

export function apiKey() {
  return sessionStorage.getItem(keyStorage) ?? '';
}

export function setApiKey(value) {
  if (value) {
    sessionStorage.setItem(keyStorage, value);
  } else {
    sessionStorage.removeItem(keyStorage);
  }
}

/** Headers for our own origin: the Bearer key when one is set. */
export function authHeaders(extra = {}) {
  const key = apiKey();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : { ...extra };
}

/** An error carrying the HTTP status and the message a person should read. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** One sentence from a problem details body (title, detail and field errors), or a fallback. */
export async function problemMessage(response) {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The body is unreadable: the status still says something.
  }
  return messageFromProblemText(text, response.status);
}

export function messageFromProblemText(text, status) {
  let problem = null;
  try {
    problem = text ? JSON.parse(text) : null;
  } catch {
    problem = null;
  }
  if (status === 401) {
    // The server needs a key (or refused the one given): say so, whatever the body holds.
    return apiKey()
      ? 'The server refused the API key (401): it is unknown, revoked or mistyped; set a valid one under "API key" at the top of the page.'
      : 'The server needs an API key (401): set one under "API key" at the top of the page.';
  }
  if (problem && typeof problem === 'object') {
    const fields = problem.errors && typeof problem.errors === 'object'
      ? Object.values(problem.errors).flat().join(' ')
      : '';
    if (fields) {
      return fields;
    }
    if (problem.detail) {
      return problem.title ? `${problem.title}: ${problem.detail}` : problem.detail;
    }
    if (problem.title) {
      return problem.title;
    }
  }
  if (status === 401 || status === 403) {
    return `The server refused the request (${status}): set a valid API key at the top of the page.`;
  }
  if (status === 404) {
    return 'The server does not know this (404).';
  }
  return `The server answered ${status}.`;
}

/** fetch() on our API; throws ApiError with a readable message when the answer is not 2xx. */
export async function request(path, { method = 'GET', json, signal, headers = {} } = {}) {
  const init = { method, signal, headers: authHeaders(headers) };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, 'The server cannot be reached: is it running?');
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemMessage(response));
  }
  return response;
}

export async function getJson(path, options) {
  const response = await request(path, options);
  return response.status === 204 ? null : response.json();
}

/**
 * POSTs JSON and calls onEvent(name, data) for each server-sent event of the response, in order.
 * Resolves when the stream ends.
 */
export async function postEventStream(path, json, onEvent, signal) {
  const response = await request(path, { method: 'POST', json, signal, headers: { Accept: 'text/event-stream' } });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
    }
  }
  if (buffer.trim()) {
    dispatch(buffer, onEvent);
  }
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      name = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  if (data.length > 0) {
    onEvent(name, JSON.parse(data.join('\n')));
  }
}
