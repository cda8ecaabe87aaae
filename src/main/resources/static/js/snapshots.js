// The snapshots panel: take one of the open memory, restore or delete the one picked, and diff it
// with another or with the memory now. The diff's ranges are highlighted in the hex view, and
// "Change ▶" / "◀ Change" move the cursor from one range to the next. The pickers also show the
// snapshots other clients take.

import * as api from "./api.js";
import { hexOffset } from "./format.js";
import { attempt, messenger } from "./messages.js";

/** How often the pickers are read again. */
const REFRESH_MS = 3000;

/**
 * @param {object} page memory(), cursor(), goTo(offset), markRanges(ranges), bytesChanged(),
 *     sizeChanged()
 */
export function bindSnapshots(page) {
  const form = document.querySelector("#snapshot-form");
  const messages = messenger(form.querySelector(".message"));
  const from = form.elements.from;
  const to = form.elements.to;
  let ranges = [];

  function label(snapshot, index) {
    const time = new Date(snapshot.createdAt).toLocaleTimeString();
    return `#${index + 1} v${snapshot.version} ${time}`;
  }

  /** Reads the open memory's snapshots into both pickers (keeping the picks that still exist). */
  async function reload() {
    const memory = page.memory();
    const snapshots = memory ? await api.listSnapshots(memory.id) : [];
    const picked = [from.value, to.value];
    from.replaceChildren(
      ...snapshots.map((s, i) => new Option(label(s, i), s.id)),
    );
    to.replaceChildren(
      new Option("the memory now", ""),
      ...snapshots.map((s, i) => new Option(label(s, i), s.id)),
    );
    if (snapshots.some((s) => s.id === picked[0])) from.value = picked[0];
    else if (snapshots.length > 0) from.value = snapshots[snapshots.length - 1].id;
    if (snapshots.some((s) => s.id === picked[1])) to.value = picked[1];
    return snapshots;
  }

  function chosen() {
    if (!from.value) throw new Error("Take a snapshot first.");
    return from.value;
  }

  async function take() {
    const taken = await api.takeSnapshot(page.memory().id);
    from.value = taken.id;
    const snapshots = await reload();
    from.value = taken.id;
    messages.ok(`Snapshot #${snapshots.length} taken at version ${taken.version}.`);
  }

  async function restore() {
    const id = chosen();
    const name = from.selectedOptions[0].textContent;
    await api.restoreSnapshot(page.memory().id, id);
    await page.sizeChanged();
    messages.ok(`Restored snapshot ${name}.`);
  }

  async function remove() {
    const id = chosen();
    const name = from.selectedOptions[0].textContent;
    await api.deleteSnapshot(page.memory().id, id);
    await reload();
    messages.ok(`Deleted snapshot ${name}.`);
  }

  async function diff() {
    const answer = await api.diff(page.memory().id, chosen(), to.value || null);
    ranges = answer.ranges;
    page.markRanges(ranges);
    const against = to.value ? to.selectedOptions[0].textContent : "now";
    if (ranges.length === 0) {
      messages.ok(`No byte differs between ${from.selectedOptions[0].textContent} and ${against}.`);
      return;
    }
    const more = answer.truncated ? " (more than listed)" : "";
    messages.ok(
      `${answer.changedBytes} bytes differ in ${ranges.length} ranges${more}; first at ` +
        `${hexOffset(ranges[0].offset)}.`,
    );
    await page.goTo(ranges[0].offset);
    page.markRanges(ranges);
  }

  async function step(forward) {
    if (ranges.length === 0) throw new Error("Run a diff first.");
    const cursor = page.cursor();
    const next = forward
      ? ranges.find((r) => r.offset > cursor)
      : [...ranges].reverse().find((r) => r.offset < cursor);
    if (!next) throw new Error(forward ? "No change after the cursor." : "No change before the cursor.");
    await page.goTo(next.offset);
    page.markRanges(ranges);
    messages.ok(`Change at ${hexOffset(next.offset)}: ${next.length} bytes.`);
  }

  const actions = {
    take,
    restore,
    delete: remove,
    diff,
    "next-change": () => step(true),
    "previous-change": () => step(false),
  };
  for (const button of form.querySelectorAll("[data-snapshot]")) {
    button.addEventListener("click", () => attempt(messages, actions[button.dataset.snapshot]));
  }

  // Other clients take and delete snapshots too, and no event says so: the pickers follow within a
  // few seconds, while the page is shown and neither picker is in use.
  setInterval(() => {
    const busy = document.activeElement === from || document.activeElement === to;
    if (document.visibilityState === "visible" && page.memory() && !busy) {
      reload().catch(() => {}); // the next round tries again; actions report their own failures
    }
  }, REFRESH_MS);

  return {
    /** Another memory was opened: its snapshots, and no diff. */
    async opened() {
      ranges = [];
      await attempt(messages, reload);
    },
  };
}
