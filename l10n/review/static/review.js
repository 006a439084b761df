// l10n review: actions, keyboard, filters. No framework; the server renders every piece of HTML (escaped).
"use strict";
(function () {
  const token = document.querySelector('meta[name="review-token"]').content;
  const api = document.body.dataset.api;
  if (!api) return;  // the index page
  const status = document.getElementById("status");

  function say(text, error) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(error));
  }
  function all() { return Array.from(document.querySelectorAll(".segment")); }
  function visible() { return all().filter((s) => !s.hidden); }
  function segmentOf(el) { return el && el.closest ? el.closest(".segment") : null; }

  function focusSegment(seg) {
    if (!seg) return;
    document.querySelectorAll(".segment.current").forEach((s) => s.classList.remove("current"));
    seg.classList.add("current");
    const box = seg.querySelector("textarea");
    (box || seg).focus({ preventScroll: true });
    seg.scrollIntoView({ block: "center" });
  }
  function move(seg, step) {
    const list = visible();
    const i = list.indexOf(seg);
    const next = list[i < 0 ? 0 : i + step];
    if (next) focusSegment(next);
  }
  function nextUnreviewed(seg) {
    // In page order after ``seg`` (which a filter may just have hidden: it is reviewed now), then from the top.
    const list = all();
    const i = list.indexOf(seg);
    const order = list.slice(i + 1).concat(list.slice(0, Math.max(i, 0)));
    return order.find((s) => !s.hidden && s.dataset.state !== "reviewed" && s.querySelector("textarea"));
  }

  function showProgress(p) {
    const fill = document.getElementById("progress-fill");
    fill.className = "w" + Math.floor(p.percent / 5) * 5;
    fill.parentElement.setAttribute("aria-valuenow", p.reviewed);
    document.getElementById("progress-text").textContent = p.reviewed + " of " + p.total + " reviewed";
    document.getElementById("counts").textContent =
      p.counts.draft + " draft · " + p.counts.stale + " stale · " + p.counts.untranslated + " untranslated";
  }

  async function act(seg, action) {
    const box = seg.querySelector("textarea");
    const body = { action: action, msgid: seg.dataset.msgid, text: box ? box.value : "", base: seg.dataset.base };
    let response, data;
    try {
      response = await fetch(api, {
        method: "POST", credentials: "same-origin", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "X-Review-Token": token },
      });
      data = await response.json();
    } catch (err) {
      say("The review server does not answer (stopped?): " + err, true);
      return null;
    }
    if (!response.ok) {
      say(data.error || ("error " + response.status), true);
      if (response.status === 409 && data.theirs) showTheirs(seg, data.theirs);
      return null;
    }
    const holder = document.createElement("template");
    holder.innerHTML = data.html;
    const fresh = holder.content.firstElementChild;
    const wasCurrent = seg.classList.contains("current");
    seg.replaceWith(fresh);
    if (wasCurrent) fresh.classList.add("current");
    showProgress(data.progress);
    applyFilters();
    refreshPreview();
    say({ save: "Saved (draft)", approve: "Approved", revert: "Machine draft restored" }[action] +
        " · " + fresh.dataset.msgid.slice(0, 60));
    return fresh;
  }

  // A refused action: the reviewer's text stays in the box; the version on disk is shown under it, with
  // "Use theirs". The page now rests on that version: acting again overwrites it knowingly.
  function showTheirs(seg, theirs) {
    let box = seg.querySelector(".conflict");
    if (!box) {
      box = document.createElement("div");
      box.className = "detail conflict";
      const buttons = seg.querySelector(".buttons");
      buttons.parentNode.insertBefore(box, buttons.nextSibling);
    }
    box.replaceChildren();
    const label = document.createElement("span");
    label.className = "label";
    label.textContent = "Saved elsewhere (" + theirs.state + ")";
    const text = document.createElement("span");
    text.className = "theirs-text";
    text.textContent = theirs.translation || "(empty)";
    const use = document.createElement("button");
    use.type = "button";
    use.className = "small";
    use.dataset.action = "use";
    use.dataset.text = theirs.translation;
    use.textContent = "Use theirs";
    const hint = document.createElement("span");
    hint.className = "muted";
    hint.textContent = " · or save / approve again to replace it with yours";
    box.append(label, " ", text, " ", use, hint);
    seg.dataset.base = theirs.base;
  }

  function refreshPreview() {
    const frame = document.getElementById("preview-frame");
    if (frame) frame.src = frame.src;
  }

  function applyFilters() {
    const unreviewed = document.getElementById("filter-unreviewed").checked;
    const stale = document.getElementById("filter-stale").checked;
    const findings = document.getElementById("filter-findings").checked;
    const filtering = unreviewed || stale || findings;
    all().forEach((s) => {
      const show = (!unreviewed || s.dataset.state !== "reviewed") && (!stale || s.dataset.state === "stale") &&
        (!findings || Number(s.dataset.findings) > 0);
      s.hidden = !show;
    });
    document.querySelectorAll(".repeat").forEach((r) => { r.hidden = filtering; });
    document.querySelectorAll(".block").forEach((b) => {
      b.hidden = !b.querySelector(".segment:not([hidden]), .repeat:not([hidden])");
    });
    const empty = document.getElementById("filter-empty");
    if (empty) empty.hidden = !(filtering && all().length && !visible().length);
  }
  ["filter-unreviewed", "filter-stale", "filter-findings"].forEach((id) =>
    document.getElementById(id).addEventListener("change", applyFilters));

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const seg = segmentOf(button);
    if (!seg) return;
    if (button.dataset.action === "use") {
      const box = seg.querySelector("textarea");
      box.value = button.dataset.text;
      seg.classList.add("dirty");
      focusSegment(seg);
      return;
    }
    const fresh = await act(seg, button.dataset.action);
    if (fresh) focusSegment(fresh);
  });

  document.addEventListener("input", (event) => {
    const seg = segmentOf(event.target);
    if (seg && event.target.matches("textarea")) seg.classList.add("dirty");
  });

  window.addEventListener("beforeunload", (event) => {
    if (document.querySelector(".segment.dirty")) event.preventDefault();
  });

  document.addEventListener("focusin", (event) => {
    const seg = segmentOf(event.target);
    if (seg && !seg.classList.contains("current")) {
      document.querySelectorAll(".segment.current").forEach((s) => s.classList.remove("current"));
      seg.classList.add("current");
    }
  });

  document.addEventListener("keydown", async (event) => {
    const seg = segmentOf(document.activeElement) || document.querySelector(".segment.current");
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      if (!seg || !seg.querySelector("textarea")) return;
      event.preventDefault();
      const fresh = await act(seg, "approve");
      if (!fresh) return;
      const next = nextUnreviewed(fresh);
      if (next) focusSegment(next); else { focusSegment(fresh); say("Approved · every segment is reviewed"); }
    } else if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      if (!seg) { focusSegment(visible()[0]); return; }
      move(seg, event.key === "ArrowDown" ? 1 : -1);
    } else if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")) {
      if (!seg || !seg.querySelector("textarea")) return;
      event.preventDefault();
      const fresh = await act(seg, "save");
      if (fresh) focusSegment(fresh);
    }
  });

  applyFilters();
  const first = all().find((s) => s.dataset.state !== "reviewed" && s.querySelector("textarea"));
  if (first) focusSegment(first);
})();
