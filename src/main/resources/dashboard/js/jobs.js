// The jobs list: newest first, filtered by status and case id prefix, paged by the server's cursor (no page
// numbers: the next page starts after the last job seen). While the first page is shown it is fetched again every
// few seconds, keeping the rows the operator has selected.

import {getJson, post, jobPath} from "./api.js";
import {h, clear, badge, progress, age, duration, cost, notice, STATUSES, ACTIVE, ENDED} from "./dom.js";

const REFRESH_MS = 3000;

/** Jobs a page: 50, or what the page's own address asks for (/dashboard/?limit=20), within the API's 1 to 200. */
function pageSize() {
  const asked = Number.parseInt(new URLSearchParams(location.search).get("limit"), 10);
  return Number.isInteger(asked) && asked >= 1 && asked <= 200 ? asked : 50;
}

export class JobsList {
  constructor(root, access) {
    this.root = root;
    this.access = access;
    this.statuses = new Set();
    this.casePrefix = "";
    this.cursors = [];      // the cursor of each page shown before this one; empty on the first page
    this.cursor = null;     // this page's cursor (null: the first page)
    this.next = null;
    this.jobs = [];
    this.selected = new Set();
    this.timer = null;
    this.rows = root.querySelector("#jobs-rows");
    this.notice = root.querySelector("#jobs-notice");
    this.bulkResult = root.querySelector("#bulk-result");
    this.buildFilters();
    this.buildBulk();
    root.querySelector("#older").addEventListener("click", () => this.older());
    root.querySelector("#newer").addEventListener("click", () => this.newer());
    root.querySelector("#select-all").addEventListener("change", e => this.selectAll(e.target.checked));
    root.querySelector("#select-all-cell").hidden = !access.canAct;
  }

