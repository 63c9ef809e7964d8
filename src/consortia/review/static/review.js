// The queue: filter, read, decide. Keyboard: a r t T e u j k o, Enter and Esc in the editor.
"use strict";

(() => {
  const { api, el, toast, evidence, endLabel, fillSelect, fillEnds, fits, typing } = Review;
  const $ = id => document.getElementById(id);
  const FILTERS = { type: "f-type", status: "f-status", doc: "f-doc", min_confidence: "f-min",
                    max_confidence: "f-max", sort: "f-sort" };
  const state = { summary: null, items: [], selected: -1, choices: new Map() };

  async function init() {
    state.summary = await api("/api/summary");
    const s = state.summary;
    $("source").title = `${s.output}; decisions in ${s.store}`;
    $("source").textContent = `${s.output.split(/[\\/]/).pop()} · reviewer ${s.reviewer}` +
      (s.stale ? ` · ${s.stale} earlier decision(s) match no relation of this output` : "");
    fillSelect($("f-type"), s.types, null, "all");
    fillSelect($("f-status"), s.statuses, null, "all");
    fillSelect($("f-doc"), s.documents.map(d => [d.sha256, `${d.doc_id} (${d.relations})`]), null, "all");
    const params = new URLSearchParams(location.search);
    for (const [name, id] of Object.entries(FILTERS)) if (params.has(name)) $(id).value = params.get(name);
    $("filters").addEventListener("change", () => load(true));
    $("filters").addEventListener("submit", event => { event.preventDefault(); load(true); });
    document.addEventListener("keydown", onKey);
    await load(false);
  }

  function query() {
    const params = new URLSearchParams();
    for (const [name, id] of Object.entries(FILTERS)) if ($(id).value !== "") params.set(name, $(id).value);
    return params;
  }

  async function load(fromFilters) {
    const params = query();
    history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
    let data;
    try {
      data = await api(`/api/relations?${params}`);
    } catch (error) {
      toast(error.message);
      return;
    }
    const keep = !fromFilters && state.items[state.selected] ? state.items[state.selected].id : null;
    state.items = data.items;
    counter(data);
    $("matching").textContent = `${data.matching} shown` +
      (data.matching > data.items.length ? ` (first ${data.items.length}: narrow the filters)` : "");
    $("queue").replaceChildren(...state.items.map(card));
    if (!state.items.length) $("queue").append(el("p", { className: "empty" }, "No relations match these filters."));
    // Resume: the first relation nobody has decided yet.
    let index = state.items.findIndex(it => it.id === keep);
    if (index < 0) index = state.items.findIndex(it => it.status === "pending");
    select(index < 0 ? 0 : index);
  }

  function counter(data) {
    $("reviewed").textContent = data.reviewed;
    $("total").textContent = data.total;
    $("progress").max = Math.max(data.total, 1);
    $("progress").value = data.reviewed;
  }

  function field(name, value, item) {
    const changed = item.changed.includes(name);
    const was = changed && item.original ? item.original[name] : undefined;
    return [el("dt", {}, name),
            el("dd", { className: changed ? "changed" : "", title: changed ? `was: ${was ?? "none"}` : "" },
               value ?? "—")];
  }

  function card(item) {
    const rel = item.relation;
    const node = el("article", { className: `card status-${item.status}`, id: `item-${item.id}`,
                                 dataset: { id: item.id } });
    node.append(el("div", { className: "card-head" },
      el("span", { className: "status" }, item.status),
      el("span", { className: `type${item.changed.includes("type") ? " changed" : ""}`,
                   title: item.changed.includes("type") ? `was: ${item.original.type}` : "" }, rel.type),
      el("span", { className: "conf", title: "confidence" }, rel.confidence.toFixed(2)),
      el("span", { className: "rule muted" }, rel.rule),
      el("a", { className: "doc-link", href: `/document/${item.doc_sha256}`, target: "_blank", rel: "noopener" },
         item.doc_id, item.title ? ` · ${item.title}` : "")));
    node.append(el("p", { className: "triple" }, endLabel(rel.head, "head"),
                   el("span", { className: "arrow" }, ` ${rel.type} → `), endLabel(rel.tail, "tail")));
    node.append(evidence(rel.evidence.text, item.marks));
    if (item.other_evidence.length) {
      const more = el("details", { className: "more" },
        el("summary", {}, `also stated in ${item.other_evidence.length} other passage(s)`));
      for (const ev of item.other_evidence) more.append(el("blockquote", { className: "evidence" }, ev.text));
      node.append(more);
    }
    const dl = el("dl", { className: "fields" });
    for (const name of ["role", "date", "purpose", "modality"]) dl.append(...field(name, rel[name], item));
    node.append(dl);
    if (item.decided_at) {
      node.append(el("p", { className: "decided muted" },
        `${item.status} by ${item.reviewer}, ${item.decided_at.replace("T", " ").slice(0, 19)} UTC`));
    }
    const actions = el("div", { className: "actions" });
    for (const [act, label, key] of [["accept", "Accept", "a"], ["reject", "Reject", "r"],
                                     ["type", "Next type", "t"], ["edit", "Edit", "e"], ["reset", "Undo", "u"]]) {
      actions.append(el("button", { type: "button", dataset: { act }, onclick: () => action(item.id, act) },
                        label, " ", el("kbd", {}, key)));
    }
    node.append(actions);
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
    if (scroll) node.scrollIntoView({ block: "nearest" });
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

  function action(id, act, step = 1) {
    const index = state.items.findIndex(it => it.id === id);
    if (index < 0) return;
    select(index, false);
    const item = state.items[index];
    if (act === "accept" || act === "reject") {
      select(index + 1);
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
    form.append(el("label", {}, "Type ", type), el("label", {}, "Head ", head), el("label", {}, "Tail ", tail),
                el("label", {}, "Role ", input("role", rel.role)), el("label", {}, "Date ", input("date", rel.date)),
                el("label", {}, "Purpose ", input("purpose", rel.purpose)), el("label", {}, "Modality ", modality),
                el("button", { type: "submit" }, "Save ", el("kbd", {}, "Enter")),
                el("button", { type: "button", onclick: () => form.remove() }, "Cancel ", el("kbd", {}, "Esc")));
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
      if (!Object.keys(changes).length) { form.remove(); return toast("nothing changed", "info"); }
      enqueue(() => send(item.id, { action: "correct", changes }));
    });
    form.addEventListener("keydown", event => {
      if (event.key === "Escape") { event.preventDefault(); form.remove(); }
      else if (event.key === "Enter" && event.target.tagName === "SELECT") { event.preventDefault(); form.requestSubmit(); }
    });
    node.querySelector(".actions").after(form);
    (rel.type === "holds_position" ? form.elements.role : type).focus();
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
    const item = state.items[state.selected];
    const keys = { j: () => select(state.selected + 1), k: () => select(state.selected - 1),
                   ArrowDown: () => select(state.selected + 1), ArrowUp: () => select(state.selected - 1) };
    if (keys[event.key]) { event.preventDefault(); return keys[event.key](); }
    if (!item) return;
    const acts = { a: "accept", r: "reject", t: "type", T: "type", e: "edit", u: "reset" };
    if (acts[event.key]) {
      event.preventDefault();
      return action(item.id, acts[event.key], event.key === "T" ? -1 : 1);
    }
    if (event.key === "o") { event.preventDefault(); window.open(`/document/${item.doc_sha256}`, "_blank", "noopener"); }
  }

  init().catch(error => toast(error.message));
})();
