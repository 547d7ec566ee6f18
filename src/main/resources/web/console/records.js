// Records: the lists (contacts, businesses, custom-object records) and a record's page with its
// fields and the Associations panel on the right, as in the help article.
import {h, clear, field, messageArea, openDialog, confirmAction, toast, formatDate, debounce} from './dom.js';
import * as api from './api.js';
import {session} from './api.js';
import {objectCatalog, singular, plural, fieldsOf, recordKind, linkChoices, labelName, CARDINALITY_WORDS} from './catalog.js';

const PAGE_SIZE = 25;
const PANEL_PAGE = 50;

export async function recordListView(objectKey) {
  const object = await objectCatalog.object(objectKey);
  const kind = recordKind(object.key);
  const customFields = object.standard ? [] : (await fieldsOf(object.key)).slice(0, 4);
  let page = 1;
  let text = '';

  const search = h('input', {type: 'search', maxlength: 200, placeholder: object.key === 'contact'
    ? 'Name, email, phone, or tag:vip' : 'Search', 'aria-label': `Search ${plural(object).toLowerCase()}`});
  const tbody = h('tbody');
  const status = h('p', {class: 'muted', role: 'status'});
  const previous = h('button', {type: 'button', class: 'button small'}, 'Previous page');
  const next = h('button', {type: 'button', class: 'button small'}, 'Next page');
  const message = messageArea();
  const headers = object.key === 'contact' ? ['Name', 'Email', 'Phone', 'Tags', 'Added']
      : object.key === 'business' ? ['Name', 'Email', 'Phone', 'Website']
      : ['Name', ...customFields.filter(f => f.key !== 'name').map(f => f.name), 'Added'];

  const cells = record => {
    const link = h('a', {href: `#/records/${encodeURIComponent(object.key)}/${encodeURIComponent(record.id)}`}, kind.name(record));
    if (object.key === 'contact') {
      return [link, record.email || '', record.phone || '', h('span', {}, (record.tags || []).map(tag => h('span', {class: 'tag'}, tag))), formatDate(record.dateAdded)];
    }
    if (object.key === 'business') return [link, record.email || '', record.phone || '', record.website || ''];
    const values = record.properties || {};
    return [link, ...customFields.filter(f => f.key !== 'name').map(f => display(values[f.key])), formatDate(record.createdAt)];
  };

  async function load() {
    message.show('');
    try {
      const {items, total} = await kind.search(text, page, PAGE_SIZE);
      clear(tbody, items.map(record => h('tr', {}, cells(record).map((cell, index) =>
          index === 0 ? h('th', {scope: 'row'}, cell) : h('td', {}, cell)))));
      if (!items.length) tbody.appendChild(h('tr', {}, h('td', {colspan: headers.length, class: 'empty'}, text ? 'Nothing matches.' : `No ${plural(object).toLowerCase()} yet.`)));
      const pages = total === null || total === undefined ? null : Math.max(1, Math.ceil(total / PAGE_SIZE));
      status.textContent = pages === null ? `Page ${page}` : `Page ${page} of ${pages} · ${total} ${total === 1 ? singular(object).toLowerCase() : plural(object).toLowerCase()}`;
      previous.disabled = page <= 1;
      next.disabled = pages === null ? items.length < PAGE_SIZE : page >= pages;
    } catch (error) {
      message.show(api.plainWords(error));
    }
  }

  search.addEventListener('input', debounce(() => { text = search.value; page = 1; load(); }, 250));
  previous.addEventListener('click', () => { page -= 1; load(); });
  next.addEventListener('click', () => { page += 1; load(); });
  await load();

  const createButton = session.canWrite ? h('button', {type: 'button', class: 'button primary',
    onclick: () => createRecordDialog(object, kind)}, h('span', {'aria-hidden': 'true'}, '+ '), `New ${singular(object)}`) : null;
  const element = h('section', {class: 'panel', 'aria-labelledby': 'list-title'},
      h('div', {class: 'panel-head'}, h('h1', {id: 'list-title'}, plural(object)), createButton),
      h('div', {class: 'toolbar'}, search),
      message,
      h('div', {class: 'table-scroll'}, h('table', {class: 'table'},
          h('caption', {class: 'visually-hidden'}, plural(object)),
          h('thead', {}, h('tr', {}, headers.map(text => h('th', {scope: 'col'}, text)))),
          tbody)),
      h('div', {class: 'pager'}, previous, status, next));
  const reload = debounce(load, 300);
  return {element, title: plural(object), focus: () => search.focus(), onEvent: event => {
    if (/^(Contact|Record)(Create|Update|Delete)$/.test(event.type)) reload();
  }};
}

