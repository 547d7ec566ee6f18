// What the console knows about the location's objects and association labels, and the one place
// that knows how each kind of record (contact, business, custom-object record) is read, searched,
// created and changed through the API.
import * as api from './api.js';
import {scoped} from './api.js';

let objects = null;
let labels = null;

export const objectCatalog = {
  async load() {
    if (!objects) objects = (await api.get('/objects/', scoped())).objects;
    return objects;
  },
  async object(key) {
    const all = await this.load();
    const found = all.find(object => object.key === key || object.id === key);
    if (!found) throw new Error(`There is no object "${key}" in this location.`);
    return found;
  },
  /** Every association label of the location (at most 10 per object pair, so a few pages at most). */
  async labels() {
    if (!labels) {
      const all = [];
      for (let skip = 0; skip <= 10000; skip += 100) {
        const page = (await api.get('/associations/', scoped({skip, limit: 100}))).associations;
        all.push(...page);
        if (page.length < 100) break;
      }
      labels = all;
    }
    return labels;
  },
  async label(id) {
    return (await this.labels()).find(label => label.id === id);
  },
  forget() { objects = null; labels = null; },
  forgetLabels() { labels = null; },
};

export function singular(object) { return object?.labels?.singular || object?.key || ''; }
export function plural(object) { return object?.labels?.plural || object?.key || ''; }

/** The object's custom fields (contacts and businesses have their standard fields instead). */
export async function fieldsOf(objectKey) {
  const answer = await api.get(`/custom-fields/object-key/${encodeURIComponent(objectKey)}`, scoped());
  return answer.fields || [];
}

const CONTACT_FIELDS = [
  ['firstName', 'First name'], ['lastName', 'Last name'], ['email', 'Email'], ['phone', 'Phone'],
  ['companyName', 'Company'], ['address1', 'Address'], ['city', 'City'], ['state', 'State'],
  ['postalCode', 'Postal code'], ['country', 'Country'], ['website', 'Website'], ['source', 'Source'],
];
const BUSINESS_FIELDS = [
  ['name', 'Name'], ['email', 'Email'], ['phone', 'Phone'], ['website', 'Website'], ['address', 'Address'],
  ['city', 'City'], ['state', 'State'], ['postalCode', 'Postal code'], ['country', 'Country'], ['description', 'Description'],
];

/** How a kind of record is shown and changed. */
export function recordKind(objectKey) {
  if (objectKey === 'contact') return contactKind;
  if (objectKey === 'business') return businessKind;
  return customKind(objectKey);
}

