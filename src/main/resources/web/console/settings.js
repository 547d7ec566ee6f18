// Settings › Objects: the objects of the location, their association labels and their fields.
import {h, field, messageArea, openDialog, confirmAction, toast} from './dom.js';
import * as api from './api.js';
import {session} from './api.js';
import {objectCatalog, singular, plural, fieldsOf, labelName, CARDINALITY_WORDS} from './catalog.js';

const FIELD_TYPES = [
  ['TEXT', 'Single line text'], ['LARGE_TEXT', 'Multi line text'], ['NUMERICAL', 'Number'], ['MONETORY', 'Monetary'],
  ['PHONE', 'Phone'], ['DATE', 'Date'], ['CHECKBOX', 'Checkbox'], ['SINGLE_OPTIONS', 'Single option (dropdown)'],
  ['MULTIPLE_OPTIONS', 'Multiple options'], ['RADIO', 'Radio'], ['TEXTBOX_LIST', 'Text box list'],
];
const NEEDS_OPTIONS = new Set(['SINGLE_OPTIONS', 'MULTIPLE_OPTIONS', 'RADIO', 'TEXTBOX_LIST', 'CHECKBOX']);

export async function objectsView() {
  const objects = await objectCatalog.load();
  const labels = await objectCatalog.labels();
  const rows = objects.map(object => {
    const count = labels.filter(l => l.firstObjectKey === object.key || l.secondObjectKey === object.key).length;
    return h('tr', {},
        h('th', {scope: 'row'}, h('a', {href: `#/settings/objects/${encodeURIComponent(object.key)}`}, plural(object))),
        h('td', {}, h('code', {}, object.key)),
        h('td', {}, object.standard ? 'Standard' : 'Custom'),
        h('td', {class: 'number'}, String(count)));
  });
  const createButton = session.canWrite
      ? h('button', {type: 'button', class: 'button primary', onclick: () => createObjectDialog()}, h('span', {'aria-hidden': 'true'}, '+ '), 'Create Custom Object') : null;
  const element = h('section', {class: 'panel', 'aria-labelledby': 'objects-title'},
      h('div', {class: 'panel-head'}, h('h1', {id: 'objects-title'}, 'Objects'), createButton),
      h('p', {class: 'lead'}, 'Select an object to see and manage its association labels and fields.'),
      h('table', {class: 'table'},
          h('caption', {class: 'visually-hidden'}, 'Objects of this location'),
          h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Object'), h('th', {scope: 'col'}, 'Key'),
              h('th', {scope: 'col'}, 'Type'), h('th', {scope: 'col', class: 'number'}, 'Association labels'))),
          h('tbody', {}, rows)));
  return {element, title: 'Objects', onEvent: event => {
    if (event.type.startsWith('Association') || event.type.startsWith('ObjectSchema')) refresh('#/settings/objects');
  }};
}

