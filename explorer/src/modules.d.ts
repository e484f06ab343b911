// cytoscape-fcose ships no type declarations; it is a Cytoscape extension (cytoscape.use).
declare module "cytoscape-fcose" {
  import type { Ext } from "cytoscape";
  const fcose: Ext;
  export default fcose;
}
