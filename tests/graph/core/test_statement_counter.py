"""The statement counter lives as long as the process: its count is exact, its memory bounded."""

from __future__ import annotations

from graph.core.db import RECENT_STATEMENTS, StatementCounter


def test_the_count_is_exact_and_only_the_recent_texts_are_kept() -> None:
    # given
    counter = StatementCounter()
    # when more statements are recorded than it keeps texts of
    for i in range(RECENT_STATEMENTS + 5):
        counter.record(f"RETURN {i}")
    # then every one is counted, the oldest texts are gone and the newest kept
    assert counter.count == RECENT_STATEMENTS + 5
    assert len(counter.statements) == RECENT_STATEMENTS
    assert counter.statements[0] == "RETURN 5" and counter.statements[-1] == f"RETURN {RECENT_STATEMENTS + 4}"
    # and reset forgets both
    counter.reset()
    assert counter.count == 0 and not counter.statements
