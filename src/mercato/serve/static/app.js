// mercato: progressive enhancement only. The pages work without it; with it the talent flows
// become a Sankey diagram (plain SVG, no library), and the search box suggests names. Loaded from
// /static with a strict CSP.
// The period filter reloads the page: the diagram, the table and the net flows show one period.
"use strict";

function svg(tag, attrs, text) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;  // textContent: names are data, never markup
  return el;
}

function drawSankey(box, data) {
  const links = data.links.filter((l) => l.people > 0);
  box.textContent = "";
  if (!links.length) return;
  const W = 900, pad = 8, nodeW = 14;
  const left = [...new Set(links.map((l) => l.source))];
  const right = [...new Set(links.map((l) => l.target))];
  const total = links.reduce((s, l) => s + l.people, 0);
  const H = Math.max(200, 40 * Math.max(left.length, right.length));
  const scale = (H - pad * (Math.max(left.length, right.length) + 1)) / total;
  const place = (names, key) => {
    const pos = {}; let y = pad;
    for (const n of names) {
      const h = Math.max(4, links.filter((l) => l[key] === n).reduce((s, l) => s + l.people, 0) * scale);
      pos[n] = { y, h, used: 0 }; y += h + pad;
    }
    return pos;
  };
  const L = place(left, "source"), R = place(right, "target");
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "talent flows" });
  const x0 = 180, x1 = W - 180;
  for (const l of links) {
    const h = Math.max(2, l.people * scale);
    const ys = L[l.source].y + L[l.source].used + h / 2; L[l.source].used += h;
    const yt = R[l.target].y + R[l.target].used + h / 2; R[l.target].used += h;
    const mid = (x0 + x1) / 2;
    const path = svg("path", { class: "link", d: `M${x0 + nodeW},${ys} C${mid},${ys} ${mid},${yt} ${x1},${yt}`,
      "stroke-width": h });
    path.appendChild(svg("title", {}, `${l.source} → ${l.target}: ${l.people} ${box.dataset.people || ""}`));
    root.appendChild(path);
  }
  const drawNodes = (pos, x, anchor, dx) => {
    for (const [name, p] of Object.entries(pos)) {
      const g = svg("g", { class: "node" });
      g.appendChild(svg("rect", { x, y: p.y, width: nodeW, height: p.h }));
      g.appendChild(svg("text", { x: x + dx, y: p.y + p.h / 2 + 4, "text-anchor": anchor }, name));
      root.appendChild(g);
    }
  };
  drawNodes(L, x0, "end", -6);
  drawNodes(R, x1, "start", nodeW + 6);
  box.appendChild(root);
}

async function loadSankey(box, src) {
  const resp = await fetch(src, { headers: { Accept: "application/json" } });
  if (resp.ok) drawSankey(box, await resp.json());
}

// Names as one types in the header's search box: people and organizations from /api/suggest, each a
// link to its profile (built with textContent and setAttribute: names are data, never markup).
function suggestNames(input) {
  const list = document.createElement("ul");
  list.className = "suggest";
  list.hidden = true;
  input.after(list);
  const lang = input.form.querySelector("input[name=lang]");
  let timer = null, asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2) { list.hidden = true; return; }
      asked = q;
      const resp = await fetch(`/api/suggest?q=${encodeURIComponent(q)}&limit=8`, { headers: { Accept: "application/json" } });
      if (!resp.ok || asked !== q) return;
      const found = await resp.json();
      list.textContent = "";
      for (const item of found) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        const path = `/${item.kind === "org" ? "org" : "person"}/${encodeURIComponent(item.key)}`;
        a.setAttribute("href", lang ? `${path}?lang=${encodeURIComponent(lang.value)}` : path);
        a.className = `entity entity-${item.kind}`;
        a.textContent = item.name;
        const n = document.createElement("span");
        n.className = "meta";
        n.textContent = ` ${item.facts}`;
        li.append(a, n);
        list.appendChild(li);
      }
      list.hidden = !found.length;
    }, 150);
  });
  input.addEventListener("keydown", (e) => { if (e.key === "Escape") list.hidden = true; });
}

document.addEventListener("DOMContentLoaded", () => {
  const search = document.querySelector("form.search input[name=q]");
  if (search) suggestNames(search);
  const box = document.getElementById("sankey");
  if (!box) return;
  loadSankey(box, box.dataset.src);
});
