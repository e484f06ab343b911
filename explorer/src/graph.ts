// Cytoscape set-up shared by the network and introduction views.

import cytoscape from "cytoscape";
import { TYPE_COLORS } from "./ui";

export function makeGraph(container: HTMLElement): cytoscape.Core {
  return cytoscape({
    container,
    minZoom: 0.1,
    maxZoom: 4,
    style: [
      {
        selector: "node",
        style: {
          "background-color": (n: cytoscape.NodeSingular) => TYPE_COLORS[n.data("type") as string] ?? "#64748b",
          label: "data(label)",
          "font-size": 11,
          "font-family": "system-ui, sans-serif",
          color: "#0f172a",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.75,
          "text-background-padding": "1px",
          "min-zoomed-font-size": 9,
          width: 18,
          height: 18,
        },
      },
      { selector: "node.center", style: { width: 30, height: 30, "border-width": 3, "border-color": "#0f172a", "font-weight": "bold" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#f59e0b" } },
      {
        selector: "edge",
        style: {
          width: 1.2,
          "line-color": "#94a3b8",
          "target-arrow-color": "#94a3b8",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.7,
          "curve-style": "bezier",
          label: "data(label)",
          "font-size": 9,
          color: "#334155",
          "text-rotation": "autorotate",
          "text-background-color": "#f8fafc",
          "text-background-opacity": 0.8,
          "min-zoomed-font-size": 8,
        },
      },
      { selector: "edge.path", style: { width: 3, "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", "font-size": 11 } },
      { selector: ".hidden", style: { display: "none" } },
    ],
  });
}

export function runLayout(cy: cytoscape.Core, center?: string): void {
  const n = cy.nodes().not(".hidden").length;
  const options: cytoscape.LayoutOptions =
    n > 1
      ? ({
          name: "cose",
          animate: false,
          randomize: true,
          nodeRepulsion: () => (n > 100 ? 40000 : 12000),
          idealEdgeLength: () => (n > 100 ? 80 : 90),
          nodeOverlap: 20,
          gravity: 0.25,
          numIter: n > 250 ? 600 : 1200,
          padding: 20,
        } as cytoscape.LayoutOptions)
      : { name: "grid" };
  cy.elements().not(".hidden").layout(options).run();
  if (center) cy.getElementById(center).addClass("center");
  cy.fit(undefined, 20);
}
