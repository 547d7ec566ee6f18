// Operations screens for the location: API keys, webhooks, CSV import with progress, CSV export.
import {h, clear, field, messageArea, openDialog, confirmAction, toast, formatDate} from './dom.js';
import * as api from './api.js';
import {session} from './api.js';

const EVENT_TYPES = ['ContactCreate', 'ContactUpdate', 'ContactDelete', 'AssociationCreate', 'AssociationUpdate', 'AssociationDelete',
  'RelationCreate', 'RelationDelete', 'ObjectSchemaCreate', 'ObjectSchemaUpdate', 'RecordCreate', 'RecordUpdate', 'RecordDelete'];

function refresh(hash) {
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** Shows a secret once, with a way to copy it; it is never shown again. */
function showOnce(title, label, secret, note) {
  const output = h('input', {type: 'text', readonly: true, value: secret, class: 'secret', spellcheck: 'false'});
  const copy = h('button', {type: 'button', class: 'button'}, 'Copy');
  copy.addEventListener('click', async () => {
    output.select();
    try { await navigator.clipboard.writeText(secret); toast('Copied'); } catch { document.execCommand('copy'); }
  });
  openDialog(title, h('div', {}, h('p', {class: 'message info'}, note), field(label, output), h('div', {class: 'actions'}, copy)));
}

export async function apiKeysView() {
  const hash = '#/operations/api-keys';
  const head = h('div', {class: 'panel-head'}, h('h1', {id: 'keys-title'}, 'API keys'));
  if (!session.isAgency) {
    return {title: 'API keys', element: h('section', {class: 'panel', 'aria-labelledby': 'keys-title'}, head,
        h('p', {}, 'API keys are managed with the agency token. Sign in with the agency token to create, list and revoke this location\'s keys.'))};
  }
  const base = `/locations/${encodeURIComponent(session.locationId)}/api-keys`;
  const {apiKeys} = await api.get(base);
  const message = messageArea();
  const readOnly = h('input', {type: 'checkbox', id: 'new-key-read-only'});
  const create = h('button', {type: 'button', class: 'button primary'}, 'Create API key');
  create.addEventListener('click', async () => {
    try {
      const key = await api.post(base, {readOnly: readOnly.checked});
      showOnce('New API key', 'API key', key.apiKey, 'Copy the key now: it is shown this once, and only its hash is stored.');
      refresh(hash);
    } catch (error) {
      message.show(api.plainWords(error));
    }
  });
  const rows = apiKeys.map(key => {
    const revoke = h('button', {type: 'button', class: 'button small danger', 'aria-label': `Revoke key ${key.prefix}…`}, 'Revoke');
    revoke.addEventListener('click', async () => {
      if (!await confirmAction(`Revoke ${key.prefix}…?`, 'Every program using this key is refused within a second. It cannot be undone.', 'Revoke')) return;
      try {
        await api.del(`${base}/${encodeURIComponent(key.id)}`);
        toast('Key revoked');
        refresh(hash);
      } catch (error) {
        message.show(api.plainWords(error));
      }
    });
    return h('tr', {}, h('th', {scope: 'row'}, h('code', {}, `${key.prefix}…`)), h('td', {}, key.readOnly ? 'Read-only' : 'Full'),
        h('td', {}, formatDate(key.createdAt)), h('td', {}, key.lastUsedAt ? formatDate(key.lastUsedAt) : 'Never'), h('td', {}, revoke));
  });
  return {title: 'API keys', element: h('section', {class: 'panel', 'aria-labelledby': 'keys-title'}, head,
      h('div', {class: 'toolbar'}, h('div', {class: 'choice'}, readOnly, h('label', {for: readOnly.id}, 'Read-only (GET and searches only)')), create),
      message,
      h('table', {class: 'table'}, h('caption', {class: 'visually-hidden'}, 'API keys'),
          h('thead', {}, h('tr', {}, ['Key', 'Rights', 'Created', 'Last used', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
          h('tbody', {}, rows)))};
}

export async function webhooksView() {
  const hash = '#/operations/webhooks';
  const {webhooks} = await api.get('/webhooks');
  const message = messageArea();
  const subscribe = session.canWrite ? h('button', {type: 'button', class: 'button primary', onclick: () => subscribeDialog(hash)}, 'Subscribe') : null;
  const deliveries = h('div', {class: 'deliveries'});
  const rows = webhooks.map(webhook => {
    const show = h('button', {type: 'button', class: 'button small', 'aria-label': `Deliveries to ${webhook.url}`}, 'Deliveries');
    show.addEventListener('click', () => showDeliveries(webhook, deliveries));
    const remove = session.canWrite ? h('button', {type: 'button', class: 'button small danger', 'aria-label': `Delete webhook ${webhook.url}`}, 'Delete') : null;
    if (remove) remove.addEventListener('click', async () => {
      if (!await confirmAction('Delete this webhook?', `Nothing more is sent to ${webhook.url}.`, 'Delete')) return;
      try { await api.del(`/webhooks/${encodeURIComponent(webhook.id)}`); refresh(hash); } catch (error) { message.show(api.plainWords(error)); }
    });
    return h('tr', {}, h('th', {scope: 'row'}, webhook.url), h('td', {}, webhook.events.join(', ')), h('td', {}, formatDate(webhook.createdAt)),
        h('td', {}, h('div', {class: 'row-actions'}, show, remove)));
  });
  return {title: 'Webhooks', element: h('div', {class: 'stack'},
      h('section', {class: 'panel', 'aria-labelledby': 'webhooks-title'},
          h('div', {class: 'panel-head'}, h('h1', {id: 'webhooks-title'}, 'Webhooks'), subscribe),
          h('p', {class: 'lead'}, 'Liaison posts each event to these addresses, signed the Standard Webhooks way, and retries until the receiver answers 2xx.'),
          message,
          webhooks.length ? h('table', {class: 'table'}, h('caption', {class: 'visually-hidden'}, 'Webhooks'),
              h('thead', {}, h('tr', {}, ['Address', 'Events', 'Created', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
              h('tbody', {}, rows)) : h('p', {class: 'empty'}, 'No webhooks yet.')),
      deliveries)};
}

function subscribeDialog(hash) {
  const url = h('input', {type: 'url', required: true, maxlength: 2048, placeholder: 'https://example.com/hooks/liaison'});
  const boxes = EVENT_TYPES.map(type => {
    const box = h('input', {type: 'checkbox', value: type, id: `event-${type}`, checked: true});
    return h('div', {class: 'choice'}, box, h('label', {for: box.id}, type));
  });
  const message = messageArea();
  const submit = h('button', {type: 'submit', class: 'button primary'}, 'Subscribe');
  const form = h('form', {class: 'form'}, field('Address', url), h('fieldset', {class: 'event-types'}, h('legend', {}, 'Events'), boxes),
      message, h('div', {class: 'actions'}, submit));
  const dialog = openDialog('Subscribe a webhook', form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const events = [...form.querySelectorAll('.event-types input:checked')].map(box => box.value);
    try {
      const {webhook} = await api.post('/webhooks', {url: url.value.trim(), events});
      dialog.close();
      showOnce('Webhook subscribed', 'Signing secret', webhook.secret, 'Copy the signing secret now: it is shown this once. Your receiver checks each delivery\'s signature with it.');
      refresh(hash);
    } catch (error) {
      message.show(api.plainWords(error));
    }
  });
}

async function showDeliveries(webhook, container) {
  const message = messageArea();
  const heading = h('h2', {id: 'deliveries-title', tabindex: '-1'}, `Deliveries to ${webhook.url}`);
  clear(container, h('section', {class: 'panel', 'aria-labelledby': 'deliveries-title'}, heading, message, h('p', {}, 'Loading…')));
  try {
    const {deliveries} = await api.get(`/webhooks/${encodeURIComponent(webhook.id)}/deliveries`, {limit: 50});
    const rows = deliveries.map(delivery => {
      const redeliver = session.canWrite ? h('button', {type: 'button', class: 'button small'}, 'Redeliver') : null;
      if (redeliver) redeliver.addEventListener('click', async () => {
        try {
          await api.post(`/webhooks/${encodeURIComponent(webhook.id)}/deliveries/${encodeURIComponent(delivery.eventId)}/redeliver`);
          toast('Queued again');
          showDeliveries(webhook, container);
        } catch (error) { message.show(api.plainWords(error)); }
      });
      return h('tr', {}, h('th', {scope: 'row'}, delivery.eventType), h('td', {}, h('span', {class: `badge ${delivery.status.toLowerCase()}`}, delivery.status)),
          h('td', {class: 'number'}, String(delivery.attempts)), h('td', {}, formatDate(delivery.lastAttemptAt)),
          h('td', {}, delivery.lastError || (delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : '')), h('td', {}, redeliver));
    });
    clear(container, h('section', {class: 'panel', 'aria-labelledby': 'deliveries-title'}, heading, message,
        deliveries.length ? h('table', {class: 'table'}, h('caption', {class: 'visually-hidden'}, 'Deliveries'),
            h('thead', {}, h('tr', {}, ['Event', 'Status', 'Attempts', 'Last attempt', 'Last result', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
            h('tbody', {}, rows)) : h('p', {class: 'empty'}, 'Nothing delivered yet.')));
    heading.focus();
  } catch (error) {
    message.show(api.plainWords(error));
  }
}

const IMPORT_STATUS = {
  QUEUED: 'Queued', RUNNING: 'Importing', SUCCEEDED: 'Done', COMPLETED_WITH_ERRORS: 'Done, with errors', FAILED: 'Stopped',
};

/** Counts a file's lines without holding it in memory, for the progress bar. */
async function countLines(file) {
  let lines = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  return lines;
}

export async function importExportView() {
  const kind = h('select', {}, h('option', {value: 'contacts'}, 'Contacts'), h('option', {value: 'relations'}, 'Associations (links)'));
  const file = h('input', {type: 'file', accept: '.csv,text/csv', required: true});
  const message = messageArea();
  const progress = h('progress', {max: 100, value: 0, hidden: true, 'aria-label': 'Import progress'});
  const status = h('p', {role: 'status', class: 'muted'});
  const errors = h('ul', {class: 'import-errors'});
  const submit = h('button', {type: 'submit', class: 'button primary'}, 'Import');
  let polling = null;
  const form = h('form', {class: 'form'},
      field('What the file holds', kind, 'Contacts: HighLevel\'s field names as columns. Links: firstRecord/secondRecord by id or email and the label key.'),
      field('CSV file', file), message, h('div', {class: 'actions'}, submit), progress, status, errors);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.show('');
    const chosen = file.files[0];
    if (!chosen) { message.show('Choose a CSV file.'); return; }
    submit.disabled = true;
    try {
      const total = Math.max(1, (await countLines(chosen)) - 1);
      const path = kind.value === 'contacts' ? '/contacts/import' : '/associations/relations/import';
      const job = await api.request('POST', path, {raw: chosen, contentType: 'text/csv', query: {locationId: session.locationId}});
      progress.hidden = false;
      const poll = async () => {
        const current = await api.get(`/imports/${encodeURIComponent(job.id)}`);
        progress.value = Math.min(100, Math.round((current.processed / total) * 100));
        status.textContent = `${IMPORT_STATUS[current.status] || current.status}: ${current.processed} of about ${total} lines, ${current.created} created, ${current.updated} updated, ${current.failed} failed${current.failure ? ` (${current.failure})` : ''}`;
        clear(errors, (current.errors || []).map(e => h('li', {}, `Line ${e.line}: ${e.message}`)));
        if (current.status === 'QUEUED' || current.status === 'RUNNING') polling = setTimeout(poll, 500);
        else { progress.value = 100; submit.disabled = false; }
      };
      await poll();
    } catch (error) {
      message.show(api.plainWords(error));
      submit.disabled = false;
    }
  });
  const exports = h('ul', {class: 'exports'},
      h('li', {}, h('a', {class: 'button', href: `/contacts/export?locationId=${encodeURIComponent(session.locationId)}`, download: 'contacts.csv'}, 'Export contacts (CSV)')),
      h('li', {}, h('a', {class: 'button', href: `/associations/relations/export?locationId=${encodeURIComponent(session.locationId)}`, download: 'links.csv'}, 'Export links (CSV)')));
  return {title: 'Import and export', leave: () => clearTimeout(polling), element: h('div', {class: 'stack'},
      session.canWrite ? h('section', {class: 'panel', 'aria-labelledby': 'import-title'}, h('h1', {id: 'import-title'}, 'Import from CSV'), form) : null,
      h('section', {class: 'panel', 'aria-labelledby': 'export-title'}, h('h2', {id: 'export-title'}, 'Export to CSV'), exports))};
}
