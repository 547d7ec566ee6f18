// Talks to Liaison's own API with the session cookie. The token is sent once, at sign-in, and is
// never kept by this page; writes echo the session's CSRF token, which lives only in this page's memory.

export const session = {
  kind: null,
  locationId: null,
  locationName: null,
  readOnly: true,
  csrfToken: null,
  get signedIn() { return this.kind !== null; },
  get hasLocation() { return Boolean(this.locationId); },
  get canWrite() { return this.signedIn && !this.readOnly; },
  get isAgency() { return this.kind === 'agency'; },
};

export class ApiError extends Error {
  constructor(status, body) {
    const message = Array.isArray(body?.message) ? body.message.join('; ') : (body?.message || `HTTP ${status}`);
    super(message);
    this.status = status;
    this.code = body?.code || null;
    this.param = body?.param || null;
    this.details = body?.details || {};
  }
}

let onSignedOut = () => {};
export function whenSignedOut(callback) { onSignedOut = callback; }

function adopt(view) {
  session.kind = view.kind;
  session.locationId = view.locationId || null;
  session.locationName = view.locationName || null;
  session.readOnly = Boolean(view.readOnly);
  session.csrfToken = view.csrfToken;
}

function forget() {
  session.kind = null;
  session.locationId = null;
  session.locationName = null;
  session.readOnly = true;
  session.csrfToken = null;
}

export async function request(method, path, {query, body, raw, contentType} = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach(item => url.searchParams.append(name, item));
    else url.searchParams.set(name, value);
  }
  const headers = {Accept: 'application/json'};
  if (method !== 'GET' && session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers['Content-Type'] = contentType || 'text/plain';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url, {method, headers, body: payload, credentials: 'same-origin', cache: 'no-store'});
  } catch (networkError) {
    throw new ApiError(0, {message: 'Liaison cannot be reached. Check that the service is running, then try again.'});
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try { parsed = JSON.parse(text); } catch { parsed = {message: text}; }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, parsed);
    if (response.status === 401 && session.signedIn && !path.startsWith('/console/session')) {
      forget();
      onSignedOut('Your session ended (the key may have been revoked). Sign in again.');
    }
    throw error;
  }
  return parsed;
}

export const get = (path, query) => request('GET', path, {query});
export const post = (path, body, query) => request('POST', path, {body, query});
export const put = (path, body, query) => request('PUT', path, {body, query});
export const del = (path, query, body) => request('DELETE', path, {query, body});

export async function restoreSession() {
  try {
    adopt(await get('/console/session'));
    return true;
  } catch {
    forget();
    return false;
  }
}

export async function signIn(token) {
  adopt(await request('POST', '/console/session', {body: {token}}));
}

export async function chooseLocation(locationId) {
  adopt(await put('/console/session/location', {locationId}));
}

export async function signOut() {
  try { await request('DELETE', '/console/session'); } finally { forget(); }
}

/** The query every location-scoped call carries; the session decides the location anyway. */
export function scoped(extra = {}) {
  return {locationId: session.locationId, ...extra};
}

/**
 * A refusal in plain words, for showing next to the control that caused it. The API's own messages
 * already name the field and the problem; the known rule refusals get a sentence a user can act on.
 */
export function plainWords(error, context = {}) {
  if (!(error instanceof ApiError)) return String(error?.message || error);
  const d = error.details || {};
  switch (error.code) {
    case 'LIMIT_EXCEEDED':
      if (d.limit === 'cardinality' || /cardinality/i.test(error.message)) {
        return `Not added: ${context.recordName || 'this record'} can have only one link of this kind under the label's rule (${context.cardinality || 'one per record'}). Remove the existing link first. (${error.message})`;
      }
      if (d.limit === 'recordsPerLabel') {
        return `Not added: a record can be linked to at most ${d.maximum} records under one label, and this one has ${d.current}.`;
      }
      if (d.limit === 'labelsPerObjectPair') {
        return `Not created: these two objects already have ${d.current} association labels, the most allowed (${d.maximum}). Delete one first.`;
      }
      return error.message;
    case 'DUPLICATE_RELATION':
      return 'These two records are already linked with this label.';
    case 'ASSOCIATION_IN_USE':
      return `This label still links records (${d.links ?? 'some'} link${d.links === 1 ? '' : 's'}). Remove its links first, or delete it together with its links.`;
    case 'READ_ONLY_KEY':
      return 'This key is read-only: you can look, not change.';
    case 'WRONG_OBJECT':
      return `That record is of the wrong kind for this label: ${error.message}`;
    case 'UNAUTHORIZED':
      return 'That key was not accepted. Check it and try again.';
    case 'RATE_LIMITED':
      return 'Too many requests right now. Wait a moment and try again.';
    default:
      if (error.status >= 500) return 'Liaison could not do that just now. Try again in a moment.';
      return error.message;
  }
}
