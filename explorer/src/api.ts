// Talks to the public GraphQL API with the signed-in user's token. Nothing is cached: every
// answer belongs to the token that asked, and the token lives only in this tab's sessionStorage.

const TOKEN_KEY = "alumni-graph.token";
const ENDPOINT = "/graphql";

export interface Claims {
  role: string;
  sub?: string;
  college?: string;
  chapter?: string;
  alumnus?: string;
  exp?: number;
}

export class ApiError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CODE_TEXT: Record<string, string> = {
  UNAUTHENTICATED: "登录已失效或令牌无效，请重新登录",
  FORBIDDEN: "当前身份无权查看这些数据",
  NOT_FOUND: "没有找到该记录（可能不在您的权限范围内）",
  BAD_USER_INPUT: "输入有误",
  QUERY_TOO_COMPLEX: "查询过于复杂，请缩小范围",
  INTERNAL: "服务器内部错误，请稍后再试",
  NETWORK: "无法连接服务器",
  HTTP: "服务器返回错误",
};

/** A readable Chinese sentence for an error, with the server's own words after it. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const head = CODE_TEXT[err.code] ?? `错误（${err.code}）`;
    return err.message ? `${head}：${err.message}` : head;
  }
  if (err instanceof Error) return `出错了：${err.message}`;
  return `出错了：${String(err)}`;
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The token's claims, read (not verified: the server verifies) to show the role and scope. */
export function decodeClaims(token: string): Claims | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Claims;
    return typeof claims.role === "string" ? claims : null;
  } catch {
    return null;
  }
}

let onUnauthenticated: (message: string) => void = () => undefined;

/** Called when the server refuses the token (expired, invalid): the app goes back to sign-in. */
export function setUnauthenticatedHandler(handler: (message: string) => void): void {
  onUnauthenticated = handler;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Run one GraphQL document; throws ApiError with the first error's code. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const bearer = token ?? getToken();
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let res: Response;
  try {
    res = await fetch(ENDPOINT, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
      cache: "no-store",
      credentials: "omit",
    });
  } catch (exc) {
    throw new ApiError("NETWORK", exc instanceof Error ? exc.message : String(exc));
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError("HTTP", `HTTP ${res.status}`);
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? (res.status === 401 ? "UNAUTHENTICATED" : "INTERNAL");
    const err = new ApiError(code, first.message);
    if (code === "UNAUTHENTICATED" && token === undefined) onUnauthenticated(describeError(err));
    throw err;
  }
  if (!res.ok || body.data == null) throw new ApiError("HTTP", `HTTP ${res.status}`);
  return body.data;
}

/** A file from an authenticated route (e.g. /reports/fund.pdf), fetched with the token in the
 * Authorization header (never in the URL); errors come back in the GraphQL errors shape. */
export async function fetchFile(path: string, params: Record<string, string>): Promise<{ blob: Blob; filename: string }> {
  const bearer = getToken();
  const headers: Record<string, string> = bearer ? { Authorization: `Bearer ${bearer}` } : {};
  let res: Response;
  try {
    res = await fetch(`${path}?${new URLSearchParams(params).toString()}`, { headers, cache: "no-store", credentials: "omit" });
  } catch (exc) {
    throw new ApiError("NETWORK", exc instanceof Error ? exc.message : String(exc));
  }
  if (!res.ok) {
    let body: GraphQLResponse<unknown> = {};
    try {
      body = (await res.json()) as GraphQLResponse<unknown>;
    } catch {
      throw new ApiError("HTTP", `HTTP ${res.status}`);
    }
    const first = body.errors?.[0];
    const err = new ApiError(first?.extensions?.code ?? (res.status === 401 ? "UNAUTHENTICATED" : "HTTP"), first?.message ?? `HTTP ${res.status}`);
    if (err.code === "UNAUTHENTICATED") onUnauthenticated(describeError(err));
    throw err;
  }
  const named = /filename="?([^";]+)"?/.exec(res.headers.get("Content-Disposition") ?? "");
  return { blob: await res.blob(), filename: named ? named[1] : path.split("/").pop() ?? "download" };
}
