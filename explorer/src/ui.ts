// Small DOM helpers shared by the views: elements, messages, sortable tables, bar charts, CSV.

import { describeError } from "./api";

type Attrs = Record<string, string | number | boolean | ((ev: Event) => void) | undefined | null>;
type Child = Node | string | number | null | undefined | false;

/** Create an element with attributes (`on*` become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** A readable error box (role=alert) for any failure. */
export function errorBox(err: unknown): HTMLElement {
  return h("div", { class: "error", role: "alert" }, describeError(err));
}

export function note(text: string): HTMLElement {
  return h("p", { class: "note" }, text);
}

export function loading(): HTMLElement {
  return h("p", { class: "note", "aria-live": "polite" }, "加载中…");
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: number | undefined;
  return (...args: A) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => fn(...args), ms);
  };
}

/** Money strings ("1200.00") shown with thousands separators; exact, no float arithmetic. */
export function money(value: string | null | undefined): string {
  if (value == null) return "—";
  const [whole, frac] = value.split(".");
  const neg = whole.startsWith("-");
  const digits = neg ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `¥${neg ? "-" : ""}${grouped}${frac ? "." + frac : ""}`;
}

/** Fen (integer cents) from a decimal string, for sums and sorting without floats. */
export function fen(value: string | null | undefined): number {
  if (!value) return 0;
  const [whole, frac = ""] = value.split(".");
  const sign = whole.startsWith("-") ? -1 : 1;
  return sign * (Math.abs(parseInt(whole, 10)) * 100 + parseInt((frac + "00").slice(0, 2), 10));
}

export function fenToMoney(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const frac = String(Math.abs(cents % 100)).padStart(2, "0");
  return money(`${whole}.${frac}`);
}

export interface Column<R> {
  key: string;
  title: string;
  value: (row: R) => string | number;
  render?: (row: R) => Node | string;
  numeric?: boolean;
}

/** A table whose headers sort it (buttons, so the keyboard reaches them); calls onSort after. */
export function sortableTable<R>(
  columns: Column<R>[],
  rows: R[],
  options: { caption?: string; initial?: string; descending?: boolean; onSort?: (col: Column<R>, rows: R[]) => void } = {},
): HTMLElement {
  let sortKey = options.initial ?? "";
  let descending = options.descending ?? true;
  const wrap = h("div", { class: "table-wrap" });
  const render = (): void => {
    const col = columns.find((c) => c.key === sortKey);
    const sorted = [...rows];
    if (col) {
      sorted.sort((a, b) => {
        const x = col.value(a);
        const y = col.value(b);
        const cmp = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh");
        return descending ? -cmp : cmp;
      });
    }
    const head = h(
      "tr",
      {},
      columns.map((c) =>
        h(
          "th",
          { scope: "col", "aria-sort": c.key === sortKey ? (descending ? "descending" : "ascending") : "none" },
          h(
            "button",
            {
              type: "button",
              class: "sort",
              "data-key": c.key,
              onclick: () => {
                if (sortKey === c.key) descending = !descending;
                else {
                  sortKey = c.key;
                  descending = c.numeric ?? false;
                }
                render();
              },
            },
            c.title,
            c.key === sortKey ? (descending ? " ▼" : " ▲") : "",
          ),
        ),
      ),
    );
    const body = sorted.map((r) =>
      h(
        "tr",
        {},
        columns.map((c) => h("td", { class: c.numeric ? "num" : "" }, c.render ? c.render(r) : String(c.value(r)))),
      ),
    );
    clear(
      wrap,
      h("table", {}, options.caption ? h("caption", {}, options.caption) : null, h("thead", {}, head), h("tbody", {}, body)),
    );
    if (col && options.onSort) options.onSort(col, sorted);
  };
  render();
  return wrap;
}