function count(n, noun) {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

function refresh(hash) {
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export async function objectView(objectKey) {
  const object = await objectCatalog.object(objectKey);
  const hash = `#/settings/objects/${encodeURIComponent(object.key)}`;
  const labels = (await objectCatalog.labels()).filter(l => l.firstObjectKey === object.key || l.secondObjectKey === object.key);
  const objects = await objectCatalog.load();
  const nameOf = key => plural(objects.find(o => o.key === key)) || key;
  const usage = await Promise.all(labels.map(label =>
      api.get(`/associations/${encodeURIComponent(label.id)}/usage`).catch(() => null)));

  const labelRows = labels.map((label, index) => {
    const used = usage[index];
    const nearCap = used ? used.nearLimit.filter(n => n.reason === 'recordsPerLabel') : [];
    const message = messageArea();
    const actions = session.canWrite ? h('div', {class: 'row-actions'},
        h('button', {type: 'button', class: 'button small', 'aria-label': `Edit ${labelName(label)}`,
          onclick: () => editLabelDialog(label, hash)}, 'Edit'),
        h('button', {type: 'button', class: 'button small danger', 'aria-label': `Delete ${labelName(label)}`,
          onclick: () => deleteLabel(label, message, hash)}, 'Delete')) : null;
    return h('tr', {dataset: {labelId: label.id}},
        h('th', {scope: 'row'}, h('span', {class: 'label-name'}, labelName(label)), h('div', {class: 'muted'}, h('code', {}, label.key))),
        h('td', {}, label.labelType === 'PAIR' ? 'Pair labels' : 'Single label'),
        h('td', {}, `${nameOf(label.firstObjectKey)} ↔ ${nameOf(label.secondObjectKey)}`),
        h('td', {}, CARDINALITY_WORDS[label.cardinality] || label.cardinality),
        h('td', {class: 'number'}, used ? `${count(used.links, 'link')} · ${count(used.records, 'record')}` : '—'),
        h('td', {class: 'number'}, used ? (nearCap.length ? h('span', {class: 'badge warn'}, `${count(nearCap.length, 'record')} near ${used.cap.toLocaleString('en')}`) : `None (cap ${used.cap.toLocaleString('en')})`) : '—'),
        h('td', {}, actions, message));
  });

  const createButton = session.canWrite ? h('button', {type: 'button', class: 'button primary',
    onclick: () => createAssociationDialog(object, objects, hash)}, h('span', {'aria-hidden': 'true'}, '+ '), 'Create Association') : null;

  const fieldsSection = object.standard ? null : await fieldsPanel(object, hash);
  const element = h('div', {class: 'stack'},
      h('nav', {class: 'breadcrumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/settings/objects'}, 'Objects'), ' › ', plural(object)),
      h('section', {class: 'panel', 'aria-labelledby': 'labels-title'},
          h('div', {class: 'panel-head'}, h('h1', {id: 'labels-title'}, `${plural(object)}: associations`), createButton),
          h('p', {class: 'lead'}, `Association labels that link ${plural(object).toLowerCase()} with each other and with other objects. At most 10 labels between two objects; one record links to at most 1,000 records under a label.`),
          labels.length ? h('div', {class: 'table-scroll'}, h('table', {class: 'table'},
              h('caption', {class: 'visually-hidden'}, `Association labels of ${plural(object)}`),
              h('thead', {}, h('tr', {}, ['Label', 'Label type', 'Objects', 'Relationship', 'In use', 'Near the cap', 'Actions']
                  .map(text => h('th', {scope: 'col'}, text)))),
              h('tbody', {}, labelRows)))
              : h('p', {class: 'empty'}, 'No association labels yet.')),
      fieldsSection);
  return {element, title: `${plural(object)} · Objects`, onEvent: event => {
    if (event.type.startsWith('Association') || event.type.startsWith('Relation')) refresh(hash);
  }};
}

/** The help article's steps: associated object, label type, names, relationship type. */
function createAssociationDialog(object, objects, hash) {
  const otherObject = h('select', {name: 'secondObjectKey'}, objects.map(o =>
      h('option', {value: o.key, selected: o.key === object.key}, plural(o))));
  const single = h('input', {type: 'radio', name: 'labelType', value: 'SINGLE', id: 'label-type-single'});
  const pair = h('input', {type: 'radio', name: 'labelType', value: 'PAIR', id: 'label-type-pair', checked: true});
  const firstLabel = h('input', {type: 'text', name: 'firstObjectLabel', maxlength: 100, required: true});
  const secondLabel = h('input', {type: 'text', name: 'secondObjectLabel', maxlength: 100});
  const cardinality = h('select', {name: 'cardinality'},
      Object.entries(CARDINALITY_WORDS).map(([value, text]) => h('option', {value}, text)));
  const cardinalityHint = h('p', {class: 'hint', id: 'cardinality-meaning'});
  cardinality.setAttribute('aria-describedby', 'cardinality-meaning');
  const key = h('input', {type: 'text', name: 'key', maxlength: 64, pattern: '[a-z0-9_]+'});
  let keyEdited = false;
  key.addEventListener('input', () => { keyEdited = true; });
  const secondField = field('Label of the associated record', secondLabel, 'The role the associated record plays (e.g. Employee).');
  const firstField = field('Label', firstLabel, 'e.g. Colleague');

  const update = () => {
    const isPair = pair.checked;
    secondField.hidden = !isPair;
    secondLabel.required = isPair;
    firstField.querySelector('label').textContent = isPair ? `Label of this ${singular(object).toLowerCase()}` : 'Label';
    const a = firstLabel.value || (isPair ? 'first' : 'record');
    const b = isPair ? (secondLabel.value || 'second') : a;
    const meanings = {
      MANY_TO_MANY: `Any number of links on both sides.`,
      MANY_TO_ONE: `Each ${a} links to at most one ${b}; a ${b} may have many.`,
      ONE_TO_MANY: `Each ${b} links to at most one ${a}; a ${a} may have many.`,
      ONE_TO_ONE: `Each record has at most one such link on each side.`,
    };
    cardinalityHint.textContent = meanings[cardinality.value];
    if (!keyEdited) {
      key.value = [firstLabel.value, isPair ? secondLabel.value : '']
          .filter(Boolean).join('_').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64);
    }
  };
  for (const control of [single, pair, firstLabel, secondLabel, cardinality]) {
    control.addEventListener('input', update);
    control.addEventListener('change', update);
  }
  update();

  const message = messageArea();
  const submit = h('button', {type: 'submit', class: 'button primary'}, 'Create Association');
  const form = h('form', {class: 'form'},
      h('p', {class: 'muted'}, `Object: ${plural(object)}`),
      field('Associated object', otherObject, 'Pick an object, such as Contacts or Surfboards.'),
      h('fieldset', {},
          h('legend', {}, 'Label type'),
          h('div', {class: 'choice'}, single, h('label', {for: single.id}, 'Single label'), h('span', {class: 'hint'}, 'the same on both sides, e.g. Colleague')),
          h('div', {class: 'choice'}, pair, h('label', {for: pair.id}, 'Pair labels'), h('span', {class: 'hint'}, 'one per side, e.g. Manager and Employee'))),
      firstField, secondField,
      field('Relationship type', cardinality), cardinalityHint,
      field('Key', key, 'Lowercase letters, digits and underscores; it never changes and names the Neo4j relationship type.'),
      message,
      h('div', {class: 'actions'}, submit));
  const dialog = openDialog('Create Association', form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    const body = {
      locationId: session.locationId, key: key.value, firstObjectKey: object.key, firstObjectLabel: firstLabel.value.trim(),
      secondObjectKey: otherObject.value, cardinality: cardinality.value,
    };
    if (pair.checked) body.secondObjectLabel = secondLabel.value.trim();
    try {
      await api.post('/associations/', body);
      objectCatalog.forgetLabels();
      dialog.close();
      toast(`Association "${pair.checked ? `${body.firstObjectLabel} / ${body.secondObjectLabel}` : body.firstObjectLabel}" created`);
      refresh(hash);
    } catch (error) {
      message.show(api.plainWords(error));
    } finally {
      submit.disabled = false;
    }
  });
}

