"""Read your own writes: every session of the API shares one bookmark manager (graph.core.db.Database),
so the request after a write reads it even when a cluster routes reads to another member."""

from __future__ import annotations

from tests.conftest import Api

CREATE = """
mutation ($input: CreateCollegeInput!) {
  createCollege(input: $input) { college { code } userErrors { code } }
}
"""
READ = "{ colleges(first: 10) { nodes { code name } } }"


async def test_the_request_after_a_write_reads_it_through_the_shared_bookmarks(api: Api) -> None:
    # given the bookmarks the app's sessions wait for now
    before = await api.app_db.bookmarks()
    # when one request writes and the next one reads
    created = await api.data(CREATE, {"input": {"code": "CAUSAL", "name": "Causal College"}})
    bookmarks = await api.app_db.bookmarks()
    read = await api.data(READ)
    # then the write's bookmark is the one every later session waits for, and the read sees it
    assert created["createCollege"] == {"college": {"code": "CAUSAL"}, "userErrors": []}
    assert bookmarks and bookmarks != before
    assert {"code": "CAUSAL", "name": "Causal College"} in read["colleges"]["nodes"]
