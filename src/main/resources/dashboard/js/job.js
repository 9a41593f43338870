// One job: its contact sheet (a card per image, filled in live from the job's event stream), its summary and
// timeline, and the operator's buttons. Images are fetched with the token and shown from blob: URLs.

import {getJson, post, imageUrl, events, jobPath, ApiError} from "./api.js";
import {h, clear, badge, progress, clock, cost, duration, notice, ACTIVE, ENDED} from "./dom.js";

export class JobPage {
  constructor(root, access) {
    this.root = root;
    this.access = access;
    this.sheet = root.querySelector("#contact-sheet");
    this.timeline = root.querySelector("#timeline");
    this.notice = root.querySelector("#job-notice");
    this.pictures = new Map();   // imageId -> blob: URL, or a promise of one
    this.stream = null;
    this.view = null;
    this.timelineDue = null;
    root.querySelector("#back-to-list").hidden = !!access.onlyJob;
  }

  async show(jobId) {
    this.hide();
    this.jobId = jobId;
    this.root.hidden = false;
    clear(this.sheet);
    clear(this.timeline);
    notice(this.notice, null);
    this.root.querySelector("#job-case").textContent = "…";
    try {
      this.render(await getJson(jobPath(jobId)));
    } catch (e) {
      this.root.querySelector("#job-case").textContent = "Job not shown";
      notice(this.notice, e instanceof ApiError && e.status === 404 ? `There is no job ${jobId}.`
        : `The job could not be read: ${e.message}`);
      return;
    }
    this.listen();
    this.loadTimeline();
  }

  hide() {
    this.root.hidden = true;
    this.stopListening();
    clearTimeout(this.timelineDue);
    for (const picture of this.pictures.values()) {
      if (typeof picture === "string") {
        URL.revokeObjectURL(picture);
      }
    }
    this.pictures.clear();
    this.view = null;
  }

  listen() {
    this.stopListening();
    const stream = events(this.jobId);
    this.stream = stream;
    stream.addEventListener("job.status", e => this.onStatus(JSON.parse(e.data)));
    stream.addEventListener("image.succeeded", e => this.onImage(JSON.parse(e.data), "succeeded"));
    stream.addEventListener("image.failed", e => this.onImage(JSON.parse(e.data), "failed"));
    // A new attempt sends the images not done out again: the view says which are open now.
    stream.addEventListener("job.attempt", () => this.refresh());
    stream.addEventListener("job.finished", () => this.onFinished());
    this.root.querySelector("#live").hidden = false;
  }

  stopListening() {
    if (this.stream) {
      this.stream.close();
      this.stream = null;
    }
    this.root.querySelector("#live").hidden = true;
  }

  onStatus(event) {
    if (!this.view) {
      return;
    }
    // A retry reopens images: the view says which, so it is read again rather than guessed.
    if (event.status === "pending" || (ENDED.includes(this.view.status) && ACTIVE.includes(event.status))) {
      this.refresh();
      return;
    }
    this.view.status = event.status;
    this.view.attempt = event.attempt ?? this.view.attempt;
    this.renderHead();
    this.dueTimeline();
  }

  onImage(event, status) {
    if (!this.view) {
      return;
    }
    const image = this.view.images.find(i => i.id === event.imageId);
    if (!image) {
      return;
    }
    if (image.status === "succeeded" && status === "failed") {
      return; // an earlier attempt's failure replayed from the history; the image is stored since
    }
    image.status = status;
    if (status === "succeeded") {
      image.url = event.url;
      image.provider = event.provider;
      image.error = null;
    } else {
      image.error = {code: event.code, message: event.message};
    }
    this.recount();
    this.renderHead();
    this.sheet.querySelector(`[data-image-id="${CSS.escape(image.id)}"]`)?.replaceWith(this.card(image));
    this.dueTimeline();
  }

  /** The stream replays earlier attempts' ends too: the view read afresh says whether this one is the last. */
  async onFinished() {
    const view = await this.refresh();
    if (view && ENDED.includes(view.status)) {
      this.stopListening();
    }
  }

  async refresh() {
    try {
      const view = await getJson(jobPath(this.jobId));
      if (view.jobId === this.jobId) {
        this.render(view);
        this.dueTimeline();
      }
      return view;
    } catch (e) {
      notice(this.notice, `The job could not be read: ${e.message}`);
      return null;
    }
  }

  recount() {
    const images = this.view.images;
    const succeeded = images.filter(i => i.status === "succeeded").length;
    const failed = images.filter(i => i.status === "failed").length;
    this.view.counts = {total: images.length, succeeded, failed, pending: images.length - succeeded - failed};
  }

  render(view) {
    this.view = view;
    this.renderHead();
    const cards = view.images.map(image => this.card(image));
    this.sheet.replaceChildren(...cards);
  }

