// Partner finder: industry (GB/T 4754) and region (GB/T 2260) trees and a need kind → the ranked
// `partnerCompanies`, with the alumni behind each company; download as CSV.

import { gql } from "../api";
import { treePicker, type TreeItem } from "../tree";
import { clear, downloadCsv, EMPLOYMENT_ROLES, errorBox, h, loading, NEED_KINDS, note } from "../ui";

const INDUSTRIES = `query Industries($filter: IndustryFilter!) {
  industries(first: 100, filter: $filter) { edges { node { id code name level } } }
}`;
const REGIONS = `query Regions($filter: RegionFilter!) {
  regions(first: 100, filter: $filter) { edges { node { id code name level } } }
}`;
const PARTNERS = `query Partners($industry: String!, $region: String, $needKind: NeedKind, $first: Int!) {
  partnerCompanies(industry: $industry, region: $region, needKind: $needKind, first: $first) {
    founderCount executiveCount alumniCount
    company { id name creditCode city { name } industry { code name } needs { kind description } }
    alumni { title role alumnus { id name } }
  }
}`;

interface Level { id: string; code: string; name: string; level: string }
const NEXT_INDUSTRY: Record<string, string> = { SECTION: "DIVISION", DIVISION: "GROUP", GROUP: "CLASS" };

async function industries(filter: Record<string, unknown>): Promise<TreeItem[]> {
  const d = await gql<{ industries: { edges: { node: Level }[] } }>(INDUSTRIES, { filter });
  return d.industries.edges.map(({ node: n }) => ({ id: n.id, code: n.code, name: n.name, leaf: n.level === "CLASS" }));
}

async function regions(filter: Record<string, unknown>): Promise<TreeItem[]> {
  const d = await gql<{ regions: { edges: { node: Level }[] } }>(REGIONS, { filter });
  return d.regions.edges.map(({ node: n }) => ({ id: n.id, code: n.code, name: n.name, leaf: n.level === "CITY" }));
}

interface Match {
  founderCount: number;
  executiveCount: number;
  alumniCount: number;
  company: { id: string; name: string; creditCode: string; city: { name: string } | null; industry: { code: string; name: string } | null; needs: { kind: string; description: string }[] } | null;
  alumni: { title: string | null; role: string | null; alumnus: { id: string; name: string } | null }[];
}

function alumniText(m: Match): string {
  return m.alumni.map((e) => `${e.alumnus?.name ?? "?"}（${[e.title, e.role ? EMPLOYMENT_ROLES[e.role] : null].filter(Boolean).join("，")}）`).join("；");
}

export function renderPartners(root: HTMLElement): void {
  let industry: TreeItem | null = null;
  let region: TreeItem | null = null;
  let matches: Match[] = [];
  const out = h("div", { class: "results", "aria-live": "polite" });
  const need = h("select", { id: "need" }, h("option", { value: "" }, "不限"), Object.entries(NEED_KINDS).map(([k, v]) => h("option", { value: k }, v)));
  const csv = h("button", { type: "button", id: "csv", disabled: true }, "下载 CSV");
  csv.addEventListener("click", () => {
    downloadCsv(
      `partner-companies-${industry?.code ?? ""}${region ? "-" + region.code : ""}.csv`,
      ["排名", "企业", "统一社会信用代码", "行业", "城市", "创始人校友", "高管校友", "在职校友", "需求", "校友"],
      matches.map((m, i) => [
        i + 1,
        m.company?.name ?? "",
        m.company?.creditCode ?? "",
        m.company?.industry?.name ?? "",
        m.company?.city?.name ?? "",
        m.founderCount,
        m.executiveCount,
        m.alumniCount,
        (m.company?.needs ?? []).map((n) => `${NEED_KINDS[n.kind] ?? n.kind}:${n.description}`).join("；"),
        alumniText(m),
      ]),
    );
  });

  const run = async (): Promise<void> => {
    if (!industry) {
      clear(out, errorBox(new Error("请先在行业树中选择一个行业")));
      return;
    }
    clear(out, loading());
    csv.disabled = true;
    try {
      const d = await gql<{ partnerCompanies: Match[] }>(PARTNERS, {
        industry: industry.code,
        region: region?.code ?? null,
        needKind: need.value || null,
        first: 100,
      });
      matches = d.partnerCompanies;
      if (!matches.length) {
        clear(out, note("没有符合条件的校友企业。"));
        return;
      }
      csv.disabled = false;
      clear(
        out,
        h("p", { class: "note" }, `共 ${matches.length} 家校友企业，按创始人、高管、在职校友人数排序。`),
        h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { id: "partners-table" },
            h("thead", {}, h("tr", {}, ["#", "企业", "行业", "城市", "创始人", "高管", "校友", "需求", "校友名单"].map((t) => h("th", { scope: "col" }, t)))),
            h(
              "tbody",
              {},
              matches.map((m, i) =>
                h(
                  "tr",
                  {},
                  h("td", { class: "num" }, i + 1),
                  h("td", {}, m.company ? h("a", { href: `#/network?id=${encodeURIComponent(m.company.id)}` }, m.company.name) : "—"),
                  h("td", {}, m.company?.industry?.name ?? ""),
                  h("td", {}, m.company?.city?.name ?? ""),
                  h("td", { class: "num" }, m.founderCount),
                  h("td", { class: "num" }, m.executiveCount),
                  h("td", { class: "num" }, m.alumniCount),
                  h("td", {}, (m.company?.needs ?? []).map((n) => NEED_KINDS[n.kind] ?? n.kind).join("、")),
                  h("td", { class: "people" }, alumniText(m)),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (err) {
      clear(out, errorBox(err));
    }
  };

  clear(
    root,
    h(
      "div",
      { class: "partners-view" },
      h("h1", {}, "合作企业查找"),
      h("p", { class: "note" }, "在行业和地区中寻找有在职校友的企业（含下级行业与地区）。"),
      h(
        "div",
        { class: "pickers" },
        treePicker("industry-tree", "行业（GB/T 4754-2017）", () => industries({ level: "SECTION" }), (item) => {
          return industries({ within: item.id, level: NEXT_INDUSTRY[levelOfIndustry(item.code)] });
        }, (item) => { industry = item; }),
        treePicker("region-tree", "地区（GB/T 2260 / 国家）", async () => {
          const countries = await regions({ level: "COUNTRY" });
          return [...countries.filter((c) => c.code === "CN"), ...countries.filter((c) => c.code !== "CN")];
        }, async (item) => {
          if (/^\d{6}$/.test(item.code)) return regions({ within: item.id, level: "CITY" });
          const provinces = await regions({ within: item.id, level: "PROVINCE" });
          return provinces.length ? provinces : regions({ within: item.id, level: "CITY" });
        }, (item) => { region = item; }),
      ),
      h(
        "div",
        { class: "row" },
        h("label", { for: "need" }, "需求类型"),
        need,
        h("button", { type: "button", class: "primary", id: "find-partners", onclick: () => void run() }, "查找"),
        csv,
      ),
      out,
    ),
  );
}

function levelOfIndustry(code: string): string {
  if (/^[A-Z]$/.test(code)) return "SECTION";
  return ({ 2: "DIVISION", 3: "GROUP", 4: "CLASS" } as Record<number, string>)[code.length] ?? "CLASS";
}
