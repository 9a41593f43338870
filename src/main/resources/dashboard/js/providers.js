// Each provider's health as the node sees it: circuit, calls and errors in the recent window, rate-limit waits.

import {getJson} from "./api.js";
import {h, clear, notice} from "./dom.js";

const REFRESH_MS = 5000;

export class ProvidersPanel {
  constructor(root) {
    this.root = root;
    this.rows = root.querySelector("#providers-rows");
    this.notice = root.querySelector("#providers-notice");
    this.timer = null;
  }

  show() {
    this.root.hidden = false;
    this.load();
    this.timer = setInterval(() => {
      if (!document.hidden) {
        this.load();
      }
    }, REFRESH_MS);
  }

  hide() {
    this.root.hidden = true;
    clearInterval(this.timer);
    this.timer = null;
  }

  async load() {
    try {
      const answer = await getJson("/v1/ops/providers");
      notice(this.notice, answer.workerRole === false
        ? "This node does not run the worker role, so it makes no provider calls: open a worker node's dashboard "
          + "to see its providers." : null, "ok");
      this.render(answer.providers || []);
    } catch (e) {
      notice(this.notice, `The providers could not be read: ${e.message}`);
    }
  }

  render(providers) {
    clear(this.rows);
    if (providers.length === 0) {
      this.rows.append(h("tr", {class: "empty"}, h("td", {colspan: 6}, "No provider here.")));
    }
    for (const provider of providers) {
      const rate = provider.calls > 0 ? Math.round((provider.errors * 100) / provider.calls) : 0;
      const waited = provider.rateLimitWaitSeconds ? ` (${Number(provider.rateLimitWaitSeconds).toFixed(1)} s)` : "";
      this.rows.append(h("tr", {"data-provider": provider.name, "data-circuit": provider.circuit},
        h("td", {class: "name"}, provider.name),
        h("td", {}, h("span", {class: `badge circuit-${provider.circuit}`, "data-test": "circuit"},
          provider.circuit.replace("_", " "))),
        h("td", {class: "number", "data-test": "calls"}, String(provider.calls)),
        h("td", {class: "number", "data-test": "errors"}, String(provider.errors),
          provider.calls > 0 ? h("span", {class: rate >= 10 ? "failed-text" : "muted"}, ` (${rate}%)`) : null),
        h("td", {class: "number", "data-test": "refusals"}, String(provider.refusals ?? "")),
        h("td", {class: "number", "data-test": "rate-limit-waits"}, String(provider.rateLimitWaits),
          h("span", {class: "muted"}, waited))));
    }
    const window = providers.find(p => p.windowSeconds)?.windowSeconds;
    this.root.querySelector("#providers-window").textContent = window
      ? `Counts cover the last ${Math.max(1, Math.round(window / 60))} minutes of this node's calls.` : "";
  }
}
