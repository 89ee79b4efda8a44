// Small DOM helpers: elements built from properties (text is always text, never HTML), and polite
// announcements for screen readers.

export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null) {
      continue;
    }
    if (name === 'text') {
      element.textContent = value;
    } else if (name === 'className') {
      element.className = value;
    } else if (name in element && !name.includes('-')) {
      element[name] = value;
    } else {
      element.setAttribute(name, value);
    }
  }
  element.append(...children);
  return element;
}

export function announce(text) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  // A fresh text node after a tick is read out even when the text repeats.
  setTimeout(() => { announcer.textContent = text; }, 50);
}

export function showError(element, text) {
  element.textContent = text;
  element.hidden = !text;
}
