// The query page: examples from the named-query catalogue, the editor, results as a table or a chart.
// Every value from the server is shown with textContent, never parsed as markup.

import { highlight } from "./highlight.js";

const $ = (id) => document.getElementById(id);
const editor = $("query");
const state = { catalogue: null, named: null, columns: [], rows: [] };

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function status(message, error = false) {
  $("status").textContent = message;
  $("status").classList.toggle("error", error);
}

function redraw() {
  highlight(editor.value, $("highlight"));
  $("highlight").scrollTop = editor.scrollTop;
  const edited = state.named !== null && editor.value !== state.named.text;
  $("edited").hidden = !edited;
  for (const input of $("params").querySelectorAll("input")) input.disabled = edited;
}

function showParams(q) {
  const form = $("params");
  form.replaceChildren();
  $("description").textContent = q ? q.description : "Write any SPARQL 1.1 query. The default graph is " +
    "the union of every document's graph.";
  for (const p of q ? q.params : []) {
    const label = element("label", `${p.name} `);
    label.append(element("span", `(${p.type}) ${p.help}`, { class: "help" }));
    const type = p.type === "date" ? "date" : p.type === "integer" ? "number" : "text";
    label.append(element("input", undefined, { name: p.name, type }));
    form.append(label);
  }
}

function choose(name, values = {}) {
  state.named = state.catalogue.queries.find((q) => q.name === name) || null;
  $("examples").value = state.named ? name : "";
  showParams(state.named);
  if (state.named) editor.value = state.named.text;
  for (const input of $("params").querySelectorAll("input")) input.value = values[input.name] || "";
  redraw();
}

function paramValues() {
  const values = new URLSearchParams();
  for (const input of $("params").querySelectorAll("input")) {
    if (input.value.trim()) values.set(input.name, input.value.trim());
  }
  return values;
}

/** Where the current query runs: the named query's URL while unedited, else /sparql. */
function target() {
  if (state.named && editor.value === state.named.text) {
    const params = paramValues();
    const url = (ext) => `/query/${encodeURIComponent(state.named.name)}.${ext}?${params}`;
    const link = new URLSearchParams({ name: state.named.name });
    for (const [k, v] of params) link.set(k, v);
    return { fetch: url("json"), download: (f) => url(f), link: `/?${link}`, named: true };
  }
  const q = new URLSearchParams({ query: editor.value });
  return { fetch: `/sparql?${q}`, download: (f) => `/sparql?${q}&format=${f}`, link: `/?${q}`,
           named: false };
}

/** Point the two download buttons at the result in `formats`: [[format, label, file name], …]. */
function downloads(where, formats) {
  [["download-csv", formats[0]], ["download-json", formats[1]]].forEach(([id, [format, label, file]]) => {
    $(id).href = where.download(format);
    $(id).textContent = `Download ${label}`;
    $(id).download = file;
    $(id).hidden = false;
  });
  $("permalink").href = where.link;
  $("permalink").hidden = false;
}

