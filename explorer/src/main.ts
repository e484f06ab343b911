// The explorer's shell: sign-in, navigation between the views (hash routes), sign-out.

import "./style.css";
import { clearToken, decodeClaims, describeError, getToken, gql, setToken, setUnauthenticatedHandler } from "./api";
import { clear, h, ROLE_NAMES } from "./ui";
import { renderNetwork } from "./views/network";
import { renderIntroductions } from "./views/introductions";
import { renderPartners } from "./views/partners";
import { renderFunds } from "./views/funds";
import { renderScores } from "./views/scores";

const VIEWS: { route: string; title: string; render: (root: HTMLElement) => void }[] = [
  { route: "network", title: "搜索与关系网", render: renderNetwork },
  { route: "introductions", title: "引荐路径", render: renderIntroductions },
  { route: "partners", title: "合作企业", render: renderPartners },
  { route: "funds", title: "基金年报", render: renderFunds },
  { route: "scores", title: "学院与校友会考评", render: renderScores },
];

const app = document.getElementById("app") as HTMLElement;
let signInMessage = "";
let signInIsError = true;

function scopeText(token: string): string {
  const c = decodeClaims(token);
  if (!c) return "未知身份";
  const parts = [ROLE_NAMES[c.role] ?? c.role];
  if (c.college) parts.push(`学院 ${c.college}`);
  if (c.chapter) parts.push(`校友会 ${c.chapter}`);
  if (c.alumnus) parts.push("本人档案");
  return parts.join(" · ");
}

function expiryText(token: string): string {
  const exp = decodeClaims(token)?.exp;
  return exp ? `有效期至 ${new Date(exp * 1000).toLocaleString("zh-CN", { hour12: false })}` : "";
}

function signOut(message = "", isError = true): void {
  clearToken();
  signInMessage = message;
  signInIsError = isError;
  if (location.hash !== "#/signin") location.hash = "#/signin";
  else route();
}

setUnauthenticatedHandler((message) => signOut(message));

function renderSignIn(): void {
  const input = h("textarea", {
    id: "token",
    rows: 4,
    placeholder: "粘贴 ./scripts/run 打印的令牌，或 alumni-graph token 生成的令牌",
    autocomplete: "off",
    spellcheck: "false",
  });
  const status = h("div", { "aria-live": "polite" });
  if (signInMessage)
    status.append(signInIsError ? h("div", { class: "error", role: "alert" }, signInMessage) : h("p", { class: "note" }, signInMessage));
  const submit = async (ev: Event): Promise<void> => {
    ev.preventDefault();
    const token = input.value.trim().replace(/^Bearer\s+/i, "");
    if (!token) {
      clear(status, h("div", { class: "error", role: "alert" }, "请先粘贴令牌"));
      return;
    }
    if (!decodeClaims(token)) {
      clear(status, h("div", { class: "error", role: "alert" }, "这不是有效的令牌（应为三段以点分隔的 JWT）"));
      return;
    }
    clear(status, h("p", { class: "note" }, "正在验证…"));
    try {
      await gql("query SignInCheck { regions(first: 1) { edges { node { code } } } }", {}, token);
    } catch (err) {
      clear(status, h("div", { class: "error", role: "alert" }, describeError(err)));
      return;
    }
    setToken(token);
    signInMessage = "";
    location.hash = "#/network";
  };
  clear(
    app,
    h(
      "main",
      { class: "signin" },
      h("h1", {}, "校友关系网 · 登录"),
      h(
        "form",
        { onsubmit: (ev: Event) => void submit(ev) },
        h("label", { for: "token" }, "访问令牌（Bearer token）"),
        input,
        h("button", { type: "submit", class: "primary" }, "登录"),
      ),
      status,
      h(
        "p",
        { class: "note" },
        "令牌只保存在本标签页的会话存储中，关闭标签页或退出登录即清除。",
      ),
    ),
  );
  input.focus();
}

function route(): void {
  const token = getToken();
  const name = location.hash.replace(/^#\/?/, "").split("?")[0] || "network";
  if (!token || name === "signin") {
    if (token && name === "signin") {
      location.hash = "#/network";
      return;
    }
    renderSignIn();
    return;
  }
  const view = VIEWS.find((v) => v.route === name) ?? VIEWS[0];
  const main = h("main", { id: "main", tabindex: "-1" });
  const nav = h(
    "nav",
    { "aria-label": "视图" },
    VIEWS.map((v) =>
      h("a", { href: `#/${v.route}`, "aria-current": v === view ? "page" : undefined }, v.title),
    ),
    h("a", { href: "graphiql/", class: "ide" }, "GraphiQL"),
  );
  const header = h(
    "header",
    {},
    h("a", { class: "skip", href: "#main", onclick: (ev: Event) => { ev.preventDefault(); main.focus(); } }, "跳到内容"),
    h("span", { class: "brand" }, "校友关系网"),
    nav,
    h(
      "div",
      { class: "who" },
      h("span", { id: "scope", title: expiryText(token) }, scopeText(token)),
      h("button", { type: "button", id: "signout", onclick: () => signOut("已退出登录，令牌已从本标签页清除。", false) }, "退出"),
    ),
  );
  clear(app, header, main);
  document.title = `${view.title} · 校友关系网`;
  view.render(main);
}

window.addEventListener("hashchange", route);
route();
