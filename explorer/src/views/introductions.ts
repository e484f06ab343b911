// Pick two alumni and draw the warm-introduction paths between them, each step named.

import { gql } from "../api";
import { makeGraph } from "../graph";
import { searchBox, type Hit } from "../search";
import { clear, errorBox, h, loading, note } from "../ui";
import type cytoscape from "cytoscape";

const PATHS = `query Introductions($from: ID!, $to: ID!, $maxHops: Int!) {
  introductionPaths(from: $from, to: $to, maxHops: $maxHops, first: 3) {
    hops
    steps {
      tie
      from { id name }
      to { id name }
      via { __typename id ... on Class { name } ... on Company { name } ... on Chapter { name } }
    }
  }
}`;

interface Step {
  tie: string;
  from: { id: string; name: string } | null;
  to: { id: string; name: string } | null;
  via: { __typename: string; id: string; name?: string } | null;
}
interface Path {
  hops: number;
  steps: Step[];
}

/** "classmates in 计算机2012级", "colleagues at …", "know each other", "officers of …". */
export function tieText(step: Step): string {
  const via = step.via?.name ?? "";
  switch (step.tie) {
    case "CLASSMATE":
      return `同班同学（${via}）`;
    case "COLLEAGUE":
      return `同事（${via}）`;
    case "CHAPTER":
      return `同为校友会负责人（${via}）`;
    case "KNOWS":
      return "相识";
    default:
      return step.tie;
  }
}

let cy: cytoscape.Core | null = null;

export function renderIntroductions(root: HTMLElement): void {
  cy?.destroy();
  cy = null;
  const params = new URLSearchParams(location.hash.split("?")[1] ?? "");
  let from: Hit | null = params.get("from")
    ? { id: params.get("from")!, type: "Alumnus", name: params.get("fromName") ?? "", detail: "" }
    : null;
  let to: Hit | null = null;
  const chosen = h("p", { class: "chosen", "aria-live": "polite" });
  const out = h("div", { class: "paths", "aria-live": "polite" });
  const canvas = h("div", { id: "intro-graph", class: "graph small", role: "img", "aria-label": "引荐路径图" });
  const hops = h("select", { id: "maxhops" }, [2, 3, 4, 5, 6].map((n) => h("option", { value: n, selected: n === 4 }, `最多 ${n} 步`)));
  const showChosen = (): void => clear(chosen, `从：${from?.name || "（未选）"}　→　到：${to?.name || "（未选）"}`);

  const draw = (paths: Path[]): void => {
    if (!cy) cy = makeGraph(canvas);
    cy.elements().remove();
    for (const p of paths)
      for (const s of p.steps) {
        for (const a of [s.from, s.to])
          if (a && cy.getElementById(a.id).empty()) cy.add({ group: "nodes", data: { id: a.id, type: "Alumnus", label: a.name } });
        if (s.from && s.to) {
          const id = `${s.from.id}|${s.to.id}|${s.tie}|${s.via?.id ?? ""}`;
          if (cy.getElementById(id).empty())
            cy.add({ group: "edges", classes: "path", data: { id, source: s.from.id, target: s.to.id, label: tieText(s) } });
        }
      }
    cy.layout({ name: "breadthfirst", directed: true, roots: from ? [from.id] : undefined, padding: 20, spacingFactor: 1.1 } as cytoscape.LayoutOptions).run();
    if (from) cy.getElementById(from.id).addClass("center");
    cy.fit(undefined, 20);
  };

  const find = async (): Promise<void> => {
    if (!from || !to) {
      clear(out, errorBox(new Error("请先选出两位校友")));
      return;
    }
    clear(out, loading());
    try {
      const data = await gql<{ introductionPaths: Path[] }>(PATHS, { from: from.id, to: to.id, maxHops: Number(hops.value) });
      const paths = data.introductionPaths;
      if (!paths.length) {
        clear(out, note(`在 ${hops.value} 步之内没有找到引荐路径。可以放宽步数再试。`));
        cy?.elements().remove();
        return;
      }
      clear(
        out,
        paths.map((p, i) =>
          h(
            "section",
            { class: "path" },
            h("h2", {}, `路径 ${i + 1}（${p.hops} 步）`),
            h(
              "ol",
              { class: "steps" },
              p.steps.map((s) =>
                h("li", { class: "step" }, h("strong", {}, s.from?.name ?? "?"), h("span", { class: "tie" }, ` —${tieText(s)}→ `), h("strong", {}, s.to?.name ?? "?")),
              ),
            ),
          ),
        ),
      );
      draw(paths);
    } catch (err) {
      clear(out, errorBox(err));
    }
  };

  showChosen();
  clear(
    root,
    h(
      "div",
      { class: "intro-view" },
      h("h1", {}, "引荐路径"),
      h("p", { class: "note" }, "选两位校友，查找通过相识、同班、同事或校友会负责人关系的最短引荐路径。"),
      h(
        "div",
        { class: "pickers" },
        searchBox("intro-from", "需要引荐的校友（起点）", (hit) => { from = hit; showChosen(); }, { alumniOnly: true }),
        searchBox("intro-to", "想认识的校友（终点）", (hit) => { to = hit; showChosen(); }, { alumniOnly: true }),
      ),
      chosen,
      h("div", { class: "row" }, h("label", { for: "maxhops" }, "步数上限"), hops, h("button", { type: "button", class: "primary", id: "find-paths", onclick: () => void find() }, "查找路径")),
      out,
      canvas,
    ),
  );
}