function editLabelDialog(label, hash) {
  const isPair = label.labelType === 'PAIR';
  const firstLabel = h('input', {type: 'text', value: label.firstObjectLabel, maxlength: 100, required: true});
  const secondLabel = h('input', {type: 'text', value: label.secondObjectLabel || '', maxlength: 100, required: isPair});
  const symmetric = label.labelType === 'SINGLE' && label.firstObjectKey === label.secondObjectKey;
  const cardinality = h('select', {}, Object.entries(CARDINALITY_WORDS)
      .filter(([value]) => !symmetric || value === 'MANY_TO_MANY' || value === 'ONE_TO_ONE')
      .map(([value, text]) => h('option', {value, selected: value === label.cardinality}, text)));
  const message = messageArea();
  const submit = h('button', {type: 'submit', class: 'button primary'}, 'Save');
  const form = h('form', {class: 'form'},
      field(isPair ? 'First label' : 'Label', firstLabel),
      isPair ? field('Second label', secondLabel) : null,
      field('Relationship type', cardinality, 'A tighter type that existing links break is refused, with the number of links.'),
      message, h('div', {class: 'actions'}, submit));
  const dialog = openDialog(`Edit ${labelName(label)}`, form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {firstObjectLabel: firstLabel.value.trim(), cardinality: cardinality.value};
    if (isPair) body.secondObjectLabel = secondLabel.value.trim();
    try {
      await api.put(`/associations/${encodeURIComponent(label.id)}`, body);
      objectCatalog.forgetLabels();
      dialog.close();
      toast('Label saved');
      refresh(hash);
    } catch (error) {
      message.show(api.plainWords(error));
    }
  });
}