function display(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The property that names a record: a business's name, a custom object's primary display property. */
function primaryKey(object) {
  const property = object.primaryDisplayProperty || 'name';
  return property.slice(property.lastIndexOf('.') + 1);
}

function createRecordDialog(object, kind) {
  const firstName = h('input', {type: 'text', maxlength: 100});
  const lastName = h('input', {type: 'text', maxlength: 100});
  const email = h('input', {type: 'email', maxlength: 254});
  const name = h('input', {type: 'text', maxlength: 255, required: true});
  const message = messageArea();
  const submit = h('button', {type: 'submit', class: 'button primary'}, `Create ${singular(object)}`);
  const form = h('form', {class: 'form'},
      object.key === 'contact' ? [field('First name', firstName), field('Last name', lastName), field('Email', email)] : field('Name', name),
      message, h('div', {class: 'actions'}, submit));
  const dialog = openDialog(`New ${singular(object)}`, form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const values = object.key === 'contact'
        ? Object.fromEntries([['firstName', firstName.value.trim()], ['lastName', lastName.value.trim()], ['email', email.value.trim()]].filter(([, v]) => v))
        : {[primaryKey(object)]: name.value.trim()};
    try {
      const created = await kind.create(values);
      dialog.close();
      window.location.hash = `#/records/${encodeURIComponent(object.key)}/${encodeURIComponent(created.id)}`;
    } catch (error) {
      message.show(api.plainWords(error));
    }
  });
}

// ---- A record's page --------------------------------------------------------------------------

export async function recordView(objectKey, id) {
  const object = await objectCatalog.object(objectKey);
  const kind = recordKind(object.key);
  // The record, its object's fields and the labels the panel groups by are fetched together.
  let [record, customFields] = await Promise.all([kind.get(id), object.standard ? [] : fieldsOf(object.key), objectCatalog.labels()]);
  const title = h('h1', {id: 'record-title'}, kind.name(record));
  const subtitle = h('p', {class: 'muted'}, kind.subtitle(record));
  const fieldsForm = h('form', {class: 'form fields', 'aria-labelledby': 'fields-heading'});
  const panel = associationsPanel(object, id, () => kind.name(record));

  function renderFields() {
    const message = messageArea();
    const inputs = new Map();
    const rows = [];
    if (kind.standardFields) {
      for (const [name, text] of kind.standardFields) {
        const input = h('input', {type: name === 'email' ? 'email' : 'text', name, value: record[name] ?? '', maxlength: 255, readonly: !session.canWrite});
        inputs.set(name, input);
        rows.push(field(text, input));
      }
    } else {
      for (const f of customFields) {
        const input = customInput(f, record.properties?.[f.key]);
        input.readOnly = !session.canWrite;
        if (!session.canWrite && input.tagName === 'SELECT') input.disabled = true;
        inputs.set(f.key, input);
        rows.push(field(f.name, input));
      }
    }
    const tags = kind.tags(record);
    const save = session.canWrite ? h('button', {type: 'submit', class: 'button primary'}, 'Save') : null;
    clear(fieldsForm, h('h2', {id: 'fields-heading'}, 'Details'), rows,
        tags.length ? h('div', {class: 'field'}, h('span', {class: 'label'}, 'Tags'), h('div', {}, tags.map(t => h('span', {class: 'tag'}, t)))) : null,
        h('p', {class: 'muted small'}, `Added ${formatDate(record.dateAdded || record.createdAt)}`),
        message, save ? h('div', {class: 'actions'}, save) : null);
    fieldsForm.onsubmit = async event => {
      event.preventDefault();
      const changes = {};
      for (const [name, input] of inputs) {
        const before = kind.standardFields ? record[name] : record.properties?.[name];
        const value = valueOf(input, customFields.find(f => f.key === name));
        if (display(before) !== display(value)) changes[name] = value;
      }
      if (!Object.keys(changes).length) {
        message.show('Nothing changed.', 'info');
        return;
      }
      try {
        await kind.update(id, changes);
        record = await kind.get(id);
        title.textContent = kind.name(record);
        subtitle.textContent = kind.subtitle(record);
        renderFields();
        toast('Saved');
      } catch (error) {
        message.show(api.plainWords(error));
      }
    };
  }
  renderFields();

  const deleteButton = session.canWrite ? h('button', {type: 'button', class: 'button danger small', onclick: async () => {
    if (!await confirmAction(`Delete ${kind.name(record)}?`, `The ${singular(object).toLowerCase()} and its links are deleted. It cannot be undone.`, 'Delete')) return;
    try {
      await kind.remove(id);
      toast(`${kind.name(record)} deleted`);
      window.location.hash = `#/records/${encodeURIComponent(object.key)}`;
    } catch (error) {
      toast(api.plainWords(error), 'error');
    }
  }}, `Delete ${singular(object).toLowerCase()}`) : null;

  const element = h('div', {class: 'stack'},
      h('nav', {class: 'breadcrumbs', 'aria-label': 'Breadcrumb'},
          h('a', {href: `#/records/${encodeURIComponent(object.key)}`}, plural(object)), ' › ', kind.name(record)),
      h('div', {class: 'record-head'}, h('div', {}, title, subtitle),
          h('div', {class: 'actions'},
              h('a', {class: 'button', href: `#/graph/${encodeURIComponent(object.key)}/${encodeURIComponent(id)}`}, 'Show graph'),
              deleteButton)),
      h('div', {class: 'record-layout'}, h('section', {class: 'panel'}, fieldsForm), panel.element));
  await panel.load();
  return {element, title: kind.name(record), focus: () => title.focus?.(), onEvent: event => {
    const data = event.data || {};
    if (event.type.startsWith('Relation') && (data.firstRecordId === id || data.secondRecordId === id)) panel.reloadSoon();
    if (event.type.startsWith('Association')) panel.reloadSoon();
    if (/(Update)$/.test(event.type) && data.id === id && !fieldsForm.contains(document.activeElement)) {
      kind.get(id).then(fresh => { record = fresh; title.textContent = kind.name(record); renderFields(); }).catch(() => {});
    }
  }};
}

