"""Neo4j access for alumni-graph: driver wrapper, Cypher, repositories, migrations, bundles."""