async function deleteLabel(label, message, hash) {
  message.show('');
  if (!await confirmAction(`Delete ${labelName(label)}?`, 'The label is deleted only if nothing uses it.', 'Delete')) return;
  try {
    await api.del(`/associations/${encodeURIComponent(label.id)}`);
    objectCatalog.forgetLabels();
    toast(`Label ${labelName(label)} deleted`);
    refresh(hash);
  } catch (error) {
    if (error.code !== 'ASSOCIATION_IN_USE') {
      message.show(api.plainWords(error));
      return;
    }
    const links = error.details.links;
    message.show(`Not deleted: this label is in use (${links} link${links === 1 ? '' : 's'}). Remove its links first, or delete it with them.`);
    const force = h('button', {type: 'button', class: 'button small danger'}, `Delete with its ${links} link${links === 1 ? '' : 's'}`);
    force.addEventListener('click', async () => {
      if (!await confirmAction('Delete the label and its links?',
          `This removes ${labelName(label)} and the ${links} link${links === 1 ? '' : 's'} that use it, from every profile. It cannot be undone.`,
          `Delete label and ${links} link${links === 1 ? '' : 's'}`)) return;
      try {
        await api.del(`/associations/${encodeURIComponent(label.id)}`, {force: true});
        objectCatalog.forgetLabels();
        toast(`Label ${labelName(label)} and its links deleted`);
        refresh(hash);
      } catch (forced) {
        message.show(api.plainWords(forced));
      }
    });
    message.after(force);
  }
}

async function fieldsPanel(object, hash) {
  const fields = await fieldsOf(object.key);
  const rows = fields.map(f => h('tr', {},
      h('th', {scope: 'row'}, f.name), h('td', {}, h('code', {}, f.key)),
      h('td', {}, (FIELD_TYPES.find(([t]) => t === f.dataType) || [f.dataType, f.dataType])[1]),
      h('td', {}, (f.options || []).map(o => o.label || o.key).join(', '))));
  const addButton = session.canWrite
      ? h('button', {type: 'button', class: 'button', onclick: () => addFieldDialog(object, hash)}, h('span', {'aria-hidden': 'true'}, '+ '), 'Add Field') : null;
  return h('section', {class: 'panel', 'aria-labelledby': 'fields-title'},
      h('div', {class: 'panel-head'}, h('h2', {id: 'fields-title'}, 'Fields'), addButton),
      h('table', {class: 'table'},
          h('caption', {class: 'visually-hidden'}, `Fields of ${plural(object)}`),
          h('thead', {}, h('tr', {}, ['Name', 'Key', 'Type', 'Options'].map(t => h('th', {scope: 'col'}, t)))),
          h('tbody', {}, rows)));
}

function optionsFrom(text) {
  return text.split(/\n|,/).map(s => s.trim()).filter(Boolean).map(label => ({
    key: label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'option', label,
  }));
}