  buildFilters() {
    const chips = clear(this.root.querySelector("#status-filter"));
    for (const status of STATUSES) {
      const box = h("input", {type: "checkbox", id: `filter-status-${status}`, value: status,
        onchange: e => this.toggleStatus(status, e.target.checked)});
      chips.append(h("label", {class: `chip status-${status}`, for: `filter-status-${status}`},
        box, h("span", {class: "chip-name"}, status),
        h("span", {class: "chip-count", "data-test": `count-${status}`})));
    }
    const prefix = this.root.querySelector("#case-prefix");
    let typing = null;
    prefix.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => this.filterCase(prefix.value.trim()), 250);
    });
    this.root.querySelector("#filters").addEventListener("submit", e => {
      e.preventDefault();
      this.filterCase(prefix.value.trim());
    });
  }

  buildBulk() {
    const bulk = this.root.querySelector("#bulk");
    bulk.hidden = true;
    if (!this.access.canAct) {
      clear(bulk);
      return;
    }
    bulk.querySelector("#bulk-retry").addEventListener("click", () => this.bulk("retry"));
    bulk.querySelector("#bulk-cancel").addEventListener("click", () => this.bulk("cancel"));
  }

  show() {
    this.root.hidden = false;
    this.load();
    this.timer = setInterval(() => {
      if (this.cursor === null && !document.hidden) {
        this.load();
      }
    }, REFRESH_MS);
  }

  hide() {
    this.root.hidden = true;
    clearInterval(this.timer);
    this.timer = null;
  }

  toggleStatus(status, on) {
    if (on) {
      this.statuses.add(status);
    } else {
      this.statuses.delete(status);
    }
    this.firstPage();
  }

  filterCase(prefix) {
    if (prefix !== this.casePrefix) {
      this.casePrefix = prefix;
      this.firstPage();
    }
  }

  firstPage() {
    this.cursors = [];
    this.cursor = null;
    this.selected.clear();
    this.load();
  }

  older() {
    if (this.next) {
      this.cursors.push(this.cursor);
      this.cursor = this.next;
      this.selected.clear();
      this.load();
    }
  }

  newer() {
    if (this.cursors.length > 0) {
      this.cursor = this.cursors.pop();
      this.selected.clear();
      this.load();
    }
  }

  query() {
    const params = new URLSearchParams();
    if (this.statuses.size > 0) {
      params.set("status", [...this.statuses].join(","));
    }
    if (this.casePrefix) {
      params.set("casePrefix", this.casePrefix);
    }
    if (this.cursor) {
      params.set("after", this.cursor);
    }
    params.set("limit", String(pageSize()));
    return `/v1/jobs?${params}`;
  }

  async load() {
    const asked = this.query();
    this.loadCounts();
    try {
      const page = await getJson(asked);
      if (asked !== this.query()) {
        return; // the filters moved while this page was on its way
      }
      this.jobs = page.jobs || [];
      this.next = page.next || null;
      const shown = new Set(this.jobs.map(job => job.jobId));
      this.selected = new Set([...this.selected].filter(id => shown.has(id)));
      notice(this.notice, null);
      this.render();
    } catch (e) {
      notice(this.notice, `The jobs list could not be read: ${e.message}`);
    }
  }

  async loadCounts() {
    if (!this.access.canOperate) {
      return;
    }
    try {
      const answer = await getJson("/v1/ops/counts");
      const counts = answer.counts || {};
      const cap = answer.bounded;
      for (const status of STATUSES) {
        const n = counts[status] || 0;
        // An ended status is counted up to the cap only: the cap means that many or more. Active ones are exact.
        const text = ENDED.includes(status) && typeof cap === "number" && n >= cap ? `${cap}+` : String(n);
        this.root.querySelector(`[data-test=count-${status}]`).textContent = text;
      }
    } catch (e) {
      // the counts are a help, not the page: the list still shows
    }
  }

  render() {
    clear(this.rows);
    // Counts each drawing of the rows, so that a reader (or a test) can tell a refresh happened.
    this.rows.dataset.renders = String(Number(this.rows.dataset.renders || 0) + 1);
    if (this.jobs.length === 0) {
      this.rows.append(h("tr", {class: "empty"}, h("td", {colspan: 8}, "No jobs match.")));
    }
    const now = Date.now();
    for (const job of this.jobs) {
      this.rows.append(this.row(job, now));
    }
    this.root.querySelector("#older").disabled = !this.next;
    this.root.querySelector("#newer").disabled = this.cursors.length === 0;
    this.root.querySelector("#page-note").textContent = this.cursor === null
      ? `Newest ${this.jobs.length}, live` : `${this.jobs.length} older jobs`;
    this.renderSelection();
  }

  row(job, now) {
    const link = `#/jobs/${encodeURIComponent(job.jobId)}`;
    const total = job.succeeded + job.failed + job.pending;
    const select = this.access.canAct
      ? h("td", {class: "select"}, h("input", {type: "checkbox", "data-test": "select-job",
        "aria-label": `select ${job.caseId}`, checked: this.selected.has(job.jobId),
        onchange: e => this.select(job.jobId, e.target.checked)}))
      : null;
    const running = ACTIVE.includes(job.status);
    return h("tr", {"data-job-id": job.jobId, "data-case-id": job.caseId, "data-status": job.status,
      class: this.selected.has(job.jobId) ? "selected" : null},
      select,
      h("td", {}, badge(job.status)),
      h("td", {class: "case"}, h("a", {href: link, "data-test": "open-job"}, job.caseId)),
      h("td", {class: "progress-cell"}, progress(job.succeeded, job.failed, job.pending),
        h("span", {class: "progress-text"}, `${job.succeeded}/${total}`,
          job.failed > 0 ? h("span", {class: "failed-text"}, ` · ${job.failed} failed`) : null)),
      h("td", {class: "providers wide"}, (job.providers || []).join(", ")),
      h("td", {class: "age", title: job.createdAt}, age(job.createdAt, now)),
      h("td", {class: "duration wide"}, running ? h("span", {class: "muted"}, "running") : duration(job.durationMs)),
      h("td", {class: "cost wide"}, cost(job.cost)));
  }

  select(jobId, on) {
    if (on) {
      this.selected.add(jobId);
    } else {
      this.selected.delete(jobId);
    }
    this.rows.querySelector(`tr[data-job-id="${CSS.escape(jobId)}"]`)?.classList.toggle("selected", on);
    this.renderSelection();
  }

  selectAll(on) {
    this.selected = on ? new Set(this.jobs.map(job => job.jobId)) : new Set();
    this.render();
  }

  renderSelection() {
    const all = this.root.querySelector("#select-all");
    all.checked = this.jobs.length > 0 && this.selected.size === this.jobs.length;
    if (!this.access.canAct) {
      return;
    }
    const bulk = this.root.querySelector("#bulk");
    bulk.hidden = this.selected.size === 0;
    bulk.querySelector("#selected-count").textContent =
      `${this.selected.size} selected`;
  }

  /** One call per job, through the same endpoints as the job page; what each answered is told, refusals too. */
  async bulk(action) {
    notice(this.bulkResult, null);
    const ids = [...this.selected];
    const byId = new Map(this.jobs.map(job => [job.jobId, job]));
    const refused = [];
    let done = 0;
    for (const id of ids) {
      try {
        await post(jobPath(id, `/${action}`));
        done++;
      } catch (e) {
        refused.push(`${byId.get(id)?.caseId || id}: ${e.message}`);
      }
    }
    const verb = action === "retry" ? "Retried" : "Canceled";
    const message = `${verb} ${done} of ${ids.length}.` + (refused.length ? ` Refused: ${refused.join("; ")}` : "");
    this.selected.clear();
    await this.load();
    notice(this.bulkResult, message, refused.length ? "error" : "ok");
  }
}
