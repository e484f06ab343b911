// GraphiQL, served from the explorer's own assets (no CDN). The token is the explorer's, from this
// tab's sessionStorage, sent as the Authorization header; editor state is kept in memory only.

import "graphiql/style.css";
import "./graphiql.css";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { getToken } from "./api";

interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

async function fetcher(params: FetcherParams, opts?: { headers?: Record<string, unknown> }): Promise<unknown> {
  const token = getToken();
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  for (const [k, v] of Object.entries(opts?.headers ?? {})) headers[k] = String(v);
  const res = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify(params), cache: "no-store", credentials: "omit" });
  return res.json();
}

// Nothing of one user's session outlives the tab in localStorage.
const memory = new Map<string, string>();
const storage = {
  getItem: (k: string) => memory.get(k) ?? null,
  setItem: (k: string, v: string) => void memory.set(k, v),
  removeItem: (k: string) => void memory.delete(k),
  clear: () => memory.clear(),
  get length() {
    return memory.size;
  },
};

const DEFAULT_QUERY = `# 在此编写 GraphQL 查询；令牌来自校友关系网的登录（/explore）。
query Example {
  colleges(first: 5) {
    edges { node { code name alumniCount } }
  }
}
`;

const root = document.getElementById("graphiql") as HTMLElement;
if (!getToken()) {
  const p = document.createElement("p");
  p.className = "warn";
  p.innerHTML = '尚未登录：请先在 <a href="../">校友关系网</a> 粘贴令牌登录，或在下方 Headers 中填写 {"Authorization": "Bearer …"}。';
  document.body.prepend(p);
}
createRoot(root).render(
  createElement(GraphiQL, {
    fetcher: fetcher as never,
    storage: storage as never,
    defaultQuery: DEFAULT_QUERY,
    shouldPersistHeaders: false,
  }),
);
