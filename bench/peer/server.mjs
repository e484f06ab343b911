// The benchmark's peer: the Neo4j GraphQL Library (@neo4j/graphql) over the same Neo4j database as
// alumni-graph, served with graphql-http's Node handler on 127.0.0.1:PORT.
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE (default neo4j), PORT.
import { readFile } from 'node:fs/promises';
import http from 'node:http';

import { Neo4jGraphQL } from '@neo4j/graphql';
import { createHandler } from 'graphql-http/lib/use/http';
import neo4j from 'neo4j-driver';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const here = (file) => new URL(file, import.meta.url);
const typeDefs = [
  await readFile(here('./nodes.graphql'), 'utf8'),
  await readFile(here('./questions.graphql'), 'utf8'),
].join('\n');

const driver = neo4j.driver(
  env('NEO4J_URI'),
  neo4j.auth.basic(env('NEO4J_USER', 'neo4j'), env('NEO4J_PASSWORD')),
);
const database = env('NEO4J_DATABASE', 'neo4j');
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const graphql = createHandler({ schema, context: () => ({ sessionConfig: { database } }) });

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  } else if (req.url.startsWith('/graphql')) {
    graphql(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  } else {
    res.writeHead(404).end();
  }
});

const port = Number(env('PORT', '4000'));
server.listen(port, '127.0.0.1', () => console.log(`peer: GraphQL at http://127.0.0.1:${port}/graphql`));

const stop = () => server.close(() => driver.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
