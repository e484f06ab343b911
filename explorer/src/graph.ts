// Cytoscape set-up shared by the network and introduction views.

import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import { TYPE_COLORS } from "./ui";

cytoscape.use(fcose);

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
          "min-zoomed-font-size": 10,
        },
      },
      { selector: "edge.path", style: { width: 3, "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", "font-size": 11 } },
      { selector: ".hidden", style: { display: "none" } },
    ],
  });
}

/** Force-directed layout (fCoSE), spread enough that a few hundred nodes stay readable. */
export function runLayout(cy: cytoscape.Core, center?: string, incremental = false): void {
  const shown = cy.elements().not(".hidden");
  const n = shown.nodes().length;
  const options =
    n > 1
      ? {
          name: "fcose",
          quality: n > 300 ? "draft" : "default",
          randomize: !incremental,
          animate: false,
          nodeRepulsion: () => (n > 100 ? 12000 : 6000),
          idealEdgeLength: () => (n > 100 ? 90 : 80),
          nodeSeparation: 90,
          gravity: 0.2,
          numIter: 2500,
          packComponents: true,
          padding: 20,
        }
      : { name: "grid" };
  shown.layout(options as cytoscape.LayoutOptions).run();
  if (center) cy.getElementById(center).addClass("center");
  cy.fit(undefined, 20);
}
