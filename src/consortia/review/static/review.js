// The queue: filter, read, decide, a page at a time (the server filters and pages; see
// session.py). Relations of one sentence sit under it, the sentence shown once.
// Keys work everywhere except in text fields (Escape leaves a field) and in the edit form.
"use strict";

(() => {
  const { api, el, toast, evidence, endLabel, fillSelect, fillEnds, fits, typing } = Review;
  const $ = id => document.getElementById(id);
  const FILTERS = { type: "f-type", status: "f-status", doc: "f-doc", q: "f-q", min_confidence: "f-min",
                    max_confidence: "f-max", sort: "f-sort" };
  const state = { summary: null, items: [], selected: -1, choices: new Map(), offset: 0, matching: 0, limit: 50 };

  async function init() {
    state.summary = await api("/api/summary");
    const s = state.summary;
    $("source").title = `${s.output}; decisions in ${s.store}`;
    $("source").textContent = `${s.output.split(/[\\/]/).pop()} · ${s.documents} documents · reviewer ${s.reviewer}` +
      (s.stale ? ` · ${s.stale} earlier decision(s) match no relation of this output` : "");
    fillSelect($("f-type"), s.types, null, "all");
    fillSelect($("f-status"), s.statuses, null, "all");
    const params = new URLSearchParams(location.search);
    for (const [name, id] of Object.entries(FILTERS)) if (params.has(name)) $(id).value = params.get(name);
    $("filters").addEventListener("change", event => {
      if (event.target instanceof HTMLSelectElement) event.target.blur();  // keys go back to the queue
      load({ offset: 0, resume: true });
    });
    $("filters").addEventListener("submit", event => { event.preventDefault(); load({ offset: 0, resume: true }); });
    let timer = null;
    $("f-doc").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
    $("prev-page").addEventListener("click", () => page(-1));
    $("next-page").addEventListener("click", () => page(1));
    document.addEventListener("keydown", onKey);
    await load({ offset: Number(params.get("offset") || 0), resume: !params.has("offset") });
  }

  // The document filter: a search over doc ids and titles, 20 suggestions at a time.
  async function suggest() {
    const data = await api(`/api/documents?${new URLSearchParams({ q: $("f-doc").value, limit: 20 })}`);
    $("doc-list").replaceChildren(...data.documents.map(d =>
      el("option", { value: d.doc_id }, `${d.title || ""} (${d.relations})`)));
  }

  function query() {
    const params = new URLSearchParams();
    for (const [name, id] of Object.entries(FILTERS)) if ($(id).value.trim() !== "") params.set(name, $(id).value.trim());
    return params;
  }

  // Load a page: at `offset`, or (resume) the page of the first pending relation.
  async function load({ offset = state.offset, resume = false, select: want = null } = {}) {
    const params = query();
    const shown = new URLSearchParams(params);
    if (offset && !resume) shown.set("offset", offset);
    history.replaceState(null, "", shown.toString() ? `?${shown}` : location.pathname);
    params.set("offset", offset);
    params.set("limit", state.limit);
    if (resume) params.set("resume", "1");
    let data;
    try {
      data = await api(`/api/relations?${params}`);
    } catch (error) {
      toast(error.message);
      return;
    }
    state.items = data.items;
    state.loads = (state.loads || 0) + 1;
    $("queue").dataset.loads = state.loads;  // how many pages were shown (benchmarks wait on it)
    state.offset = data.offset;
    state.matching = data.matching;
    counter(data);
    render();
    let index = -1;
    if (want === "last") index = state.items.length - 1;
    else if (data.selected) index = state.items.findIndex(it => it.id === data.selected);
    if (index < 0 && want !== "first") index = state.items.findIndex(it => it.status === "pending");
    select(index < 0 ? 0 : index);
  }

  function page(step) {
    if (step > 0 && state.offset + state.items.length >= state.matching) return toast("this is the last page", "info");
    if (step < 0 && state.offset === 0) return toast("this is the first page", "info");
    const offset = step > 0 ? state.offset + state.items.length : Math.max(0, state.offset - state.limit);
    return load({ offset, select: step > 0 ? "first" : "last" });
  }

  function counter(data) {
    $("reviewed").textContent = data.reviewed;
    $("total").textContent = data.total;
    $("progress").max = Math.max(data.total, 1);
    $("progress").value = data.reviewed;
  }

  function sentenceKey(item) {
    const ev = item.relation.evidence;
    return `${item.doc_sha256}:${ev.start}:${ev.end}`;
  }

  function render() {
    const first = state.matching ? state.offset + 1 : 0;
    $("page-info").textContent = `${first}–${state.offset + state.items.length} of ${state.matching} matching`;
    $("matching").textContent = `${state.matching} matching`;
    const groups = [];
    for (const item of state.items) {
      const last = groups[groups.length - 1];
      if (last && last.key === sentenceKey(item)) last.items.push(item);
      else groups.push({ key: sentenceKey(item), items: [item] });
    }
    $("queue").replaceChildren(...groups.map(group));
    if (!state.items.length) $("queue").append(el("p", { className: "empty" }, "No relations match these filters."));
  }

  // One sentence: its document, the text once (every relation's ends marked), then its relations.
  function group({ key, items }) {
    const head = items[0];
    const marks = [];
    for (const item of items) {
      for (const m of item.marks) if (!marks.some(o => m.start < o.end && o.start < m.end)) marks.push(m);
    }
    marks.sort((a, b) => a.start - b.start);
    const ev = head.relation.evidence;
    const node = el("section", { className: "sentence", dataset: { key } },
      el("div", { className: "sentence-head" },
        el("a", { className: "doc-link", href: `/document/${head.doc_sha256}`, target: "_blank", rel: "noopener" },
           head.doc_id, head.title ? ` · ${head.title}` : ""),
        el("button", { type: "button", className: "accept-sentence", title: "accept every pending relation of this sentence",
                       onclick: () => acceptAll(head.doc_sha256, [ev.start, ev.end]) }, "Accept sentence ", el("kbd", {}, "A")),
        el("button", { type: "button", className: "accept-document", title: "accept every pending relation of this document",
                       onclick: () => acceptAll(head.doc_sha256, null) }, "Accept document")),
      evidence(ev.text, marks));
    node.append(...items.map(card));
    return node;
  }

  function field(name, value, item) {
    if (value === null || value === undefined || (name === "modality" && value === "asserted" && !item.changed.includes(name))) return null;
    const changed = item.changed.includes(name);
    const was = changed && item.original ? item.original[name] : undefined;
    return el("span", { className: `field${changed ? " changed" : ""}`, title: changed ? `was: ${was ?? "none"}` : "" },
              el("span", { className: "muted" }, `${name} `), value);
  }

  function card(item) {
    const rel = item.relation;
    const node = el("article", { className: `card status-${item.status}`, id: `item-${item.id}`,
                                 dataset: { id: item.id } });
    const row = el("div", { className: "card-row" },
      el("span", { className: "status" }, item.status),
      el("span", { className: `type${item.changed.includes("type") ? " changed" : ""}`,
                   title: item.changed.includes("type") ? `was: ${item.original.type}` : "" }, rel.type),
      el("span", { className: "triple" }, endLabel(rel.head, "head"), el("span", { className: "arrow" }, " → "),
         endLabel(rel.tail, "tail")),
      ...["role", "date", "purpose", "modality"].map(n => field(n, rel[n], item)),
      el("span", { className: "conf", title: `confidence; rule ${rel.rule}` }, rel.confidence.toFixed(2)));
    node.append(row);
    const extra = el("div", { className: "card-extra" });
    if (item.decided_at) {
      extra.append(el("span", { className: "decided muted" },
        `${item.status} by ${item.reviewer}, ${item.decided_at.replace("T", " ").slice(0, 16)} UTC`));
    }
    if (item.other_evidence.length) {
      const more = el("details", { className: "more" },
        el("summary", {}, `also stated in ${item.other_evidence.length} other passage(s)`));
      for (const ev of item.other_evidence) more.append(el("blockquote", { className: "evidence" }, ev.text));
      extra.append(more);
    }
    const actions = el("span", { className: "actions" });
    for (const [act, label, key] of [["accept", "Accept", "a"], ["reject", "Reject", "r"],
                                     ["type", "Type", "t"], ["edit", "Edit", "e"], ["reset", "Undo", "u"]]) {
      actions.append(el("button", { type: "button", dataset: { act }, onclick: () => action(item.id, act) },
                        label, " ", el("kbd", {}, key)));
    }
    extra.append(actions);
    node.append(extra);
    node.addEventListener("click", event => {
      if (!(event.target.closest("a, button, form, details"))) select(state.items.findIndex(it => it.id === item.id), false);
    });
    return node;
  }

  function select(index, scroll = true) {
    if (!state.items.length) { state.selected = -1; return; }
    index = Math.max(0, Math.min(index, state.items.length - 1));
    document.querySelectorAll(".card.selected").forEach(n => n.classList.remove("selected"));
    state.selected = index;
    const node = $(`item-${state.items[index].id}`);
    node.classList.add("selected");
    // CSS scroll-margin keeps it clear of the sticky header and the fixed key bar
    if (scroll) node.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    const next = state.selected + step;
    if (next >= state.items.length) return page(1);
    if (next < 0) return page(-1);
    return select(next);
  }

  function replace(item) {
    const index = state.items.findIndex(it => it.id === item.id);
    if (index < 0) return;
    state.items[index] = item;
    const node = card(item);
    $(`item-${item.id}`).replaceWith(node);
    if (index === state.selected) node.classList.add("selected");
  }

  // Decisions go to the server one after another, in the order they were made; the selection
  // moves on at once, so a reviewer can keep pressing keys while earlier ones are saved.
  let chain = Promise.resolve();
  function enqueue(job) {
    chain = chain.then(job).catch(error => toast(error.message));
    return chain;
  }

  async function send(id, body) {
    const data = await api(`/api/relations/${id}/decision`, { body });
    replace(data.item);
    counter(data);
  }

  function acceptAll(sha, sentence) {
    return enqueue(async () => {
      const data = await api(`/api/documents/${sha}/accept-all`, { body: sentence ? { sentence } : {} });
      data.items.forEach(replace);
      counter(data);
      toast(`${data.accepted} relation(s) accepted`, "info");
    });
  }

  function action(id, act, step = 1) {
    const index = state.items.findIndex(it => it.id === id);
    if (index < 0) return;
    select(index, false);
    const item = state.items[index];
    if (act === "accept" || act === "reject") {
      if (index + 1 < state.items.length) select(index + 1);
      return enqueue(() => send(id, { action: act }));
    }
    if (act === "reset") {
      if (item.added) return toast("an added relation cannot go back to the queue: reject it to withdraw it");
      return enqueue(() => send(id, { action: "reset" }));
    }
    if (act === "type") return enqueue(() => cycleType(id, step));
    if (act === "edit") return edit(item);
  }

  // t: the next relation type that joins these ends (the guideline's table), saved at once.
  function cycleType(id, step) {
    const rel = state.items.find(it => it.id === id).relation;  // as it stands after earlier keys
    const fitting = state.summary.types.filter(t => fits(state.summary.end_labels, t, rel.head.label, rel.tail.label));
    if (fitting.length < 2) return toast(`no other relation type joins ${rel.head.label} to ${rel.tail.label}`);
    const at = fitting.indexOf(rel.type);
    const next = fitting[(at + step + fitting.length) % fitting.length];
    return send(id, { action: "correct", changes: { type: next } });
  }

  async function choicesFor(sha) {
    if (!state.choices.has(sha)) state.choices.set(sha, (await api(`/api/documents/${sha}`)).choices);
    return state.choices.get(sha);
  }

  async function edit(item) {
    const node = $(`item-${item.id}`);
    if (node.querySelector("form.edit")) return node.querySelector("form.edit [name=type]").focus();
    let choices;
    try {
      choices = await choicesFor(item.doc_sha256);
    } catch (error) {
      return toast(error.message);
    }
    const rel = item.relation;
    const form = el("form", { className: "edit" });
    const type = el("select", { name: "type" });
    fillSelect(type, state.summary.types, rel.type);
    const head = el("select", { name: "head" });
    const tail = el("select", { name: "tail" });
    const ends = [...choices];
    for (const end of [rel.head, rel.tail]) {  // an end that is only part of a longer name
      if (!end.entity) ends.push({ entity: `name:${end.label}:${end.canonical}`, canonical: end.canonical, label: end.label });
    }
    fillEnds(head, ends, rel.head.entity || `name:${rel.head.label}:${rel.head.canonical}`);
    fillEnds(tail, ends, rel.tail.entity || `name:${rel.tail.label}:${rel.tail.canonical}`);
    const input = (name, value) => el("input", { name, value: value ?? "", autocomplete: "off" });
    const modality = el("select", { name: "modality" });
    fillSelect(modality, ["asserted", "planned", "negated"], rel.modality);
    const close = () => { form.remove(); select(state.selected); };
    form.append(el("label", {}, "Type ", type), el("label", {}, "Head ", head), el("label", {}, "Tail ", tail),
                el("label", {}, "Role ", input("role", rel.role)), el("label", {}, "Date ", input("date", rel.date)),
                el("label", {}, "Purpose ", input("purpose", rel.purpose)), el("label", {}, "Modality ", modality),
                el("button", { type: "submit" }, "Save ", el("kbd", {}, "Enter")),
                el("button", { type: "button", onclick: close }, "Cancel ", el("kbd", {}, "Esc")));
    form.addEventListener("submit", event => {
      event.preventDefault();
      const changes = {};
      if (type.value !== rel.type) changes.type = type.value;
      const endValue = (select, current) => {
        const v = select.value;
        if (v === (current.entity || `name:${current.label}:${current.canonical}`)) return undefined;
        if (v.startsWith("name:")) {
          const [, label, ...name] = v.split(":");
          return { canonical: name.join(":"), label };
        }
        return { entity: v };
      };
      const newHead = endValue(head, rel.head), newTail = endValue(tail, rel.tail);
      if (newHead) changes.head = newHead;
      if (newTail) changes.tail = newTail;
      for (const name of ["role", "date", "purpose"]) {
        const value = form.elements[name].value.trim();
        if (value !== (rel[name] ?? "")) changes[name] = value === "" ? null : value;
      }
      if (modality.value !== rel.modality) changes.modality = modality.value;
      if (!Object.keys(changes).length) { close(); return toast("nothing changed", "info"); }
      enqueue(() => send(item.id, { action: "correct", changes }));
    });
    form.addEventListener("keydown", event => {
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); close(); }
      else if (event.key === "Enter" && event.target.tagName === "SELECT") { event.preventDefault(); form.requestSubmit(); }
    });
    node.append(form);
    form.scrollIntoView({ block: "nearest" });
    (rel.type === "holds_position" ? form.elements.role : type).focus({ preventScroll: true });
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof Element && target.closest("form.edit")) return;  // the form has its own keys
    if (typing(event)) {  // a text field: its keys are text; Escape leaves it
      if (event.key === "Escape") { event.preventDefault(); target.blur(); }
      return;
    }
    if (event.key === "Escape" && target instanceof HTMLSelectElement) { target.blur(); return; }
    const item = state.items[state.selected];
    const keys = { j: () => move(1), k: () => move(-1), ArrowDown: () => move(1), ArrowUp: () => move(-1),
                   n: () => page(1), p: () => page(-1), "/": () => $("f-q").focus() };
    if (target instanceof HTMLSelectElement && event.key.startsWith("Arrow")) return;  // the select's own
    if (keys[event.key]) { event.preventDefault(); return keys[event.key](); }
    if (!item) return;
    if (event.key === "A") {
      event.preventDefault();
      const ev = item.relation.evidence;
      return acceptAll(item.doc_sha256, [ev.start, ev.end]);
    }
    const acts = { a: "accept", r: "reject", t: "type", T: "type", e: "edit", u: "reset" };
    if (acts[event.key]) {
      event.preventDefault();  // also keeps a focused filter select from jumping to an option
      if (target instanceof HTMLSelectElement) target.blur();
      return action(item.id, acts[event.key], event.key === "T" ? -1 : 1);
    }
    if (event.key === "o") { event.preventDefault(); window.open(`/document/${item.doc_sha256}`, "_blank", "noopener"); }
  }

  init().catch(error => toast(error.message));
})();