function customInput(f, value) {
  const options = f.options || [];
  switch (f.dataType) {
    case 'NUMERICAL': case 'MONETORY':
      return h('input', {type: 'number', step: 'any', value: value ?? ''});
    case 'DATE':
      return h('input', {type: 'date', value: value ?? ''});
    case 'LARGE_TEXT': {
      const area = h('textarea', {rows: 4, maxlength: 10000});
      area.value = value ?? '';
      return area;
    }
    case 'SINGLE_OPTIONS': case 'RADIO':
      return h('select', {}, h('option', {value: ''}, '—'), options.map(o => h('option', {value: o.key, selected: value === o.key}, o.label || o.key)));
    case 'MULTIPLE_OPTIONS': case 'CHECKBOX':
      if (options.length) {
        const chosen = new Set(Array.isArray(value) ? value : []);
        return h('select', {multiple: true, size: Math.min(6, options.length)},
            options.map(o => h('option', {value: o.key, selected: chosen.has(o.key)}, o.label || o.key)));
      }
      return h('select', {}, h('option', {value: ''}, '—'), h('option', {value: 'true', selected: value === true}, 'Yes'),
          h('option', {value: 'false', selected: value === false}, 'No'));
    default:
      return h('input', {type: 'text', value: Array.isArray(value) ? value.join(', ') : (value ?? ''), maxlength: 1000});
  }
}

function valueOf(input, f) {
  if (!f) return input.value.trim() === '' ? null : input.value.trim();
  if (input.multiple) return [...input.selectedOptions].map(o => o.value);
  const raw = input.value;
  if (raw === '') return null;
  switch (f.dataType) {
    case 'NUMERICAL': case 'MONETORY': return Number(raw);
    case 'CHECKBOX': return raw === 'true';
    case 'TEXTBOX_LIST': return raw.split(',').map(s => s.trim()).filter(Boolean);
    default: return raw;
  }
}

// ---- The Associations panel -------------------------------------------------------------------

