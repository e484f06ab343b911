// The college scorecard and chapter activity of a year: sortable tables, each with a bar chart
// of the column it is sorted by.

import { gql } from "../api";
import { barChart, clear, errorBox, fen, h, loading, money, sortableTable, type Column } from "../ui";

const SCORECARD = `query Scorecard($year: Int!) {
  collegeScorecard(year: $year) {
    college { code name }
    alumniCount completeProfiles eventsHeld attendance interactions raisedCny donorCount largestGiftCny
  }
}`;
const ACTIVITY = `query ChapterActivity($year: Int!) {
  chapterActivity(year: $year) {
    chapter { code name kind }
    eventsOrganized attendance memberCount newMembers interactions
  }
}`;

interface CollegeRow {
  college: { code: string; name: string } | null;
  alumniCount: number;
  completeProfiles: number;
  eventsHeld: number;
  attendance: number;
  interactions: number;
  raisedCny: string;
  donorCount: number;
  largestGiftCny: string;
}
interface ChapterRow {
  chapter: { code: string; name: string; kind: string } | null;
  eventsOrganized: number;
  attendance: number;
  memberCount: number;
  newMembers: number;
  interactions: number;
}

const num = <R>(key: keyof R & string, title: string): Column<R> => ({ key, title, numeric: true, value: (r) => r[key] as number });

const COLLEGE_COLUMNS: Column<CollegeRow>[] = [
  { key: "college", title: "学院", value: (r) => r.college?.name ?? "" },
  num("alumniCount", "校友数"),
  num("completeProfiles", "完整档案"),
  num("eventsHeld", "举办活动"),
  num("attendance", "参加人次"),
  num("interactions", "联络次数"),
  { key: "raisedCny", title: "到账金额", numeric: true, value: (r) => fen(r.raisedCny), render: (r) => money(r.raisedCny) },
  num("donorCount", "捐赠人"),
  { key: "largestGiftCny", title: "最大单笔", numeric: true, value: (r) => fen(r.largestGiftCny), render: (r) => money(r.largestGiftCny) },
];

const CHAPTER_COLUMNS: Column<ChapterRow>[] = [
  { key: "chapter", title: "校友会", value: (r) => r.chapter?.name ?? "" },
  num("eventsOrganized", "举办活动"),
  num("attendance", "参加人次"),
  num("memberCount", "会员数"),
  num("newMembers", "新会员"),
  num("interactions", "联络次数"),
];

function tableWithChart<R>(
  target: HTMLElement,
  caption: string,
  columns: Column<R>[],
  rows: R[],
  label: (r: R) => string,
  initial: string,
): void {
  const chart = h("div", { class: "chart-slot" });
  const table = sortableTable(columns, rows, {
    caption,
    initial,
    descending: true,
    onSort: (col, sorted) => {
      const numeric = col.numeric ? col : columns.find((c) => c.numeric)!;
      clear(
        chart,
        barChart(
          `${caption}：${numeric.title}`,
          sorted.map((r) => ({ label: label(r), value: Number(numeric.value(r)), text: numeric.render ? String(numeric.render(r)) : undefined })),
        ),
      );
    },
  });
  clear(target, chart, table);
}

export function renderScores(root: HTMLElement): void {
  const thisYear = new Date().getFullYear();
  const year = h(
    "select",
    { id: "score-year" },
    Array.from({ length: 12 }, (_, i) => thisYear - i).map((y) => h("option", { value: y, selected: y === thisYear - 1 }, `${y} 年`)),
  );
  const colleges = h("section", { id: "scorecard", "aria-live": "polite" });
  const chapters = h("section", { id: "activity", "aria-live": "polite" });

  const show = (): void => {
    const y = Number(year.value);
    clear(colleges, loading());
    clear(chapters, loading());
    gql<{ collegeScorecard: CollegeRow[] }>(SCORECARD, { year: y })
      .then((d) => tableWithChart(colleges, `${y} 年学院考评`, COLLEGE_COLUMNS, d.collegeScorecard, (r) => r.college?.name ?? "", "raisedCny"))
      .catch((err: unknown) => clear(colleges, h("h2", {}, "学院考评"), errorBox(err)));
    gql<{ chapterActivity: ChapterRow[] }>(ACTIVITY, { year: y })
      .then((d) => tableWithChart(chapters, `${y} 年校友会活跃度`, CHAPTER_COLUMNS, d.chapterActivity, (r) => r.chapter?.name ?? "", "eventsOrganized"))
      .catch((err: unknown) => clear(chapters, h("h2", {}, "校友会活跃度"), errorBox(err)));
  };
  year.addEventListener("change", show);
  clear(
    root,
    h(
      "div",
      { class: "scores-view" },
      h("h1", {}, "学院考评与校友会活跃度"),
      h("p", { class: "note" }, "点击表头排序；柱状图随排序的列变化。"),
      h("div", { class: "row" }, h("label", { for: "score-year" }, "年度"), year),
      colleges,
      chapters,
    ),
  );
  show();
}
