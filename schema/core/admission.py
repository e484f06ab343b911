"""Admission control for heavy reads: at most `concurrency` of them run at once in this process.

The yearly reports read a whole year of giving or every college; sixteen at once on a small
machine each take sixteen times as long and all of them run into the transaction timeout. So a
root field named in `HeavyReads.fields` waits for a slot BEFORE its resolver (or compiled
statement) runs, so before its transaction opens: queueing does not eat the transaction timeout.
The wait is bounded twice: at most `queue` requests wait at once, each at most `wait_s` seconds;
past either, the field is refused with UNAVAILABLE (HTTP 503 with `Retry-After`) and sends
nothing to Neo4j. A freed slot goes to the longest waiter (first come, first served).
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from graphql import OperationType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.core.errors import ApiError, ErrorCode

HEAVY_FIELDS = frozenset({"fundReport", "donorRetention", "collegeScorecard"})


@dataclass(frozen=True)
class HeavyReads:
    """How many heavy reads run at once, how many may wait and for how long; defaults in the README."""

    concurrency: int = 2
    "Heavy root fields answered at once by this process; 0 turns admission control off."
    wait_s: float = 30.0
    "Longest wait for a slot; 0 refuses at once when every slot is taken."
    queue: int = 32
    "Requests waiting at once; one more is refused at once."
    fields: frozenset[str] = HEAVY_FIELDS


class Busy(ApiError):
    """A heavy read refused for want of a slot (UNAVAILABLE; the edge answers 503, Retry-After)."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(ErrorCode.UNAVAILABLE, message)
        self.retry_after_s = retry_after_s


class Admission:
    """The slots of one process (one per app); `admit` holds one for the duration of a field."""

    def __init__(self, config: HeavyReads) -> None:
        self.config = config
        self.running = 0
        self.peak = 0
        self.refused = 0
        self.waiters: deque[asyncio.Future[None]] = deque()

    def heavy(self, field: str) -> bool:
        """True when `field` (a root field of a query) must be admitted."""
        return self.config.concurrency > 0 and field in self.config.fields

    @property
    def waiting(self) -> int:
        """Requests waiting for a slot now."""
        return len(self.waiters)

    @asynccontextmanager
    async def admit(self, field: str) -> AsyncIterator[None]:
        """Hold a slot while the block runs; Busy when none frees in time or the queue is full."""
        await self._acquire(field)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, field: str) -> None:
        cfg = self.config
        if self.running < cfg.concurrency and not self.waiters:
            self._take()
            return
        if cfg.wait_s <= 0 or len(self.waiters) >= cfg.queue:
            raise self._busy(field, "no slot is free" if cfg.wait_s <= 0 else f"{cfg.queue} are waiting")
        slot: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiters.append(slot)
        try:
            async with asyncio.timeout(cfg.wait_s):
                await slot
        except TimeoutError:
            if slot.done() and not slot.cancelled():
                return  # handed a slot just as the wait ran out: it is ours
            self._forget(slot)
            raise self._busy(field, f"none freed within {cfg.wait_s:g} s") from None
        except asyncio.CancelledError:
            if slot.done() and not slot.cancelled():
                self._release()  # handed a slot, but the request is gone: pass it on
            else:
                self._forget(slot)
            raise

    def _take(self) -> None:
        self.running += 1
        self.peak = max(self.peak, self.running)

    def _release(self) -> None:
        """Hand the slot to the longest waiter still waiting, or free it."""
        while self.waiters:
            slot = self.waiters.popleft()
            if not slot.done():
                slot.set_result(None)  # `running` is unchanged: the slot changes hands
                return
        self.running -= 1

    def _forget(self, slot: asyncio.Future[None]) -> None:
        if slot in self.waiters:
            self.waiters.remove(slot)
        slot.cancel()

    def _busy(self, field: str, why: str) -> Busy:
        self.refused += 1
        retry = max(1, math.ceil(self.config.wait_s / 2))
        return Busy(
            f"{field}: too many heavy reads at once ({self.config.concurrency} running, {why}); "
            f"try again in {retry} s (caps heavy_reads={self.config.concurrency}, "
            f"heavy_wait_s={self.config.wait_s:g}, heavy_queue={self.config.queue})",
            retry,
        )


class AdmissionControl(StrawberryGraphQLCoreExecutionContext):
    """Executor part: a heavy root field of a query is admitted before it runs (compiled or not)."""

    def execute_field(
        self,
        parent_type: Any,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        """Heavy root fields of a query through `Admission.admit`; everything else as before."""
        if path.prev is None and self.operation.operation is OperationType.QUERY:
            name = field_details_list[0].node.name.value
            gate: Admission | None = getattr(self.context_value, "admission", None)
            # An anonymous caller is refused by the field at once: it neither waits nor queues.
            if gate is not None and gate.heavy(name) and self.context_value.principal is not None:
                args = (parent_type, source, field_details_list, path, position_context)
                return self._admitted(gate, name, args)
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    async def _admitted(self, gate: Admission, name: str, args: tuple[Any, ...]) -> Any:
        """Run the field (as the next executor in line would) once admitted; Busy as a field error."""
        parent_type, _, details, path, _ = args
        try:
            async with gate.admit(name):
                value = super().execute_field(*args)
                return await value if self.is_awaitable(value) else value
        except Busy as busy:
            _say_busy(self.context_value, busy)
            field_def = self.schema.get_field(parent_type, name)
            assert field_def is not None  # validated: the field exists
            self.handle_field_error(busy, field_def.type, details, path)
            return None


def _say_busy(context: Any, busy: Busy) -> None:
    """503 with Retry-After on the HTTP response (when there is one)."""
    response = getattr(context, "response", None)
    if response is not None and hasattr(response, "headers"):
        response.status_code = 503
        response.headers["retry-after"] = str(busy.retry_after_s)
