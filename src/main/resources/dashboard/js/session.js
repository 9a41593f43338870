// The pasted token, kept for this browser tab only (sessionStorage), and what its scopes let the page show. The
// page reads the scopes only to decide what to draw: the API checks every call on its own.

const KEY = "darkroom.dashboard.token";

export function storedToken() {
  return sessionStorage.getItem(KEY);
}

export function store(token) {
  sessionStorage.setItem(KEY, token);
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

/** The token's claims, or null when it is not a JWT. The signature is the server's to check. */
export function claims(token) {
  const parts = token.split(".");
  if (parts.length !== 3) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return null;
  }
}

/** What the page offers to a token: looking, acting, the operators' panels, or a single job (a poll token). */
export function access(token) {
  const found = claims(token);
  if (!found) {
    return {error: "This is not a token: paste the whole JWT the token command printed."};
  }
  if (typeof found.exp === "number" && found.exp * 1000 <= Date.now()) {
    return {error: "This token has expired: print a new one."};
  }
  const scopes = String(found.scope || "").split(" ").filter(Boolean);
  const has = scope => scopes.includes(scope);
  const oneJob = scopes.find(scope => scope.startsWith("job:"));
  const canOperate = has("ops:read");
  const canRead = canOperate || has("jobs:read");
  return {
    scopes,
    subject: found.sub || "",
    expiresAt: typeof found.exp === "number" ? new Date(found.exp * 1000) : null,
    canRead,
    canOperate,
    canAct: has("ops:write") || has("jobs:write"),
    onlyJob: !canRead && oneJob ? oneJob.slice("job:".length) : null,
  };
}
