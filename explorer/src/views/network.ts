// Search, then the neighbourhood from `network`: coloured by type, edges labelled, click to expand,
// a side panel with the node's details, depth and relationship-type filters.

import type cytoscape from "cytoscape";
import { gql } from "../api";
import { makeGraph, runLayout } from "../graph";
import { searchBox } from "../search";
import { clear, errorBox, h, loading, note, REL_NAMES, TYPE_COLORS, TYPE_NAMES } from "../ui";
import { detailPanel } from "./details";

const NETWORK = `query Network($center: ID!, $depth: Int!, $limit: Int!) {
  network(center: $center, depth: $depth, limit: $limit) {
    nodes { id type name }
    edges { source target type }
  }
}`;

interface NetData {
  network: { nodes: { id: string; type: string; name: string | null }[]; edges: { source: string; target: string; type: string }[] };
}

let cy: cytoscape.Core | null = null;

export function renderNetwork(root: HTMLElement): void {
  cy?.destroy();
  cy = null;
  let center = "";
  const status = h("div", { class: "status", "aria-live": "polite" });
  const panel = h("aside", { class: "panel", "aria-label": "节点详情" }, note("在图中点击一个节点查看详情并展开它的邻居。"));
  const depth = h(
    "select",
    { id: "depth" },
    [1, 2, 3].map((d) => h("option", { value: d, selected: d === 2 }, `${d} 层`)),
  );
  const limit = h(
    "select",
    { id: "limit" },
    [100, 200, 300, 500].map((d) => h("option", { value: d, selected: d === 200 }, `最多 ${d} 个节点`)),
  );
  const relFilter = h("fieldset", { class: "rels" }, h("legend", {}, "关系类型"));
  const shown = h("p", { class: "note", id: "shown", "aria-live": "polite" });
  const nodeList = h("ul", { class: "node-list" });
  const nodeListBox = h("details", { id: "node-list" }, h("summary", {}, "节点列表（键盘浏览）"), nodeList);
  const legend = h(
    "ul",
    { class: "legend", "aria-label": "节点颜色" },
    Object.entries(TYPE_NAMES).slice(0, 10).map(([t, name]) =>
      h("li", {}, h("span", { class: "dot", style: `background:${TYPE_COLORS[t]}` }), name),
    ),
  );
  const canvas = h("div", { id: "graph", class: "graph", role: "img", "aria-label": "关系网图" });

  const applyFilter = (): void => {
    if (!cy) return;
    const off = new Set(
      [...relFilter.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].filter((c) => !c.checked).map((c) => c.value),
    );
    cy.batch(() => {
      cy!.edges().forEach((e) => {
        if (off.has(e.data("type") as string)) e.addClass("hidden");
        else e.removeClass("hidden");
      });
      cy!.nodes().forEach((n) => {
        const visible = n.id() === center || n.connectedEdges().filter((e) => !e.hasClass("hidden")).length > 0;
        if (visible) n.removeClass("hidden");
        else n.addClass("hidden");
      });
    });
    shown.textContent = `显示 ${cy.nodes().not(".hidden").length} 个节点、${cy.edges().not(".hidden").length} 条关系`;
    const visible = cy.nodes().not(".hidden").sort((a, b) =>
      `${a.data("type")}${a.data("label")}`.localeCompare(`${b.data("type")}${b.data("label")}`, "zh"),
    );
    clear(
      nodeList,
      visible.map((n) =>
        h(
          "li",
          {},
          h("button", { type: "button", class: "node-link", "data-id": n.id(), onclick: () => openNode(n.id()) },
            `${TYPE_NAMES[n.data("type") as string] ?? n.data("type")}：${n.data("label")}`),
        ),
      ),
    );
  };

  const refreshRelFilter = (): void => {
    if (!cy) return;
    const was = new Map(
      [...relFilter.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].map((c) => [c.value, c.checked]),
    );
    const types = [...new Set(cy.edges().map((e) => e.data("type") as string))].sort();
    clear(
      relFilter,
      h("legend", {}, "关系类型"),
      types.map((t) =>
        h(
          "label",
          { class: "check" },
          h("input", { type: "checkbox", value: t, checked: was.get(t) ?? true, onchange: applyFilter }),
          ` ${REL_NAMES[t] ?? t}`,
        ),
      ),
    );
  };

  const merge = (data: NetData): number => {
    if (!cy) return 0;
    const before = cy.nodes().length;
    cy.batch(() => {
      for (const n of data.network.nodes) {
        if (cy!.getElementById(n.id).empty())
          cy!.add({ group: "nodes", data: { id: n.id, type: n.type, label: n.name ?? TYPE_NAMES[n.type] ?? n.type } });
      }
      for (const e of data.network.edges) {
        const id = `${e.source}|${e.type}|${e.target}`;
        if (cy!.getElementById(id).empty())
          cy!.add({ group: "edges", data: { id, source: e.source, target: e.target, type: e.type, label: REL_NAMES[e.type] ?? e.type } });
      }
    });
    return cy.nodes().length - before;
  };

  const openNode = (nid: string): void => {
    cy?.$(":selected").unselect();
    cy?.getElementById(nid).select();
    showDetails(nid);
    void expand(nid);
  };

  const showDetails = (id: string): void => {
    void detailPanel(panel, id, {
      recenter: (nid) => void load(nid),
      expand: (nid) => void expand(nid),
      open: openNode,
    });
  };

  const expand = async (id: string): Promise<void> => {
    clear(status, loading());
    try {
      const data = await gql<NetData>(NETWORK, { center: id, depth: 1, limit: 80 });
      const added = merge(data);
      refreshRelFilter();
      applyFilter();
      if (added) runLayout(cy!, center, true);
      clear(status, note(`已展开：新增 ${added} 个节点，共 ${cy!.nodes().length} 个节点、${cy!.edges().length} 条关系`));
    } catch (err) {
      clear(status, errorBox(err));
    }
  };

  const load = async (id: string): Promise<void> => {
    center = id;
    showDetails(id);
    clear(status, loading());
    try {
      const data = await gql<NetData>(NETWORK, { center: id, depth: Number(depth.value), limit: Number(limit.value) });
      if (!cy) {
        cy = makeGraph(canvas);
        cy.on("tap", "node", (ev) => {
          const nid = (ev.target as cytoscape.NodeSingular).id();
          showDetails(nid);
          void expand(nid);
        });
      }
      cy.elements().remove();
      merge(data);
      refreshRelFilter();
      applyFilter();
      runLayout(cy, center);
      clear(status, note(`共 ${cy.nodes().length} 个节点、${cy.edges().length} 条关系。点击节点展开，滚轮缩放可看清关系名称。`));
    } catch (err) {
      clear(status, errorBox(err));
    }
  };

  depth.addEventListener("change", () => center && void load(center));
  limit.addEventListener("change", () => center && void load(center));

  clear(
    root,
    h(
      "div",
      { class: "network-view" },
      h(
        "section",
        { class: "controls", "aria-label": "搜索与筛选" },
        h("h1", {}, "搜索与关系网"),
        searchBox("search", "搜索校友、企业或校友会", (hit) => void load(hit.id)),
        h("div", { class: "row" }, h("label", { for: "depth" }, "深度"), depth, h("label", { for: "limit", class: "sr" }, "节点上限"), limit),
        relFilter,
        shown,
        legend,
        nodeListBox,
      ),
      h("section", { class: "canvas-wrap", "aria-label": "关系网" }, status, canvas),
      panel,
    ),
  );
  const pre = new URLSearchParams(location.hash.split("?")[1] ?? "").get("id");
  if (pre) void load(pre);
}