const contactKind = {
  standardFields: CONTACT_FIELDS,
  name: contact => contact.name || [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || contact.phone || contact.id,
  subtitle: contact => [contact.email, contact.phone].filter(Boolean).join(' · '),
  async get(id) { return (await api.get(`/contacts/${encodeURIComponent(id)}`)).contact; },
  /** Name, email, phone or company by free text; a tag by "tag:vip". */
  async search(text, page, pageSize) {
    const body = {locationId: api.session.locationId, page, pageLimit: pageSize};
    const trimmed = (text || '').trim();
    const tag = trimmed.match(/^tag:\s*(.+)$/i);
    if (tag) body.filters = [{field: 'tags', operator: 'eq', value: tag[1].trim().toLowerCase()}];
    else if (trimmed) body.query = trimmed;
    const answer = await api.post('/contacts/search', body);
    return {items: answer.contacts, total: answer.total};
  },
  async create(values) { return (await api.post('/contacts/', {locationId: api.session.locationId, ...values})).contact; },
  async update(id, values) { return (await api.put(`/contacts/${encodeURIComponent(id)}`, values)).contact; },
  async remove(id) { return api.del(`/contacts/${encodeURIComponent(id)}`); },
  values: contact => contact,
  tags: contact => contact.tags || [],
};

const businessKind = {
  standardFields: BUSINESS_FIELDS,
  name: business => business.name || business.id,
  subtitle: business => [business.email, business.website].filter(Boolean).join(' · '),
  async get(id) { return (await api.get(`/businesses/${encodeURIComponent(id)}`)).business; },
  /** The businesses API has no text search (as HighLevel's): pages of 100 are filtered here. */
  async search(text, page, pageSize) {
    const trimmed = (text || '').trim().toLowerCase();
    if (!trimmed) {
      const answer = await api.get('/businesses/', scoped({skip: (page - 1) * pageSize, limit: pageSize}));
      return {items: answer.businesses, total: null};
    }
    const matches = [];
    for (let skip = 0; skip < 2000 && matches.length < page * pageSize; skip += 100) {
      const batch = (await api.get('/businesses/', scoped({skip, limit: 100}))).businesses;
      matches.push(...batch.filter(b => [b.name, b.email, b.phone, b.website].some(v => v && v.toLowerCase().includes(trimmed))));
      if (batch.length < 100) break;
    }
    return {items: matches.slice((page - 1) * pageSize, page * pageSize), total: null};
  },
  async create(values) { return (await api.post('/businesses/', {locationId: api.session.locationId, ...values})).business; },
  async update(id, values) { return (await api.put(`/businesses/${encodeURIComponent(id)}`, values)).business; },
  async remove(id) { return api.del(`/businesses/${encodeURIComponent(id)}`); },
  values: business => business,
  tags: () => [],
};

function customKind(objectKey) {
  const base = `/objects/${encodeURIComponent(objectKey)}/records`;
  return {
    standardFields: null,
    name: record => {
      const properties = record.properties || {};
      return String(properties.name ?? record.displayName ?? Object.values(properties)[0] ?? record.id);
    },
    subtitle: () => '',
    async get(id) { return (await api.get(`${base}/${encodeURIComponent(id)}`, scoped())).record; },
    async search(text, page, pageSize) {
      const body = {locationId: api.session.locationId, page, pageLimit: pageSize};
      if ((text || '').trim()) body.query = text.trim();
      const answer = await api.post(`${base}/search`, body);
      return {items: answer.records, total: answer.total};
    },
    async create(values) { return (await api.post(`${base}`, {locationId: api.session.locationId, properties: values})).record; },
    async update(id, values) { return (await api.put(`${base}/${encodeURIComponent(id)}`, {properties: values}, scoped())).record; },
    async remove(id) { return api.del(`${base}/${encodeURIComponent(id)}`, scoped()); },
    values: record => record.properties || {},
    tags: () => [],
  };
}

/** The label's name for the role a record on one side plays ("Manager"), and the cardinality in words. */
export function roleOf(label, side) {
  return side === 'first' ? label.firstObjectLabel : (label.secondObjectLabel || label.firstObjectLabel);
}

export const CARDINALITY_WORDS = {
  MANY_TO_MANY: 'Many to many',
  MANY_TO_ONE: 'Many to one',
  ONE_TO_MANY: 'One to many',
  ONE_TO_ONE: 'One to one',
};

export function labelName(label) {
  return label.labelType === 'PAIR' ? `${label.firstObjectLabel} / ${label.secondObjectLabel}` : label.firstObjectLabel;
}

/**
 * The ways a record of objectKey can be linked: for each label touching the object, each side the
 * record can take. Adding "Bob as Jane's Employee" means Jane takes the Manager side.
 */
export async function linkChoices(objectKey) {
  const choices = [];
  for (const label of await objectCatalog.labels()) {
    const symmetric = label.labelType === 'SINGLE' && label.firstObjectKey === label.secondObjectKey;
    if (label.firstObjectKey === objectKey) {
      choices.push({label, side: 'first', otherObjectKey: label.secondObjectKey, otherRole: roleOf(label, 'second'), ownRole: roleOf(label, 'first')});
    }
    if (label.secondObjectKey === objectKey && !symmetric) {
      choices.push({label, side: 'second', otherObjectKey: label.firstObjectKey, otherRole: roleOf(label, 'first'), ownRole: roleOf(label, 'second')});
    }
  }
  return choices;
}
