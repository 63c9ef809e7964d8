// Shared by the queue and the document page. Everything from an article is put in the page
// with textContent or createTextNode, never as HTML; the one exception is the displaCy markup
// of a whole document, which the server escapes (see render.py).
"use strict";

const Review = (() => {
  async function api(path, options = {}) {
    const init = { headers: { Accept: "application/json" }, ...options };
    if (options.body !== undefined) {
      init.method = options.method || "POST";
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    const response = await fetch(path, init);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(data.detail || `${response.status} ${response.statusText}`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  // el("span", {className: "x", dataset: {id: 1}}, "text", child) builds an element.
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "dataset") Object.assign(node.dataset, value);
      else if (key in node) node[key] = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  let toastTimer = null;
  function toast(message, kind = "error") {
    const box = document.getElementById("toast");
    box.textContent = message;
    box.className = kind;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, 5000);
  }

  // The evidence sentence with the head and tail marked (marks are offsets into the text).
  function evidence(text, marks) {
    const box = el("blockquote", { className: "evidence" });
    let at = 0;
    for (const m of marks) {
      box.append(document.createTextNode(text.slice(at, m.start)));
      box.append(el("mark", { className: `end end-${m.end_of} ent-${m.label}` },
        text.slice(m.start, m.end), el("span", { className: "ent-label" }, `${m.label} · ${m.end_of}`)));
      at = m.end;
    }
    box.append(document.createTextNode(text.slice(at)));
    return box;
  }

  function endLabel(end, which) {
    return el("span", { className: `end-name end-${which}` }, end.canonical,
      el("span", { className: `ent-tag ent-${end.label}` }, end.label));
  }

  function fillSelect(select, values, current, blank) {
    select.replaceChildren();
    if (blank !== undefined) select.append(el("option", { value: "" }, blank));
    for (const v of values) {
      const [value, label] = Array.isArray(v) ? v : [v, v];
      select.append(el("option", { value, selected: value === current }, label));
    }
  }

  // Entity choices for a head/tail select: value is the entity id of its first mention.
  function fillEnds(select, choices, current, blank) {
    fillSelect(select, choices.map(c => [c.entity, `${c.canonical} (${c.label})`]), current, blank);
    if (current && !choices.some(c => c.entity === current)) select.value = "";
  }

  // Labels of ends that a relation type joins, from /api/summary's end_labels.
  function fits(endLabels, type, headLabel, tailLabel) {
    const [heads, tails] = endLabels[type];
    return heads.includes(headLabel) && tails.includes(tailLabel);
  }

  // A field whose keys are text (a select is not one: the page's keys work there).
  function typing(event) {
    const t = event.target;
    return (t instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(t.type)) ||
      t instanceof HTMLTextAreaElement || (t && t.isContentEditable);
  }

  return { api, el, toast, evidence, endLabel, fillSelect, fillEnds, fits, typing };
})();
