"""Entry points: the `alumni-graph` CLI, the local Neo4j runner, the seed generator, the benchmark."""
