// Messages beside each action: a success line, or the API's problem detail made readable.
// Each panel has its own live region (role="status"), so screen readers announce the outcome of
// the action that was just taken, next to where it was taken.

import { ApiError } from "./api.js";

/** Wraps a live-region element with ok / problem / clear. */
export function messenger(element) {
  return {
    clear() {
      element.replaceChildren();
      element.className = "message";
    },

    /** A short confirmation of what the action did. */
    ok(text) {
      element.className = "message ok";
      element.replaceChildren(text);
    },

    /**
     * An ApiError (a problem detail, or a network failure) as "Title (status): detail" with the
     * whole problem detail one click away; any other error by its message.
     */
    problem(error) {
      element.className = "message error";
      if (!(error instanceof ApiError)) {
        element.replaceChildren(strong("Error: "), String(error.message || error));
        return;
      }
      const status = error.status ? ` (${error.status})` : "";
      const line = document.createElement("span");
      line.className = "problem-line";
      line.append(strong(error.title + status), ": ", error.detail);
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = "problem details";
      const pre = document.createElement("pre");
      pre.textContent = JSON.stringify(error.problem, null, 2);
      details.append(summary, pre);
      element.replaceChildren(line, details);
    },
  };
}

/**
 * Runs `action` with the messenger cleared first and shows its error if it throws.
 * Returns true when the action succeeded.
 */
export async function attempt(messages, action) {
  messages.clear();
  try {
    await action();
    return true;
  } catch (error) {
    messages.problem(error);
    return false;
  }
}

/**
 * Messages are about the last action: one the user starts (a form sent, a button pressed) clears
 * those of earlier actions everywhere; what it shows follows.
 */
export function clearAll() {
  for (const region of document.querySelectorAll(".message")) {
    region.replaceChildren();
    region.className = "message";
  }
}

function strong(text) {
  const element = document.createElement("strong");
  element.textContent = text;
  return element;
}

// Capture phase: runs before the action's own handler, so that its message is the one left.
document.addEventListener("submit", clearAll, true);
document.addEventListener(
  "click",
  (event) => {
    if (event.target instanceof Element && event.target.closest("button:not([type=submit])")) {
      clearAll();
    }
  },
  true,
);
