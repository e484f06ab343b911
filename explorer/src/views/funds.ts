// A fund's year (`fundReport`): figures, giving by month, stewardship list; donor retention segments.

import { fetchFile, gql } from "../api";
import { barChart, clear, errorBox, fen, fenToMoney, h, loading, money, note, saveBlob, sortableTable, type Column } from "../ui";

const FUNDS = `query Funds { funds(first: 100) { edges { node { id code name college { name } } } } }`;
const REPORT = `query FundReport($fund: ID!, $year: Int!) {
  fundReport(fund: $fund, year: $year) {
    year received pledged outstandingPledges donorCount newDonorCount
    fund { code name }
    donations { kind amountCny date }
    stewardship {
      lastGiftOn contactable anonymous
      donor { __typename ... on Alumnus { id name } ... on Company { id name } }
    }
  }
}`;
const RETENTION = `query Retention($fund: ID!, $year: Int!) {
  donorRetention(year: $year, fund: $fund) {
    retained { totalCount } lybunt { totalCount } sybunt { totalCount } newDonors { totalCount } recaptured { totalCount }
  }
}`;

interface Steward {
  lastGiftOn: string | null;
  contactable: boolean;
  anonymous: boolean;
  donor: { __typename: string; id: string; name: string } | null;
}
interface Report {
  year: number;
  received: string;
  pledged: string;
  outstandingPledges: string;
  donorCount: number;
  newDonorCount: number;
  fund: { code: string; name: string } | null;
  donations: { kind: string; amountCny: string; date: string }[];
  stewardship: Steward[];
}
type Segments = Record<"retained" | "lybunt" | "sybunt" | "newDonors" | "recaptured", { totalCount: number }>;

const SEGMENT_NAMES: [keyof Segments, string][] = [
  ["retained", "连续捐赠（去年和今年）"],
  ["lybunt", "去年捐、今年未捐（LYBUNT）"],
  ["sybunt", "更早捐过、近两年未捐（SYBUNT）"],
  ["newDonors", "今年首次捐赠"],
  ["recaptured", "重新回归"],
];

function card(label: string, value: string, id: string): HTMLElement {
  return h("div", { class: "card", id }, h("div", { class: "card-label" }, label), h("div", { class: "card-value" }, value));
}

function byMonth(r: Report): HTMLElement {
  const months = Array.from({ length: 12 }, () => 0);
  for (const d of r.donations) if (d.kind !== "PLEDGE") months[Number(d.date.slice(5, 7)) - 1] += fen(d.amountCny);
  return barChart(
    `${r.year} 年每月到账（赠款与履约）`,
    months.map((v, i) => ({ label: `${i + 1} 月`, value: v, text: fenToMoney(v) })),
  );
}

const STEWARD_COLUMNS: Column<Steward>[] = [
  { key: "donor", title: "捐赠人", value: (s) => (s.donor ? s.donor.name : s.anonymous ? "（匿名）" : "—") },
  { key: "type", title: "类型", value: (s) => (s.donor?.__typename === "Company" ? "企业" : s.donor ? "校友" : "") },
  { key: "last", title: "最近捐赠", value: (s) => s.lastGiftOn ?? "" },
  { key: "contactable", title: "可联系", value: (s) => (s.contactable ? "是" : "否") },
  { key: "anonymous", title: "匿名", value: (s) => (s.anonymous ? "是" : "否") },
];

/** "下载 PDF 年报": the report to donors from /reports/fund.pdf, fetched with the token. */
function pdfButton(fund: string, year: number): HTMLElement {
  const status = h("div", { class: "note", "aria-live": "polite" });
  const button = h("button", { type: "button", id: "fund-pdf" }, "下载 PDF 年报");
  button.addEventListener("click", () => {
    button.disabled = true;
    clear(status, "正在生成…");
    fetchFile("/reports/fund.pdf", { fund, year: String(year) })
      .then(({ blob, filename }) => {
        saveBlob(filename, blob);
        clear(status);
      })
      .catch((err: unknown) => clear(status, errorBox(err)))
      .finally(() => (button.disabled = false));
  });
  return h("div", { class: "row pdf" }, button, status);
}

export function renderFunds(root: HTMLElement): void {
  const pre = new URLSearchParams(location.hash.split("?")[1] ?? "").get("fund");
  const fund = h("select", { id: "fund" }, h("option", { value: "" }, "加载中…"));
  const thisYear = new Date().getFullYear();
  const year = h(
    "select",
    { id: "fund-year" },
    Array.from({ length: 12 }, (_, i) => thisYear - i).map((y) => h("option", { value: y, selected: y === thisYear - 1 }, `${y} 年`)),
  );
  const out = h("div", { class: "report", "aria-live": "polite" });
  const retention = h("div", { class: "retention", "aria-live": "polite" });

  const show = async (): Promise<void> => {
    if (!fund.value) return;
    const vars = { fund: fund.value, year: Number(year.value) };
    clear(out, loading());
    clear(retention);
    const [rep, ret] = await Promise.allSettled([
      gql<{ fundReport: Report }>(REPORT, vars),
      gql<{ donorRetention: Segments }>(RETENTION, vars),
    ]);
    if (rep.status === "rejected") clear(out, errorBox(rep.reason));
    else {
      const r = rep.value.fundReport;
      clear(
        out,
        h("h2", {}, `${r.fund?.name ?? ""} · ${r.year} 年度报告`),
        h(
          "div",
          { class: "cards" },
          card("到账", money(r.received), "received"),
          card("新增认捐", money(r.pledged), "pledged"),
          card("未兑现认捐（年末）", money(r.outstandingPledges), "outstanding"),
          card("捐赠人", String(r.donorCount), "donors"),
          card("新捐赠人", String(r.newDonorCount), "new-donors"),
        ),
        pdfButton(vars.fund, r.year),
        byMonth(r),
        h("h3", {}, `维护名单（历年全部捐赠人，${r.stewardship.length} 位）`),
        r.stewardship.length
          ? sortableTable(STEWARD_COLUMNS, r.stewardship, { initial: "last", descending: true })
          : note("该基金还没有捐赠人。"),
      );
    }
    if (ret.status === "rejected") clear(retention, h("h3", {}, "捐赠人留存"), errorBox(ret.reason));
    else {
      const s = ret.value.donorRetention;
      clear(
        retention,
        barChart(
          `${vars.year} 年捐赠人留存分段`,
          SEGMENT_NAMES.map(([k, label]) => ({ label, value: s[k].totalCount })),
        ),
      );
    }
  };

  fund.addEventListener("change", () => void show());
  year.addEventListener("change", () => void show());
  clear(
    root,
    h(
      "div",
      { class: "funds-view" },
      h("h1", {}, "基金年报与捐赠人留存"),
      h("div", { class: "row" }, h("label", { for: "fund" }, "基金"), fund, h("label", { for: "fund-year" }, "年度"), year),
      out,
      retention,
    ),
  );
  gql<{ funds: { edges: { node: { id: string; code: string; name: string; college: { name: string } | null } }[] } }>(FUNDS)
    .then((d) => {
      clear(
        fund,
        h("option", { value: "" }, "请选择基金"),
        d.funds.edges.map(({ node: f }) => h("option", { value: f.id, selected: f.id === pre }, `${f.name}（${f.code}）`)),
      );
      if (pre) void show();
    })
    .catch((err: unknown) => clear(out, errorBox(err)));
}