function associationsPanel(object, recordId, recordName) {
  const list = h('div', {class: 'association-groups'});
  const total = h('span', {class: 'count'});
  const more = h('button', {type: 'button', class: 'button small', hidden: true}, 'Show more links');
  const addButton = session.canWrite ? h('button', {type: 'button', class: 'button primary small', 'aria-haspopup': 'dialog'}, 'Add') : null;
  const message = messageArea();
  const element = h('aside', {class: 'panel associations', 'aria-labelledby': 'associations-title'},
      h('div', {class: 'panel-head'}, h('h2', {id: 'associations-title'}, 'Associations ', total), addButton),
      message, list, more);
  let relations = [];
  let loaded = 0;
  let available = 0;

  async function fetchPage(skip, limit) {
    return api.get(`/associations/relations/${encodeURIComponent(recordId)}`, {locationId: session.locationId, skip, limit});
  }

  async function render() {
    const labels = await objectCatalog.labels();
    const groups = new Map();
    for (const relation of relations) {
      if (!groups.has(relation.associationId)) groups.set(relation.associationId, []);
      groups.get(relation.associationId).push(relation);
    }
    total.textContent = `(${available})`;
    if (!relations.length) {
      clear(list, h('p', {class: 'empty'}, 'No associations yet.'));
    } else {
      clear(list, [...groups.entries()].map(([associationId, items]) => {
        const label = labels.find(l => l.id === associationId);
        const heading = label ? labelName(label) : 'Label';
        return h('section', {class: 'association-group', 'aria-label': heading},
            h('h3', {}, heading),
            h('ul', {}, items.map(relation => relationItem(relation))));
      }));
    }
    more.hidden = loaded >= available;
  }

  function relationItem(relation) {
    const otherName = relation.relatedRecordName || relation.relatedRecordId;
    const remove = session.canWrite ? h('button', {type: 'button', class: 'button small ghost danger',
      'aria-label': `Remove ${otherName} (${relation.relatedLabel})`}, 'Remove') : null;
    const itemMessage = messageArea();
    const item = h('li', {class: 'relation', dataset: {relationId: relation.id}},
        h('a', {href: `#/records/${encodeURIComponent(relation.relatedObjectKey)}/${encodeURIComponent(relation.relatedRecordId)}`}, otherName),
        h('span', {class: 'role', title: `${otherName} is ${relation.relatedLabel}`}, relation.relatedLabel),
        remove, itemMessage);
    if (remove) {
      remove.addEventListener('click', async () => {
        remove.disabled = true;
        try {
          await api.del(`/associations/relations/${encodeURIComponent(relation.id)}`, {locationId: session.locationId});
          toast(`Removed ${otherName} (${relation.relatedLabel})`);
          await load();
        } catch (error) {
          itemMessage.show(api.plainWords(error));
          remove.disabled = false;
        }
      });
    }
    return item;
  }

  async function load() {
    message.show('');
    try {
      const page = await fetchPage(0, Math.max(PANEL_PAGE, Math.min(loaded, 100)));
      relations = page.relations;
      loaded = relations.length;
      available = page.total ?? relations.length;
      await render();
    } catch (error) {
      message.show(api.plainWords(error));
    }
  }

  more.addEventListener('click', async () => {
    try {
      const page = await fetchPage(loaded, PANEL_PAGE);
      relations = relations.concat(page.relations);
      loaded = relations.length;
      available = page.total ?? available;
      await render();
    } catch (error) {
      message.show(api.plainWords(error));
    }
  });

  if (addButton) addButton.addEventListener('click', () => addAssociationDialog(object, recordId, recordName(), load));
  return {element, load, reloadSoon: debounce(load, 200)};
}

