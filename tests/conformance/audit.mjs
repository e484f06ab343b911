// Runs the graphql-http server audit (GraphQL over HTTP spec) against URL (argv[2]) as the
// holder of AUDIT_TOKEN, printing one JSON line per audit result.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
const token = process.env.AUDIT_TOKEN;
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers || {});
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
const results = await auditServer({ url, fetchFn });
for (const r of results) {
  console.log(JSON.stringify({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? null }));
}
