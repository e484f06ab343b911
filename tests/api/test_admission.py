"""Admission control for heavy reads: a bounded number at once per process, the rest wait before
their transaction opens (nothing reaches Neo4j while they wait), within a bounded queue and time,
then are refused with UNAVAILABLE / 503. The "first request" is a slot the test holds itself, so
nothing here depends on timing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.auth import TokenRequest, issue
from api.settings import Settings, load_settings
from graph.core.db import Database
from schema.core.admission import Admission, HeavyReads
from schema.core.permissions import Role

HEAVY = {"query": "{ collegeScorecard(year: 2025) { college { code } raisedCny } }"}
LIGHT = {"query": "{ colleges(first: 1) { totalCount } }"}


@dataclass
class Served:
    """An app with its own heavy-read settings, a client over it and its admission slots."""

    client: httpx.AsyncClient
    admission: Admission
    db: Database
    headers: dict[str, str]

    async def post(self, body: dict[str, Any]) -> httpx.Response:
        """POST one GraphQL request as ADMIN."""
        return await self.client.post("/graphql", json=body, headers=self.headers)

    async def until_waiting(self, n: int) -> None:
        """Let the event loop run until `n` requests wait for a slot."""
        while self.admission.waiting < n:
            await asyncio.sleep(0)


@asynccontextmanager
async def served(settings: Settings, heavy: HeavyReads, compiled: bool = True) -> AsyncIterator[Served]:
    app = create_app(replace(settings, heavy_reads=heavy, compiled_reads=compiled))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            token = issue(settings, TokenRequest(role=Role.ADMIN, subject="test-admission"))
            app.state.db.counter.reset()
            yield Served(client, app.state.admission, app.state.db, {"Authorization": f"Bearer {token}"})


def code_of(res: httpx.Response) -> str:
    [error] = res.json()["errors"]
    return str(error["extensions"]["code"])


async def test_a_heavy_read_waits_for_its_slot_before_any_statement_then_answers(
    settings: Settings, db: Database
) -> None:
    async with served(settings, HeavyReads(concurrency=1, wait_s=600, queue=4)) as api:
        # given the only slot taken (a first heavy read still running)
        async with api.admission.admit("fundReport"):
            # when a second heavy read arrives
            second = asyncio.create_task(api.post(HEAVY))
            await api.until_waiting(1)
            # then it waits, and Neo4j has seen nothing of it
            assert not second.done() and api.db.counter.count == 0
        # and once the slot is free it answers as usual
        res = await second
    assert res.status_code == 200 and res.json() == {"data": {"collegeScorecard": []}}
    assert api.db.counter.count >= 1
    assert api.admission.peak == 1 and api.admission.running == 0 and api.admission.waiting == 0


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "resolvers"])
async def test_a_heavy_read_without_a_free_slot_is_refused_before_any_statement(
    settings: Settings, db: Database, compiled: bool
) -> None:
    # given the only slot taken
    async with (
        served(settings, HeavyReads(concurrency=1, wait_s=0), compiled) as api,
        api.admission.admit("fundReport"),
    ):
        # when a heavy read arrives, and a light one
        refused = await api.post(HEAVY)
        statements = api.db.counter.count
        light = await api.post(LIGHT)
    # then the heavy one is refused with a coded error, 503 and Retry-After, having sent nothing
    assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
    assert code_of(refused) == "UNAVAILABLE" and refused.json()["data"] is None
    assert "heavy_reads=1" in refused.json()["errors"][0]["message"]
    assert statements == 0 and api.admission.refused == 1
    # and the light one is not held back
    assert light.status_code == 200 and light.json() == {"data": {"colleges": {"totalCount": 0}}}


async def test_the_queue_of_waiting_heavy_reads_is_bounded(settings: Settings, db: Database) -> None:
    async with served(settings, HeavyReads(concurrency=1, wait_s=600, queue=1)) as api:
        # given the only slot taken and one heavy read waiting
        async with api.admission.admit("fundReport"):
            waiting = asyncio.create_task(api.post(HEAVY))
            await api.until_waiting(1)
            # when one more arrives
            refused = await api.post(HEAVY)
            # then it is refused at once, having sent nothing
            assert refused.status_code == 503 and code_of(refused) == "UNAVAILABLE"
            assert "1 are waiting" in refused.json()["errors"][0]["message"]
            assert api.db.counter.count == 0
        # and the waiting one answers once the slot is free
        assert (await waiting).json() == {"data": {"collegeScorecard": []}}


async def test_concurrent_heavy_reads_run_one_at_a_time_and_all_answer(
    settings: Settings, db: Database
) -> None:
    async with served(settings, HeavyReads(concurrency=1, wait_s=600, queue=8)) as api:
        # when four heavy reads arrive together
        answers = await asyncio.gather(*(api.post(HEAVY) for _ in range(4)))
    # then every one answered, never more than one at a time
    assert [a.status_code for a in answers] == [200] * 4
    assert all(a.json() == {"data": {"collegeScorecard": []}} for a in answers)
    assert api.admission.peak == 1 and api.admission.running == 0


async def test_a_waiter_that_goes_away_keeps_no_slot() -> None:
    # given one slot, taken, and a waiter
    admission = Admission(HeavyReads(concurrency=1, wait_s=600))

    async def heavy() -> None:
        async with admission.admit("fundReport"):
            pass

    async with admission.admit("fundReport"):
        waiter = asyncio.create_task(heavy())
        while admission.waiting < 1:
            await asyncio.sleep(0)
        # when its client goes away
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        assert admission.waiting == 0
    # then the slot is free again for the next one
    assert admission.running == 0
    await heavy()
    assert admission.running == 0


async def test_slots_go_to_the_longest_waiter_first() -> None:
    # given one slot, taken, and three waiters in order
    admission = Admission(HeavyReads(concurrency=1, wait_s=600))
    order: list[int] = []

    async def heavy(n: int) -> None:
        async with admission.admit("donorRetention"):
            order.append(n)

    async with admission.admit("donorRetention"):
        tasks = []
        for n in range(3):
            tasks.append(asyncio.create_task(heavy(n)))
            while admission.waiting < n + 1:
                await asyncio.sleep(0)
    # when the slot frees
    await asyncio.gather(*tasks)
    # then they ran first come, first served, one at a time
    assert order == [0, 1, 2] and admission.peak == 1


def test_the_heavy_read_caps_are_read_from_the_environment() -> None:
    # given / when
    env = {
        "NEO4J_URI": "bolt://127.0.0.1:7687",
        "ALUMNI_GRAPH_HEAVY_READS": "3",
        "ALUMNI_GRAPH_HEAVY_WAIT_S": "2.5",
        "ALUMNI_GRAPH_HEAVY_QUEUE": "7",
    }
    heavy = load_settings(env).heavy_reads
    # then, and the defaults
    assert (heavy.concurrency, heavy.wait_s, heavy.queue) == (3, 2.5, 7)
    default = load_settings({"NEO4J_URI": "bolt://127.0.0.1:7687"}).heavy_reads
    assert (default.concurrency, default.wait_s, default.queue) == (2, 30.0, 32)
    assert default.fields == {"fundReport", "donorRetention", "collegeScorecard"}


async def test_the_fund_pdf_is_a_heavy_read_too(settings: Settings, db: Database) -> None:
    # given the only slot taken
    async with (
        served(settings, HeavyReads(concurrency=1, wait_s=0)) as api,
        api.admission.admit("fundReport"),
    ):
        # when the yearly PDF of a fund is asked for
        res = await api.client.get(
            "/reports/fund.pdf", params={"fund": "RnVuZDp4", "year": "2025"}, headers=api.headers
        )
    # then it is refused like the field, before any statement
    assert res.status_code == 503 and res.headers["retry-after"] == "1"
    assert code_of(res) == "UNAVAILABLE" and api.db.counter.count == 0


async def test_an_anonymous_heavy_read_neither_waits_nor_queues(settings: Settings, db: Database) -> None:
    # given the only slot taken
    async with (
        served(settings, HeavyReads(concurrency=1, wait_s=600, queue=1)) as api,
        api.admission.admit("fundReport"),
    ):
        # when a heavy read comes without a token
        res = await api.client.post("/graphql", json=HEAVY)
        # then it is refused for what it is, at once, taking no place in the queue
        assert code_of(res) in ("UNAUTHENTICATED", "FORBIDDEN")
        assert api.admission.waiting == 0 and api.admission.refused == 0
