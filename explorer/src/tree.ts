// A lazily loaded tree picker (industries, regions): buttons to open a branch and to choose a node.

import { clear, errorBox, h, loading } from "./ui";

export interface TreeItem {
  id: string;
  code: string;
  name: string;
  leaf: boolean;
}

export function treePicker(
  id: string,
  label: string,
  roots: () => Promise<TreeItem[]>,
  children: (item: TreeItem) => Promise<TreeItem[]>,
  onSelect: (item: TreeItem | null) => void,
): HTMLElement {
  const chosen = h("span", { class: "chosen-item", id: `${id}-chosen` }, "（不限）");
  let selected: HTMLButtonElement | null = null;

  const list = (items: TreeItem[]): HTMLElement =>
    h(
      "ul",
      { class: "tree", role: "group" },
      items.map((item) => {
        const sub = h("div", {});
        const toggle = h(
          "button",
          {
            type: "button",
            class: "toggle",
            "aria-expanded": "false",
            "aria-label": `展开 ${item.name}`,
            disabled: item.leaf,
          },
          item.leaf ? "·" : "▸",
        );
        toggle.addEventListener("click", async () => {
          if (toggle.getAttribute("aria-expanded") === "true") {
            toggle.setAttribute("aria-expanded", "false");
            toggle.textContent = "▸";
            clear(sub);
            return;
          }
          toggle.setAttribute("aria-expanded", "true");
          toggle.textContent = "▾";
          clear(sub, loading());
          try {
            const kids = await children(item);
            clear(sub, kids.length ? list(kids) : null);
          } catch (err) {
            clear(sub, errorBox(err));
          }
        });
        const pick = h("button", { type: "button", class: "pick", "data-code": item.code }, `${item.code} ${item.name}`);
        pick.addEventListener("click", () => {
          selected?.classList.remove("selected");
          selected?.setAttribute("aria-pressed", "false");
          selected = pick;
          pick.classList.add("selected");
          pick.setAttribute("aria-pressed", "true");
          clear(chosen, `${item.code} ${item.name}`);
          onSelect(item);
        });
        return h("li", {}, toggle, pick, sub);
      }),
    );

  const body = h("div", { class: "tree-body" }, loading());
  void roots()
    .then((items) => clear(body, list(items)))
    .catch((err: unknown) => clear(body, errorBox(err)));
  const reset = h("button", { type: "button", class: "link" }, "清除");
  reset.addEventListener("click", () => {
    selected?.classList.remove("selected");
    selected = null;
    clear(chosen, "（不限）");
    onSelect(null);
  });
  return h("fieldset", { class: "picker", id }, h("legend", {}, label), h("p", {}, "已选：", chosen, " ", reset), body);
}