/** A horizontal bar chart (SVG) of labelled values. */
export function barChart(title: string, items: { label: string; value: number; text?: string }[], max = 20): HTMLElement {
  const shown = items.slice(0, max);
  const top = Math.max(1, ...shown.map((i) => i.value));
  const rowH = 22;
  const labelW = 150;
  const width = 640;
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${shown.length * rowH + 4}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", title);
  svg.setAttribute("class", "bars");
  shown.forEach((item, i) => {
    const y = i * rowH + 2;
    const w = Math.max(1, ((width - labelW - 120) * item.value) / top);
    const label = document.createElementNS(svg.namespaceURI, "text");
    label.setAttribute("x", String(labelW - 6));
    label.setAttribute("y", String(y + 15));
    label.setAttribute("text-anchor", "end");
    label.textContent = item.label.length > 11 ? item.label.slice(0, 10) + "…" : item.label;
    const bar = document.createElementNS(svg.namespaceURI, "rect");
    bar.setAttribute("x", String(labelW));
    bar.setAttribute("y", String(y + 3));
    bar.setAttribute("width", String(w));
    bar.setAttribute("height", String(rowH - 6));
    bar.setAttribute("rx", "2");
    const value = document.createElementNS(svg.namespaceURI, "text");
    value.setAttribute("x", String(labelW + w + 6));
    value.setAttribute("y", String(y + 15));
    value.textContent = item.text ?? String(item.value);
    svg.append(label, bar, value);
  });
  return h("figure", { class: "chart" }, h("figcaption", {}, title), svg);
}

/** Offer rows as a UTF-8 CSV file (with BOM, so spreadsheet programs read the Chinese). */
export function downloadCsv(filename: string, header: string[], rows: (string | number)[][]): void {
  const cell = (v: string | number): string => {
    const s = String(v);
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
  saveBlob(filename, new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" }));
}

/** Offer a blob (a CSV made here, a PDF fetched with the token) as a file download. */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const TYPE_NAMES: Record<string, string> = {
  Alumnus: "校友",
  Company: "企业",
  Chapter: "校友会",
  College: "学院",
  Class: "班级",
  Region: "地区",
  Industry: "行业",
  Event: "活动",
  Fund: "基金",
  Donation: "捐赠",
  Interaction: "联络",
  Award: "奖项",
  Need: "需求",
};

export const TYPE_COLORS: Record<string, string> = {
  Alumnus: "#2563eb",
  Company: "#d97706",
  Chapter: "#059669",
  College: "#7c3aed",
  Class: "#db2777",
  Region: "#0891b2",
  Industry: "#65a30d",
  Event: "#dc2626",
  Fund: "#ca8a04",
  Donation: "#a16207",
  Interaction: "#475569",
  Award: "#9333ea",
  Need: "#78716c",
};

export const REL_NAMES: Record<string, string> = {
  STUDIED_IN: "就读",
  OF_COLLEGE: "所属学院",
  WORKED_AT_SCHOOL: "在校任职",
  LIVES_IN: "居住于",
  WORKS_AT: "任职于",
  MEMBER_OF: "会员",
  LIAISON_FOR: "班级联络人",
  KNOWS: "相识",
  PART_OF: "隶属",
  IN_REGION: "所在地区",
  FOCUSES_ON: "关注行业",
  IN_INDUSTRY: "所属行业",
  LOCATED_IN: "位于",
  NEEDS: "需求",
  FROM: "捐赠人",
  TO: "给予",
  PAYS: "履约",
  SOLICITED_BY: "劝募人",
  ORGANIZED_BY: "主办",
  ATTENDED: "参加",
  BY: "发起人",
  WITH: "对象",
};

export const ROLE_NAMES: Record<string, string> = {
  ADMIN: "管理员（校友办）",
  COLLEGE_OFFICER: "学院校友工作专员",
  FUNDRAISER: "筹款人员",
  CHAPTER_ORGANIZER: "校友会组织者",
  ALUMNUS: "校友本人",
};

export const EMPLOYMENT_ROLES: Record<string, string> = { FOUNDER: "创始人", EXECUTIVE: "高管", EMPLOYEE: "员工" };

export const NEED_KINDS: Record<string, string> = {
  TECH: "技术",
  FINANCE: "融资",
  LEGAL: "法律",
  TALENT: "人才",
  TRAINING: "培训",
};
