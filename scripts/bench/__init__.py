"""The benchmark (`alumni-graph bench`): our API against raw Cypher and the Neo4j GraphQL Library.

Each scenario is asked three ways on the same database — the hand-written Cypher statement
through the driver, our API over HTTP and the peer (bench/peer) over HTTP — timed sequentially,
and the three answers are normalised and compared. A safety section sends both servers the same
hostile documents. See README.md, "Benchmark".
"""