  renderHead() {
    const view = this.view;
    this.root.dataset.status = view.status;
    this.root.querySelector("#job-case").textContent = view.caseId;
    this.root.querySelector("#job-id").textContent = `job ${view.jobId}`;
    clear(this.root.querySelector("#job-status")).append(badge(view.status));
    const counts = view.counts;
    const facts = [
      ["Images", `${counts.succeeded} of ${counts.total} stored` + (counts.failed ? `, ${counts.failed} failed` : "")
        + (counts.pending ? `, ${counts.pending} to come` : "")],
      ["Attempt", String(view.attempt)],
      ["Cost", cost(view.costEstimate)],
      ["Created", clock(view.createdAt)],
      ["Finished", view.finishedAt ? `${clock(view.finishedAt)} (${duration(Date.parse(view.finishedAt)
        - Date.parse(view.createdAt))})` : "—"],
    ];
    if (view.queuePosition !== undefined && view.queuePosition !== null) {
      facts.push(["Queue", `#${view.queuePosition}`]);
    }
    if (view.callback) {
      facts.push(["Callback", `${view.callback.status}, ${view.callback.attempts.length} attempt(s)`]);
    }
    const summary = clear(this.root.querySelector("#job-summary"));
    summary.append(progress(counts.succeeded, counts.failed, counts.pending),
      h("dl", {class: "facts"}, facts.map(([name, value]) => h("div", {"data-test": `fact-${name.toLowerCase()}`},
        h("dt", {}, name), h("dd", {}, value)))));
    if (view.failureReason) {
      summary.append(h("p", {class: "failure", "data-test": "failure-reason"}, view.failureReason));
    }
    this.renderActions();
  }

  renderActions() {
    const actions = clear(this.root.querySelector("#job-actions"));
    if (!this.access.canAct) {
      return;
    }
    const view = this.view;
    const ended = ENDED.includes(view.status);
    const missing = view.counts.total - view.counts.succeeded;
    actions.append(
      h("button", {id: "retry-job", type: "button", class: "primary", disabled: !ended || missing === 0,
        title: "Make again only the images that are not stored", onclick: () => this.act("retry")},
      missing > 0 && ended ? `Retry ${missing} missing` : "Retry"),
      h("button", {id: "cancel-job", type: "button", class: "danger", disabled: ended,
        title: "Stop the job; images not made fail as canceled", onclick: () => this.act("cancel")}, "Cancel"));
    if (view.callback) {
      actions.append(h("button", {id: "redeliver-callback", type: "button", disabled: !ended,
        title: "Send the completion callback again", onclick: () => this.act("callback/redeliver")},
      "Redeliver callback"));
    }
  }

  async act(action) {
    notice(this.notice, null);
    for (const button of this.root.querySelectorAll("#job-actions button")) {
      button.disabled = true;
    }
    try {
      const view = await post(jobPath(this.jobId, `/${action}`));
      if (view && view.jobId === this.jobId) {
        this.render(view);
      }
      const told = {retry: "Retry started: the missing images are being made again.", cancel: "The job is canceled.",
        "callback/redeliver": "The callback is due again."};
      notice(this.notice, told[action], "ok");
      if (action === "retry" && !this.stream) {
        this.listen();
      }
      this.dueTimeline();
    } catch (e) {
      notice(this.notice, `Refused: ${e.message}`);
      this.renderActions();
    }
  }

  card(image) {
    const body = [
      h("div", {class: "card-name", title: image.name}, image.name),
      h("div", {class: "card-meta"}, badge(image.status), h("span", {}, `${image.kind} · ${image.id}`),
        image.provider ? h("span", {"data-test": "image-provider"}, image.provider) : null,
        image.attempts !== undefined ? h("span", {"data-test": "image-attempts"}, `${image.attempts} tries`) : null),
    ];
    if (image.error) {
      body.push(h("div", {class: "card-error", "data-test": "image-error"},
        h("code", {"data-test": "image-error-code"}, image.error.code),
        h("span", {"data-test": "image-error-message"}, image.error.message)));
    }
    return h("li", {class: `card status-${image.status}`, "data-image-id": image.id, "data-status": image.status},
      this.thumb(image), h("div", {class: "card-body"}, body));
  }

  thumb(image) {
    const frame = h("div", {class: "thumb"});
    if (image.status !== "succeeded" || !image.url) {
      frame.append(h("span", {class: "thumb-placeholder"}, image.status === "failed" ? "✕" : "…"));
      return frame;
    }
    const img = h("img", {alt: image.name, "data-test": "thumbnail"});
    frame.append(img);
    const known = this.pictures.get(image.id);
    if (typeof known === "string") {
      img.src = known;
      return frame;
    }
    const loading = known || imageUrl(image.url).then(url => {
      this.pictures.set(image.id, url);
      return url;
    });
    this.pictures.set(image.id, loading);
    loading.then(url => {
      img.src = url;
    }, () => {
      this.pictures.delete(image.id);
      frame.replaceChildren(h("span", {class: "thumb-placeholder"}, "?"));
    });
    return frame;
  }

  dueTimeline() {
    clearTimeout(this.timelineDue);
    this.timelineDue = setTimeout(() => this.loadTimeline(), 400);
  }

  async loadTimeline() {
    const jobId = this.jobId;
    try {
      const answer = await getJson(jobPath(jobId, "/timeline"));
      if (jobId !== this.jobId) {
        return;
      }
      const entries = answer.entries || [];
      this.timeline.replaceChildren(...entries.map(entry => h("li", {"data-kind": entry.kind},
        h("time", {datetime: entry.at, title: entry.at}, clock(entry.at)),
        h("span", {class: "kind"}, entry.kind),
        h("span", {class: "detail"}, entry.detail || ""))));
      if (entries.length === 0) {
        this.timeline.append(h("li", {class: "muted"}, "Nothing recorded yet."));
      }
    } catch (e) {
      this.timeline.replaceChildren(h("li", {class: "muted"}, `The timeline could not be read: ${e.message}`));
    }
  }
}