async function run() {
  const where = target();
  delete document.body.dataset.rows;
  status("Running…");
  const started = performance.now();
  let response;
  try {
    response = await fetch(where.fetch, {
      headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" } });
  } catch (err) {
    status(`The server did not answer: ${err}`, true);
    return;
  }
  const body = await response.text();
  if (!response.ok) {
    status(`${response.status} ${response.statusText}: ${body}`, true);
    return;
  }
  history.replaceState(null, "", where.link);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const limit = response.headers.get("X-SPARQL-MaxRows");
  const cut = limit ? `; cut at the server's limit of ${limit} rows` : "";
  const type = response.headers.get("Content-Type") || "";
  if (type.startsWith("text/turtle")) {
    downloads(where, [["turtle", "Turtle", "results.ttl"], ["jsonld", "JSON-LD", "results.jsonld"]]);
    showGraph(body);
    status(`A graph, in Turtle (${seconds} s${cut}).`);
    return;
  }
  downloads(where, [["csv", "CSV", "results.csv"], ["json", "JSON", "results.json"]]);
  const data = JSON.parse(body);
  if (where.named) {
    const keys = data.length ? Object.keys(data[0]) : state.named.columns;
    showRows(keys, data.map((row) => keys.map((k) => row[k] ?? "")));
  } else if ("boolean" in data) {
    showRows(["answer"], [[String(data.boolean)]]);
  } else {
    const vars = data.head.vars;
    showRows(vars, data.results.bindings.map((b) => vars.map((v) => (b[v] ? b[v].value : ""))));
  }
  status(`${state.rows.length} row${state.rows.length === 1 ? "" : "s"} in ${seconds} s${cut}.`);
}

function showGraph(text) {
  state.columns = [];
  state.rows = [];
  $("table").replaceChildren(element("pre", text, { class: "graph" }));
  setChartable();
  selectTab("table");
}

function showRows(columns, rows) {
  state.columns = columns;
  state.rows = rows;
  const table = element("table");
  const head = element("tr");
  for (const c of columns) head.append(element("th", c, { scope: "col" }));
  const thead = element("thead");
  thead.append(head);
  table.append(thead);
  const body = element("tbody");
  for (const row of rows.slice(0, 5000)) {
    const tr = element("tr");
    for (const cell of row) tr.append(element("td", cell));
    body.append(tr);
  }
  table.append(body);
  $("table").replaceChildren(table);
  if (rows.length > 5000) $("table").append(element("p", `The first 5,000 of ${rows.length} rows are ` +
    "shown; the downloads have them all."));
  setChartable();
  drawChart();
  document.body.dataset.rows = String(rows.length);
}

const isNumber = (v) => v !== "" && Number.isFinite(Number(v));

/** Columns that hold numbers in every row (empty cells aside), and the others. */
function columnKinds() {
  const numeric = state.columns.filter((_, i) =>
    state.rows.length > 0 && state.rows.every((r) => r[i] === "" || isNumber(r[i])) &&
    state.rows.some((r) => r[i] !== ""));
  return { numeric, labels: state.columns.filter((c) => !numeric.includes(c)) };
}

/** Of the label columns, the one whose values repeat most (a result's natural grouping). */
function groupingColumn(labels) {
  let best = labels[0] || "", most = 0;
  for (const c of labels) {
    const i = state.columns.indexOf(c);
    const distinct = new Set(state.rows.map((r) => r[i])).size;
    const repeats = distinct > 1 ? state.rows.length / distinct : 0;
    if (repeats > most) [best, most] = [c, repeats];
  }
  return best;
}

function setChartable() {
  const { numeric, labels } = columnKinds();
  const fill = (select, options) => select.replaceChildren(...options.map(([v, t]) => {
    const option = element("option", t);
    option.value = v;
    return option;
  }));
  fill($("chart-label"), labels.map((c) => [c, c]));
  $("chart-label").value = groupingColumn(labels);
  fill($("chart-value"), [...numeric.map((c) => [c, c]), ["", "number of rows"]]);
  const chartable = state.rows.length > 0 && labels.length > 0;
  $("tab-chart").disabled = !chartable;
  if (!chartable) selectTab("table");
}

/** A horizontal bar chart: the chosen value (or the number of rows) per label, the largest 40. */
function drawChart() {
  const area = $("chart-area");
  const li = state.columns.indexOf($("chart-label").value);
  const vi = state.columns.indexOf($("chart-value").value);
  if (li < 0) {
    area.replaceChildren();
    return;
  }
  const totals = new Map();
  for (const row of state.rows) {
    const add = vi >= 0 ? Number(row[vi]) || 0 : 1;
    totals.set(row[li], (totals.get(row[li]) || 0) + add);
  }
  const bars = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 40);
  const max = Math.max(...bars.map((b) => b[1]), 1);
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  const rowHeight = 20, labelWidth = 260, barWidth = 480;
  svg.setAttribute("width", String(labelWidth + barWidth + 60));
  svg.setAttribute("height", String(bars.length * rowHeight + 10));
  svg.setAttribute("role", "img");
  bars.forEach(([label, value], i) => {
    const y = i * rowHeight + 5;
    const name = document.createElementNS(NS, "text");
    name.setAttribute("x", String(labelWidth - 6));
    name.setAttribute("y", String(y + 13));
    name.setAttribute("text-anchor", "end");
    name.textContent = label.length > 40 ? `${label.slice(0, 39)}…` : label || "(empty)";
    const bar = document.createElementNS(NS, "rect");
    bar.setAttribute("x", String(labelWidth));
    bar.setAttribute("y", String(y + 2));
    bar.setAttribute("height", String(rowHeight - 6));
    bar.setAttribute("width", String(Math.max(1, (value / max) * barWidth)));
    const title = document.createElementNS(NS, "title");
    title.textContent = `${label}: ${value}`;
    bar.append(title);
    const number = document.createElementNS(NS, "text");
    number.setAttribute("x", String(labelWidth + (value / max) * barWidth + 4));
    number.setAttribute("y", String(y + 13));
    number.textContent = String(value);
    svg.append(name, bar, number);
  });
  area.replaceChildren(svg);
  if (totals.size > bars.length) area.append(element("p", `The largest 40 of ${totals.size}.`));
}

function selectTab(which) {
  for (const name of ["table", "chart"]) {
    $(`tab-${name}`).setAttribute("aria-selected", String(name === which));
    $(name).hidden = name !== which;
  }
}

function addPrefixes() {
  const missing = state.catalogue.prefixes.split("\n").filter((line) => {
    const m = line.match(/^PREFIX\s+([\w-]*):/);
    return m && !new RegExp(`PREFIX\\s+${m[1]}:`, "i").test(editor.value);
  });
  if (missing.length) editor.value = `${missing.join("\n")}\n${editor.value}`;
  redraw();
}

async function start() {
  const response = await fetch("/catalogue.json");
  state.catalogue = await response.json();
  for (const q of state.catalogue.queries) {
    const option = element("option", `${q.name} — ${q.description}`);
    option.value = q.name;
    $("examples").append(option);
  }
  $("examples").addEventListener("change", () => choose($("examples").value));
  editor.addEventListener("input", redraw);
  editor.addEventListener("scroll", () => { $("highlight").scrollTop = editor.scrollTop; });
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  $("params").addEventListener("submit", (e) => { e.preventDefault(); run(); });
  $("run").addEventListener("click", run);
  $("add-prefixes").addEventListener("click", addPrefixes);
  $("tab-table").addEventListener("click", () => selectTab("table"));
  $("tab-chart").addEventListener("click", () => { selectTab("chart"); drawChart(); });
  $("chart-label").addEventListener("change", drawChart);
  $("chart-value").addEventListener("change", drawChart);

  const asked = new URLSearchParams(location.search);
  if (asked.has("name")) {
    const values = Object.fromEntries([...asked].filter(([k]) => k !== "name"));
    choose(asked.get("name"), values);
    if (state.named) run();
  } else if (asked.has("query")) {
    editor.value = asked.get("query");
    redraw();
    run();
  } else {
    editor.value = `${state.catalogue.prefixes}\nSELECT ?person (COUNT(?meeting) AS ?meetings) WHERE {\n` +
      "  ?a a wg:Attendance ; wg:person/foaf:name ?person ; wg:meeting ?meeting .\n" +
      "}\nGROUP BY ?person\nORDER BY DESC(?meetings)\nLIMIT 20\n";
    choose("");
  }
  document.body.dataset.ready = "true";
}

start().catch((err) => status(`The page could not start: ${err}`, true));
