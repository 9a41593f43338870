// Every call to Darkroom's API goes through here with the pasted token as a bearer header. A 401 means the token
// is no longer good: the page signs out.

import {storedToken} from "./session.js";

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

let onUnauthorized = () => {};

export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function call(path, options = {}) {
  if (!storedToken()) {
    onUnauthorized("Signed out.");
    throw new ApiError(401, "signed out");
  }
  const headers = {Authorization: `Bearer ${storedToken()}`, ...(options.headers || {})};
  const response = await fetch(path, {...options, headers, cache: "no-store"});
  if (response.status === 401) {
    onUnauthorized("The server refused the token (401): sign in again.");
  }
  if (!response.ok) {
    throw new ApiError(response.status, await reason(response));
  }
  return response;
}

/** A problem's detail when the answer is one (RFC 9457), otherwise the status line. */
async function reason(response) {
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) {
    try {
      const problem = await response.json();
      return problem.detail || problem.title || `${response.status}`;
    } catch (e) {
      // not JSON after all: the status says enough
    }
  }
  return `${response.status} ${response.statusText}`.trim();
}

export async function getJson(path) {
  const response = await call(path, {headers: {Accept: "application/json"}});
  return response.json();
}

export async function post(path) {
  const response = await call(path, {method: "POST", headers: {Accept: "application/json"}});
  const type = response.headers.get("Content-Type") || "";
  return type.includes("json") ? response.json() : null;
}

/** An image as a blob: URL, since an img tag cannot send the bearer header. The caller revokes it. */
export async function imageUrl(path) {
  // No Accept of its own: the server matches media types exactly, and image/* names none it produces.
  const response = await call(path);
  return URL.createObjectURL(await response.blob());
}

/** A job's live events. EventSource cannot set headers, so the token rides in the query (the server allows it). */
export function events(jobId) {
  return new EventSource(`/v1/jobs/${encodeURIComponent(jobId)}/events?token=${encodeURIComponent(storedToken())}`);
}

export function jobPath(jobId, rest = "") {
  return `/v1/jobs/${encodeURIComponent(jobId)}${rest}`;
}
