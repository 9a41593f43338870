// Small helpers to build the page. Every text from the API goes in as a text node, never as HTML: case ids and
// error messages come from outside.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, "");
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

export const ACTIVE = ["pending", "dispatched", "generating"];
export const ENDED = ["completed", "partial", "failed", "canceled"];
export const STATUSES = [...ACTIVE, ...ENDED];

export function badge(status) {
  return h("span", {class: `badge status-${status}`, "data-test": "status"}, status.replace("_", " "));
}

/** A bar of succeeded, failed and pending images, widths set through the CSSOM (allowed by a strict policy). */
export function progress(succeeded, failed, pending) {
  const total = succeeded + failed + pending;
  const bar = h("div", {class: "progress", role: "img", "data-test": "progress",
    "aria-label": `${succeeded} succeeded, ${failed} failed, ${pending} pending of ${total}`});
  for (const [part, count] of [["succeeded", succeeded], ["failed", failed], ["pending", pending]]) {
    const segment = h("span", {class: `segment ${part}`});
    segment.style.width = total === 0 ? "0" : `${(count * 100) / total}%`;
    bar.append(segment);
  }
  return bar;
}

export function age(instant, now = Date.now()) {
  if (!instant) {
    return "";
  }
  return `${span(Math.max(1000, now - Date.parse(instant)), false)} ago`;
}

export function duration(ms) {
  return ms === null || ms === undefined ? "" : span(ms);
}

/** A span of time as people say it; under ten seconds to a tenth when {@code precise} (a job's duration). */
function span(ms, precise = true) {
  if (precise && ms < 10000) {
    return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${seconds % 60} s`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h ${minutes % 60} min`;
  }
  return `${Math.floor(hours / 24)} d`;
}

const DOLLARS = new Intl.NumberFormat("en-US", {style: "currency", currency: "USD", minimumFractionDigits: 2,
  maximumFractionDigits: 3});

export function cost(value) {
  if (value === null || value === undefined) {
    return "";
  }
  const number = Number(value);
  return Number.isFinite(number) ? DOLLARS.format(number) : String(value);
}

export function clock(instant) {
  if (!instant) {
    return "";
  }
  const date = new Date(instant);
  return date.toLocaleTimeString([], {hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23"});
}

/** A short line that says what went wrong, where the user looks. */
export function notice(element, message, kind = "error") {
  clear(element);
  if (message) {
    element.append(h("p", {class: `notice ${kind}`, role: kind === "error" ? "alert" : "status"}, message));
  }
}
