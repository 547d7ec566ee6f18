// The console's shell: sign-in, the sidebar, the hash router and the live event stream.
import {h, clear, field, messageArea, toast} from './dom.js';
import * as api from './api.js';
import {session} from './api.js';
import {objectsView, objectView} from './settings.js';
import {recordListView, recordView} from './records.js';
import {graphView} from './graph.js';
import {apiKeysView, webhooksView, importExportView} from './operations.js';
import {objectCatalog} from './catalog.js';

const main = document.getElementById('main');
const sidebar = document.getElementById('sidebar');
const signOutButton = document.getElementById('sign-out');
const liveStatus = document.getElementById('live-status');

/** The current screen; it may react to live events through onEvent(event) and clean up through leave(). */
let currentView = null;

const routes = [
  [/^#\/settings\/objects$/, () => objectsView()],
  [/^#\/settings\/objects\/([^/]+)$/, key => objectView(key)],
  [/^#\/records\/([^/]+)$/, key => recordListView(key)],
  [/^#\/records\/([^/]+)\/([^/]+)$/, (key, id) => recordView(key, id)],
  [/^#\/graph\/([^/]+)\/([^/]+)$/, (key, id) => graphView(key, id)],
  [/^#\/operations\/api-keys$/, () => apiKeysView()],
  [/^#\/operations\/webhooks$/, () => webhooksView()],
  [/^#\/operations\/import-export$/, () => importExportView()],
];

async function route() {
  if (currentView?.leave) currentView.leave();
  currentView = null;
  if (!session.signedIn) {
    showSignIn();
    return;
  }
  if (!session.hasLocation) {
    showLocationPicker();
    return;
  }
  await renderChrome();
  const hash = window.location.hash || '#/records/contact';
  for (const [pattern, make] of routes) {
    const match = hash.match(pattern);
    if (match) {
      const args = match.slice(1).map(decodeURIComponent);
      highlightNav(hash);
      clear(main, h('p', {class: 'loading', role: 'status'}, 'Loading…'));
      try {
        const view = await make(...args);
        if (window.location.hash && window.location.hash !== hash) return; // the user moved on meanwhile
        currentView = view;
        clear(main, view.element);
        if (view.mounted) view.mounted();
        if (view.focus) view.focus(); else main.focus({preventScroll: true});
        document.title = `${view.title} · Liaison`;
      } catch (error) {
        clear(main, h('section', {class: 'panel'}, h('h1', {}, 'This page could not be shown'),
            h('p', {class: 'message error'}, api.plainWords(error))));
      }
      return;
    }
  }
  window.location.hash = '#/records/contact';
}

function showSignIn(reason) {
  sidebar.hidden = true;
  signOutButton.hidden = true;
  document.getElementById('signed-in-as').textContent = '';
  document.getElementById('location-name').textContent = '';
  stopLive();
  const token = h('input', {type: 'password', name: 'token', autocomplete: 'off', required: true, maxlength: 512, spellcheck: 'false'});
  const message = messageArea();
  if (reason) message.show(reason, 'info');
  const submit = h('button', {type: 'submit', class: 'button primary'}, 'Sign in');
  const form = h('form', {class: 'signin panel', 'aria-labelledby': 'signin-title'},
      h('h1', {id: 'signin-title'}, 'Sign in to Liaison'),
      h('p', {}, 'Use a location API key, or the agency token to choose a location. The key is checked once and kept only by the server for this session; it is never stored in your browser.'),
      field('API key or agency token', token),
      message,
      h('div', {class: 'actions'}, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    message.show('');
    try {
      await api.signIn(token.value.trim());
      token.value = '';
      await navigate('#/records/contact');
    } catch (error) {
      message.show(api.plainWords(error));
      token.focus();
    } finally {
      submit.disabled = false;
    }
  });
  document.title = 'Sign in · Liaison';
  clear(main, form);
  token.focus();
}

async function showLocationPicker() {
  sidebar.hidden = true;
  signOutButton.hidden = false;
  document.getElementById('signed-in-as').textContent = 'Agency';
  const message = messageArea();
  const list = h('ul', {class: 'location-list'});
  clear(main, h('section', {class: 'panel', 'aria-labelledby': 'pick-title'},
      h('h1', {id: 'pick-title'}, 'Choose a location'),
      h('p', {}, 'You signed in with the agency token. Pick the location (sub-account) to work on.'),
      message, list));
  document.title = 'Choose a location · Liaison';
  try {
    const {locations} = await api.get('/locations/', {limit: 100});
    if (!locations.length) list.replaceWith(h('p', {}, 'There is no location yet: create one with POST /locations/.'));
    for (const location of locations) {
      list.appendChild(h('li', {}, h('button', {type: 'button', class: 'button', onclick: async () => {
        try {
          await api.chooseLocation(location.id);
          await navigate('#/records/contact');
        } catch (error) {
          message.show(api.plainWords(error));
        }
      }}, location.name || location.id)));
    }
  } catch (error) {
    message.show(api.plainWords(error));
  }
}

/** Shows the current route, or the given one when there is none: one route at a time, never two. */
async function navigate(fallback) {
  if (!window.location.hash || window.location.hash === '#/' || window.location.hash === '#') {
    window.location.hash = fallback; // the hashchange event routes
  } else {
    await route();
  }
}

let sidebarBuilding = null;

async function renderChrome() {
  document.getElementById('location-name').textContent = session.locationName || '';
  document.getElementById('signed-in-as').textContent =
      (session.isAgency ? 'Agency' : 'Location key') + (session.readOnly ? ' · read-only' : '');
  signOutButton.hidden = false;
  if (sidebar.dataset.location !== session.locationId) {
    sidebarBuilding = sidebarBuilding || buildSidebar().finally(() => { sidebarBuilding = null; });
    await sidebarBuilding;
  }
  sidebar.hidden = false;
  startLive();
}

/** The sidebar is built whole before it shows, so nothing is clicked while it is being replaced. */
async function buildSidebar() {
  sidebar.hidden = true;
  const objects = await objectCatalog.load();
  const recordLinks = objects.map(object =>
      h('li', {}, h('a', {href: `#/records/${encodeURIComponent(object.key)}`}, object.labels?.plural || object.key)));
  clear(sidebar,
      h('h2', {class: 'nav-title'}, 'Records'), h('ul', {}, recordLinks),
      h('h2', {class: 'nav-title'}, 'Settings'),
      h('ul', {}, h('li', {}, h('a', {href: '#/settings/objects'}, 'Objects'))),
      h('h2', {class: 'nav-title'}, 'Operations'),
      h('ul', {},
          h('li', {}, h('a', {href: '#/operations/api-keys'}, 'API keys')),
          h('li', {}, h('a', {href: '#/operations/webhooks'}, 'Webhooks')),
          h('li', {}, h('a', {href: '#/operations/import-export'}, 'Import and export'))),
      session.isAgency ? h('p', {}, h('button', {type: 'button', class: 'button ghost small', onclick: async () => {
        session.locationId = null;
        sidebar.dataset.location = '';
        objectCatalog.forget();
        await showLocationPicker();
      }}, 'Switch location')) : null);
  sidebar.dataset.location = session.locationId;
}

function highlightNav(hash) {
  for (const link of sidebar.querySelectorAll('a')) {
    const target = link.getAttribute('href');
    const current = hash === target || hash.startsWith(`${target}/`);
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

// ---- Live updates through /events/stream (the session cookie authenticates the EventSource) ----
let stream = null;

function startLive() {
  if (stream) return;
  stream = new EventSource('/events/stream');
  stream.onopen = () => { liveStatus.textContent = 'Live'; liveStatus.className = 'live on'; };
  stream.onerror = () => { liveStatus.textContent = 'Reconnecting…'; liveStatus.className = 'live off'; };
  const types = ['AssociationCreate', 'AssociationUpdate', 'AssociationDelete', 'RelationCreate', 'RelationDelete',
    'ContactCreate', 'ContactUpdate', 'ContactDelete', 'ObjectSchemaCreate', 'ObjectSchemaUpdate',
    'RecordCreate', 'RecordUpdate', 'RecordDelete'];
  for (const type of types) {
    stream.addEventListener(type, message => {
      let event;
      try { event = JSON.parse(message.data); } catch { return; }
      if (type.startsWith('ObjectSchema')) {
        objectCatalog.forget();
        sidebar.dataset.location = '';
      }
      if (type.startsWith('Association')) objectCatalog.forgetLabels();
      if (currentView?.onEvent) currentView.onEvent(event);
    });
  }
}

function stopLive() {
  if (stream) stream.close();
  stream = null;
  liveStatus.textContent = '';
}

signOutButton.addEventListener('click', async () => {
  await api.signOut();
  objectCatalog.forget();
  sidebar.dataset.location = '';
  window.location.hash = '';
  showSignIn('You are signed out.');
});

api.whenSignedOut(reason => {
  objectCatalog.forget();
  sidebar.dataset.location = '';
  showSignIn(reason);
});

window.addEventListener('hashchange', route);
window.addEventListener('error', event => toast(`Something went wrong on this page: ${event.message}`, 'error'));

(async () => {
  await api.restoreSession();
  await route();
})();
