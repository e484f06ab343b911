// The side panel: one node's details (as the token's scope allows) and links onward.

import { gql } from "../api";
import { clear, EMPLOYMENT_ROLES, errorBox, h, loading, money, NEED_KINDS, TYPE_NAMES } from "../ui";

const DETAIL = `query Detail($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Alumnus {
      name externalId gender birthYear kinds email phone notable notableNote
      city { name }
      education { name graduationYear college { name } }
      employments(current: true) { title role company { id name } }
      memberships { role chapter { id name } }
    }
    ... on Company { name creditCode size website industry { name } city { name } needs { kind description } alumniCount }
    ... on Chapter { name code chapterKind: kind chapterStatus: status foundedYear region { name } industry { name } college { name } }
    ... on College { name code alumniCount }
    ... on Class { name code major entryYear graduationYear alumniCount college { name } }
    ... on Region { name code regionLevel: level }
    ... on Industry { name code industryLevel: level }
    ... on Event { name code eventKind: kind date region { name } }
    ... on Fund { name code fundKind: kind fundStatus: status goalCny raisedCny college { name } }
  }
}`;

type Any = Record<string, unknown> & { __typename: string; id: string; name?: string };
type Named = { id?: string; name: string } | null | undefined;

const CHAPTER_KINDS: Record<string, string> = { GENERAL: "总会", COLLEGE: "学院校友会", REGIONAL: "地方校友会", INDUSTRY: "行业校友会" };
const GENDER: Record<string, string> = { M: "男", F: "女" };
const MEMBER_ROLES: Record<string, string> = { PRESIDENT: "会长", VICE_PRESIDENT: "副会长", SECRETARY: "秘书长", MEMBER: "会员" };

function row(label: string, value: Node | string | number | null | undefined): HTMLElement | null {
  if (value === null || value === undefined || value === "") return null;
  return h("div", { class: "kv" }, h("dt", {}, label), h("dd", {}, value instanceof Node ? value : String(value)));
}

function name(n: unknown): string | undefined {
  return (n as Named)?.name;
}

type Link = (target: Named, text?: string) => Node | string;

function joined(parts: (Node | string)[]): HTMLElement | null {
  if (!parts.length) return null;
  const out = h("span", {});
  parts.forEach((p, i) => out.append(...(i ? ["；", p] : [p])));
  return out;
}

function rows(n: Any, link: Link): (HTMLElement | null)[] {
  switch (n.__typename) {
    case "Alumnus": {
      const edu = (n.education as { name: string; graduationYear: number | null; college: Named }[]) ?? [];
      const jobs = (n.employments as { title: string | null; role: string | null; company: Named }[]) ?? [];
      const chapters = (n.memberships as { role: string; chapter: Named }[]) ?? [];
      return [
        row("学号/工号", n.externalId as string),
        row("性别", GENDER[n.gender as string] ?? null),
        row("出生年份", n.birthYear as number),
        row("所在城市", name(n.city)),
        row("邮箱", n.email as string | null),
        row("电话", n.phone as string | null),
        row("知名校友", n.notable ? `是${n.notableNote ? "：" + String(n.notableNote) : ""}` : null),
        row("就读", edu.map((c) => `${c.name}${c.college ? "（" + c.college.name + "）" : ""}`).join("；")),
        row("现任职", joined(jobs.map((j) => h("span", {}, link(j.company), ` ${j.title ?? ""}${j.role ? "（" + (EMPLOYMENT_ROLES[j.role] ?? j.role) + "）" : ""}`)))),
        row("校友会", joined(chapters.map((m) => h("span", {}, link(m.chapter), `（${MEMBER_ROLES[m.role] ?? m.role}）`)))),
      ];
    }
    case "Company": {
      const needs = (n.needs as { kind: string; description: string }[]) ?? [];
      const site = n.website as string | null;
      return [
        row("统一社会信用代码", n.creditCode as string),
        row("行业", name(n.industry)),
        row("所在城市", name(n.city)),
        row("规模", n.size as string),
        row("在职校友", n.alumniCount as number),
        row("需求", needs.map((x) => `${NEED_KINDS[x.kind] ?? x.kind}：${x.description}`).join("；")),
        row("网站", site ? h("a", { href: site, rel: "noopener noreferrer", target: "_blank" }, site) : null),
      ];
    }
    case "Chapter":
      return [
        row("代码", n.code as string),
        row("类型", CHAPTER_KINDS[n.chapterKind as string] ?? (n.chapterKind as string)),
        row("状态", n.chapterStatus === "ACTIVE" ? "活跃" : "休眠"),
        row("成立年份", n.foundedYear as number),
        row("地区", name(n.region)),
        row("行业", name(n.industry)),
        row("学院", name(n.college)),
      ];
    case "Fund":
      return [
        row("代码", n.code as string),
        row("学院", name(n.college)),
        row("目标", n.goalCny ? money(n.goalCny as string) : null),
        row("已筹", n.raisedCny ? money(n.raisedCny as string) : null),
      ];
    default:
      return Object.entries(n)
        .filter(([k, v]) => !["__typename", "id", "name"].includes(k) && v !== null && typeof v !== "object")
        .map(([k, v]) => row(k, String(v)))
        .concat([row("所属", name(n.college) ?? name(n.region))]);
  }
}

export async function detailPanel(
  panel: HTMLElement,
  id: string,
  actions: { recenter: (id: string) => void; expand: (id: string) => void; open: (id: string) => void },
): Promise<void> {
  clear(panel, loading());
  try {
    const data = await gql<{ node: Any | null }>(DETAIL, { id });
    const n = data.node;
    if (!n) {
      clear(panel, errorBox(new Error("该节点不存在或不在您的权限范围内")));
      return;
    }
    const link: Link = (target) =>
      target?.id
        ? h("button", { type: "button", class: "node-link", "data-id": target.id, onclick: () => actions.open(target.id!) }, target.name)
        : (target?.name ?? "?");
    const links = h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "expand", onclick: () => actions.expand(n.id) }, "展开邻居"),
      h("button", { type: "button", id: "recenter", onclick: () => actions.recenter(n.id) }, "以此为中心"),
      n.__typename === "Alumnus"
        ? h("a", { href: `#/introductions?from=${encodeURIComponent(n.id)}&fromName=${encodeURIComponent(n.name ?? "")}` }, "查找引荐路径")
        : null,
      n.__typename === "Fund" ? h("a", { href: `#/funds?fund=${encodeURIComponent(n.id)}` }, "查看基金年报") : null,
    );
    clear(
      panel,
      h("p", { class: `badge t-${n.__typename}` }, TYPE_NAMES[n.__typename] ?? n.__typename),
      h("h2", { id: "detail-name" }, n.name ?? n.id),
      h("dl", {}, rows(n, link)),
      links,
    );
  } catch (err) {
    clear(panel, errorBox(err));
  }
}