async function addAssociationDialog(object, recordId, recordName, reload) {
  const choices = await linkChoices(object.key);
  const objects = await objectCatalog.load();
  const message = messageArea();
  if (!choices.length) {
    openDialog('Add association', h('div', {},
        h('p', {}, `No association label includes ${plural(object).toLowerCase()} yet.`),
        h('p', {}, h('a', {href: `#/settings/objects/${encodeURIComponent(object.key)}`}, 'Create one in Settings › Objects'))));
    return;
  }
  const choiceText = choice => {
    const otherObject = objects.find(o => o.key === choice.otherObjectKey);
    const sameObject = choice.otherObjectKey === object.key;
    const who = sameObject ? '' : ` (a ${singular(otherObject).toLowerCase()})`;
    return choice.label.labelType === 'PAIR'
        ? `${choice.otherRole}${who}: ${recordName} is ${choice.ownRole}`
        : `${choice.otherRole}${who}`;
  };
  const labelSelect = h('select', {name: 'label'}, choices.map((choice, index) => h('option', {value: String(index)}, choiceText(choice))));
  // Tom Select moves the label to its own input; the hidden select keeps a name of its own.
  const recordSelect = h('select', {name: 'record', placeholder: 'Type a name…', 'aria-label': 'Record'});
  const submit = h('button', {type: 'submit', class: 'button primary'}, 'Add');
  const form = h('form', {class: 'form'},
      field('Association label', labelSelect, 'The role the record you add plays.'),
      field('Record', recordSelect, 'Type to search.'),
      message, h('div', {class: 'actions'}, submit));
  const dialog = openDialog('Add association', form, {onClose: () => typeAhead?.destroy()});
  let typeAhead = null;

  const makeTypeAhead = () => {
    if (typeAhead) typeAhead.destroy();
    const choice = choices[Number(labelSelect.value)];
    const kind = recordKind(choice.otherObjectKey);
    typeAhead = new window.TomSelect(recordSelect, {
      valueField: 'id', labelField: 'name', searchField: ['name', 'detail'], maxItems: 1, maxOptions: 20, closeAfterSelect: true,
      // Once chosen, the list closes and stays closed (a late search answer would otherwise reopen it over the buttons).
      onItemAdd() { this.close(); },
      loadThrottle: 250, openOnFocus: true,
      // Options are rendered as text (escape), never as markup.
      render: {
        option: (item, escape) => `<div><span class="option-name">${escape(item.name)}</span>${item.detail ? `<span class="option-detail">${escape(item.detail)}</span>` : ''}</div>`,
        item: (item, escape) => `<div>${escape(item.name)}</div>`,
        no_results: () => '<div class="no-results">No record matches</div>',
      },
      load: async (query, callback) => {
        try {
          const {items} = await kind.search(query, 1, 20);
          callback(items.filter(r => r.id !== recordId).map(r => ({id: r.id, name: kind.name(r), detail: kind.subtitle(r)})));
        } catch (error) {
          message.show(api.plainWords(error));
          callback();
        }
      },
    });
  };
  makeTypeAhead();
  labelSelect.addEventListener('change', () => { message.show(''); makeTypeAhead(); });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.show('');
    const choice = choices[Number(labelSelect.value)];
    const otherId = typeAhead.getValue();
    if (!otherId) {
      message.show('Choose the record to add.');
      return;
    }
    const otherName = typeAhead.options[otherId]?.name || otherId;
    const body = choice.side === 'first'
        ? {locationId: session.locationId, associationId: choice.label.id, firstRecordId: recordId, secondRecordId: otherId}
        : {locationId: session.locationId, associationId: choice.label.id, firstRecordId: otherId, secondRecordId: recordId};
    submit.disabled = true;
    try {
      await api.post('/associations/relations', body);
      dialog.close();
      toast(`Added ${otherName} as ${choice.otherRole}`);
      await reload();
    } catch (error) {
      message.show(refusal(error, choice, {[recordId]: recordName, [otherId]: otherName}));
    } finally {
      submit.disabled = false;
    }
  });
}

/** A refusal of a new link in plain words: who already has what, and what the label allows. */
function refusal(error, choice, names) {
  if (error.code === 'LIMIT_EXCEEDED' && error.details.limit === 'cardinality') {
    const full = error.details.recordId;
    const fullIsThis = full === Object.keys(names)[0];
    // The record at its limit already has a partner playing the role opposite its own side.
    const partnerRole = fullIsThis ? choice.otherRole : choice.ownRole;
    const rule = CARDINALITY_WORDS[choice.label.cardinality].toLowerCase();
    return `Not added: ${names[full] || 'that record'} already has a ${partnerRole}, and “${labelName(choice.label)}” is ${rule}, so it allows only one. Remove the existing link first.`;
  }
  if (error.code === 'LIMIT_EXCEEDED' && error.details.limit === 'recordsPerLabel') {
    return `Not added: ${names[error.details.recordId] || 'a record'} already has ${error.details.current} links under “${labelName(choice.label)}”, the most allowed (${error.details.maximum}).`;
  }
  return api.plainWords(error);
}