function addFieldDialog(object, hash) {
  const name = h('input', {type: 'text', maxlength: 100, required: true});
  const key = h('input', {type: 'text', maxlength: 64, pattern: '[a-z0-9_]+', required: true});
  let keyEdited = false;
  key.addEventListener('input', () => { keyEdited = true; });
  name.addEventListener('input', () => {
    if (!keyEdited) key.value = name.value.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64);
  });
  const type = h('select', {}, FIELD_TYPES.map(([value, text]) => h('option', {value}, text)));
  const options = h('textarea', {rows: 3, maxlength: 5000});
  const optionsField = field('Options', options, 'One per line (or separated by commas).');
  const allowCustom = h('input', {type: 'checkbox'});
  const allowCustomField = h('div', {class: 'choice'}, allowCustom, h('label', {for: (allowCustom.id = 'allow-custom-option')}, 'Allow a value that is not one of the options'));
  const update = () => {
    optionsField.hidden = !NEEDS_OPTIONS.has(type.value);
    allowCustomField.hidden = type.value !== 'RADIO';
  };
  type.addEventListener('input', update);
  type.addEventListener('change', update);
  update();
  const message = messageArea();
  const submit = h('button', {type: 'submit', class: 'button primary'}, 'Add Field');
  const form = h('form', {class: 'form'}, field('Field name', name), field('Key', key), field('Type', type),
      optionsField, allowCustomField, message, h('div', {class: 'actions'}, submit));
  const dialog = openDialog(`Add a field to ${plural(object)}`, form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {locationId: session.locationId, key: key.value, name: name.value.trim(), dataType: type.value};
    if (NEEDS_OPTIONS.has(type.value) && options.value.trim()) body.options = optionsFrom(options.value);
    if (type.value === 'RADIO') body.allowCustomOption = allowCustom.checked;
    try {
      await api.post(`/objects/${encodeURIComponent(object.key)}/fields`, body);
      dialog.close();
      toast(`Field ${body.name} added`);
      refresh(hash);
    } catch (error) {
      message.show(api.plainWords(error));
    }
  });
}

function createObjectDialog() {
  const singularName = h('input', {type: 'text', maxlength: 100, required: true});
  const pluralName = h('input', {type: 'text', maxlength: 100, required: true});
  const key = h('input', {type: 'text', maxlength: 64, pattern: '[a-z0-9_]+', required: true});
  const primary = h('input', {type: 'text', maxlength: 100, required: true, value: 'Name'});
  const description = h('textarea', {rows: 2, maxlength: 1000});
  let keyEdited = false;
  key.addEventListener('input', () => { keyEdited = true; });
  pluralName.addEventListener('input', () => {
    if (!keyEdited) key.value = pluralName.value.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64);
  });
  const message = messageArea();
  const submit = h('button', {type: 'submit', class: 'button primary'}, 'Create Custom Object');
  const form = h('form', {class: 'form'}, field('Singular name', singularName, 'e.g. Surfboard'), field('Plural name', pluralName, 'e.g. Surfboards'),
      field('Key', key, 'custom_objects. is added in front'), field('Primary display field', primary, 'The text field that names each record'),
      field('Description', description), message, h('div', {class: 'actions'}, submit));
  const dialog = openDialog('Create Custom Object', form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const shortKey = key.value;
    const body = {
      locationId: session.locationId, key: shortKey, description: description.value.trim() || undefined,
      labels: {singular: singularName.value.trim(), plural: pluralName.value.trim()},
      primaryDisplayPropertyDetails: {key: `custom_objects.${shortKey}.name`, name: primary.value.trim(), dataType: 'TEXT'},
    };
    try {
      const created = await api.post('/objects/', body);
      objectCatalog.forget();
      document.getElementById('sidebar').dataset.location = '';
      dialog.close();
      toast(`Object ${body.labels.plural} created`);
      const newKey = created?.object?.key || `custom_objects.${shortKey}`;
      window.location.hash = `#/settings/objects/${encodeURIComponent(newKey)}`;
    } catch (error) {
      message.show(api.plainWords(error));
    }
  });
}

