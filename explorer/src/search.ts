// Search as you type over `search` (Chinese, pinyin, initials); one Chinese character falls back
// to the alumni name filter, since `search` needs two characters.

import { gql } from "./api";
import { clear, debounce, errorBox, h, note, TYPE_NAMES } from "./ui";

export interface Hit {
  id: string;
  type: string;
  name: string;
  detail: string;
}

const SEARCH = `query Search($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    score
    node {
      __typename
      ... on Alumnus { id name externalId education { name } }
      ... on Company { id name city { name } }
      ... on Chapter { id name kind }
    }
  }
}`;

const SHORT = `query ShortSearch($text: String!) {
  alumni(first: 20, filter: { name: $text }) { edges { node { id name externalId education { name } } } }
}`;

interface Found {
  __typename: string;
  id: string;
  name: string;
  externalId?: string;
  education?: { name: string }[];
  city?: { name: string } | null;
  kind?: string;
}

function toHit(n: Found): Hit {
  let detail = "";
  if (n.__typename === "Alumnus") detail = [n.externalId, n.education?.map((c) => c.name).join("、")].filter(Boolean).join(" · ");
  else if (n.__typename === "Company") detail = n.city?.name ?? "";
  else if (n.__typename === "Chapter") detail = n.kind ?? "";
  return { id: n.id, type: n.__typename, name: n.name, detail };
}

export async function findNodes(text: string, alumniOnly: boolean): Promise<Hit[]> {
  const t = text.trim();
  if ([...t].length < 2) {
    const data = await gql<{ alumni: { edges: { node: Found }[] } }>(SHORT, { text: t });
    return data.alumni.edges.map((e) => toHit({ ...e.node, __typename: "Alumnus" }));
  }
  const data = await gql<{ search: { node: Found }[] }>(SEARCH, { text: t, first: 20 });
  return data.search.map((s) => toHit(s.node)).filter((hit) => !alumniOnly || hit.type === "Alumnus");
}

/** A labelled search field with a result list; `onPick` gets the chosen hit. */
export function searchBox(
  id: string,
  label: string,
  onPick: (hit: Hit) => void,
  options: { alumniOnly?: boolean; placeholder?: string } = {},
): HTMLElement {
  const input = h("input", {
    id,
    type: "search",
    autocomplete: "off",
    placeholder: options.placeholder ?? "姓名、拼音或首字母，如 张伟 / zhangwei / zw",
    "aria-controls": `${id}-results`,
  });
  const results = h("ul", { id: `${id}-results`, class: "hits", role: "list" });
  let seq = 0;
  const run = debounce(async (text: string) => {
    const mine = ++seq;
    if (!text.trim()) {
      clear(results);
      return;
    }
    try {
      const hits = await findNodes(text, options.alumniOnly ?? false);
      if (mine !== seq) return;
      if (!hits.length) {
        clear(results, h("li", {}, note("没有找到匹配的结果")));
        return;
      }
      clear(
        results,
        hits.map((hit) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: "hit",
                "data-id": hit.id,
                onclick: () => {
                  input.value = hit.name;
                  clear(results);
                  onPick(hit);
                },
              },
              h("span", { class: `badge t-${hit.type}` }, TYPE_NAMES[hit.type] ?? hit.type),
              h("span", { class: "hit-name" }, hit.name),
              hit.detail ? h("span", { class: "hit-detail" }, hit.detail) : null,
            ),
          ),
        ),
      );
    } catch (err) {
      if (mine === seq) clear(results, h("li", {}, errorBox(err)));
    }
  }, 250);
  input.addEventListener("input", () => run(input.value));
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown") {
      const first = results.querySelector<HTMLButtonElement>("button");
      if (first) {
        ev.preventDefault();
        first.focus();
      }
    }
  });
  results.addEventListener("keydown", (ev) => {
    const target = ev.target as HTMLElement;
    const li = target.closest("li");
    if (ev.key === "ArrowDown") (li?.nextElementSibling?.querySelector("button") as HTMLElement | null)?.focus();
    else if (ev.key === "ArrowUp") ((li?.previousElementSibling?.querySelector("button") as HTMLElement | null) ?? input).focus();
    else if (ev.key === "Escape") input.focus();
  });
  return h("div", { class: "search" }, h("label", { for: id }, label), input, results);
}
