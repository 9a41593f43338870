// The dashboard's entry: sign-in with a pasted token, then the view the address names (#/jobs, #/jobs/<id>,
// #/providers). A poll token (scope job:<id>) opens its one job and nothing else.

import {storedToken, store, forget, access} from "./session.js";
import {whenUnauthorized} from "./api.js";
import {notice} from "./dom.js";
import {JobsList} from "./jobs.js";
import {JobPage} from "./job.js";
import {ProvidersPanel} from "./providers.js";

const $ = selector => document.querySelector(selector);

let views = null;
const FAREWELL = "darkroom.dashboard.farewell";

function signIn(event) {
  event.preventDefault();
  const token = $("#token-input").value.trim().replace(/^Bearer\s+/i, "");
  const found = access(token);
  if (found.error) {
    notice($("#signin-notice"), found.error);
    return;
  }
  if (!found.canRead && !found.onlyJob) {
    notice($("#signin-notice"), `This token's scopes (${found.scopes.join(" ") || "none"}) read no job: `
      + "it needs ops:read, jobs:read or a job's poll token.");
    return;
  }
  store(token);
  $("#token-input").value = "";
  start();
}

/** Forgets the token and starts the page afresh, so nothing of the last session's views stays behind. */
function signOut(message) {
  stop();
  forget();
  sessionStorage.setItem(FAREWELL, message);
  location.reload();
}

function showSignIn(message) {
  document.body.dataset.signedIn = "false";
  $("#signin").hidden = false;
  $("#session").hidden = true;
  $("#nav").hidden = true;
  notice($("#signin-notice"), typeof message === "string" ? message : null);
  $("#token-input").focus();
}

function start() {
  const token = storedToken();
  const found = token ? access(token) : {error: null};
  if (!token || found.error) {
    forget();
    const farewell = sessionStorage.getItem(FAREWELL);
    sessionStorage.removeItem(FAREWELL);
    showSignIn(found.error || farewell);
    return;
  }
  document.body.dataset.signedIn = "true";
  document.body.dataset.canAct = String(found.canAct);
  $("#signin").hidden = true;
  $("#session").hidden = false;
  $("#who").textContent = found.onlyJob ? "one job (poll token)" : found.scopes.join(" ");
  $("#nav").hidden = !!found.onlyJob;
  $("#nav-providers").hidden = !found.canOperate;
  views = {
    access: found,
    jobs: found.onlyJob ? null : new JobsList($("#jobs-view"), found),
    job: new JobPage($("#job-view"), found),
    providers: found.canOperate ? new ProvidersPanel($("#providers-view")) : null,
    current: null,
  };
  route();
}

function stop() {
  if (views) {
    views.current?.hide();
    views = null;
  }
  for (const view of document.querySelectorAll(".view")) {
    view.hidden = true;
  }
}

function route() {
  if (!views) {
    return;
  }
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ""));
  let next;
  let jobId = null;
  if (views.access.onlyJob) {
    next = views.job;
    jobId = views.access.onlyJob;
  } else if (hash.startsWith("jobs/") && hash.length > "jobs/".length) {
    next = views.job;
    jobId = hash.slice("jobs/".length);
  } else if (hash === "providers" && views.providers) {
    next = views.providers;
  } else {
    next = views.jobs;
  }
  if (views.current && views.current !== next) {
    views.current.hide();
  }
  for (const link of document.querySelectorAll("#nav a")) {
    link.classList.toggle("current", link.dataset.view === (next === views.providers ? "providers" : "jobs"));
  }
  views.current = next;
  if (jobId !== null) {
    next.show(jobId);
  } else if (next.root.hidden) {
    next.show();
  }
}

$("#signin-form").addEventListener("submit", signIn);
$("#signout").addEventListener("click", () => signOut("Signed out."));
window.addEventListener("hashchange", route);
whenUnauthorized(message => signOut(message));
start();
