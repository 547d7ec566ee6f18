// DOM helpers. Every text goes in through textContent or an attribute value, never through
// innerHTML, so a record named <img src=x onerror=alert(1)> is shown as those characters.

/** h('button', {class: 'x', onclick: fn}, 'Add') builds an element; children are nodes or text. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.appendChild(child);
    else element.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let uniqueCounter = 0;
export function uniqueId(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

/** A labelled form field: the label is tied to the control, so tests and screen readers find it by name. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = uniqueId('field');
  const hintElement = hint ? h('span', {class: 'hint', id: `${control.id}-hint`}, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', {class: 'field'}, h('label', {for: control.id}, labelText), control, hintElement);
}

/** A message next to a control, announced to screen readers; empty text hides it. */
export function messageArea() {
  const element = h('p', {class: 'message', role: 'alert', hidden: true});
  element.show = (text, kind = 'error') => {
    element.textContent = text || '';
    element.hidden = !text;
    element.className = `message ${kind}`;
  };
  return element;
}

export function toast(text, kind = 'info') {
  const container = document.getElementById('toasts');
  const item = h('div', {class: `toast ${kind}`}, text);
  container.appendChild(item);
  setTimeout(() => item.remove(), 5000);
}

/** A modal dialog (the native <dialog>: focus is trapped and Escape closes it). Resolves when closed. */
export function openDialog(title, body, {onClose} = {}) {
  const titleId = uniqueId('dialog-title');
  const closeButton = h('button', {type: 'button', class: 'button ghost close', 'aria-label': 'Close'}, '×');
  const dialog = h('dialog', {class: 'dialog', 'aria-labelledby': titleId},
      h('div', {class: 'dialog-head'}, h('h2', {id: titleId}, title), closeButton),
      body);
  closeButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (onClose) onClose();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  const first = dialog.querySelector('input, select, textarea, button:not(.close)');
  if (first) first.focus();
  return dialog;
}

/** Asks before something that cannot be undone; resolves true when confirmed. */
export function confirmAction(title, text, confirmLabel) {
  return new Promise(resolve => {
    let confirmed = false;
    const yes = h('button', {type: 'button', class: 'button danger'}, confirmLabel);
    const no = h('button', {type: 'button', class: 'button ghost'}, 'Cancel');
    const dialog = openDialog(title, h('div', {}, h('p', {}, text), h('div', {class: 'actions'}, no, yes)),
        {onClose: () => resolve(confirmed)});
    yes.addEventListener('click', () => { confirmed = true; dialog.close(); });
    no.addEventListener('click', () => dialog.close());
    no.focus();
  });
}

export function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

export function debounce(fn, millis) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), millis);
  };
}
