"""The floor (what an empty request costs) and the concurrency run (many clients at once)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from scripts.bench.measure import Ask, percentile
from scripts.bench.sides import AnswerError


@dataclass
class Load:
    """One side under `clients` concurrent clients for a while."""

    side: str
    clients: int
    seconds: float = 0.0
    samples_ms: list[float] = field(default_factory=list)
    errors: int = 0
    peak_rss_mb: float | None = None

    @property
    def per_second(self) -> float:
        """Answered requests per second."""
        return len(self.samples_ms) / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "clients": self.clients,
            "requests": len(self.samples_ms),
            "errors": self.errors,
            "requests_per_s": round(self.per_second, 1),
            "p50_ms": percentile(self.samples_ms, 0.5),
            "p99_ms": percentile(self.samples_ms, 0.99),
            "peak_rss_mb": self.peak_rss_mb,
        }


def peak_rss_mb(pid: int | None) -> float | None:
    """The process's peak resident memory so far (Linux VmHWM), in MB; None elsewhere."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


async def concurrently(side: str, ask: Ask, clients: int, seconds: float, pid: int | None) -> Load:
    """`clients` tasks asking in a loop for `seconds`; latency of each answer, throughput, memory."""
    load = Load(side, clients)
    stop_at = time.monotonic() + seconds

    async def client() -> None:
        while time.monotonic() < stop_at:
            t0 = time.perf_counter()
            try:
                await ask()
            except AnswerError:
                load.errors += 1
                continue
            load.samples_ms.append((time.perf_counter() - t0) * 1000)

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(clients)))
    load.seconds = time.monotonic() - started
    load.peak_rss_mb = peak_rss_mb(pid)
    return load


async def healthz(client: httpx.AsyncClient, base_url: str, times: int = 50) -> dict[str, float | None]:
    """p50 / p99 of `GET /healthz` on one keep-alive connection: the HTTP floor of our API."""
    samples: list[float] = []
    for i in range(times + 3):
        t0 = time.perf_counter()
        res = await client.get(base_url + "/healthz")
        if res.status_code != 200:
            raise AnswerError(f"healthz answered {res.status_code}")
        if i >= 3:  # warm-up
            samples.append((time.perf_counter() - t0) * 1000)
    return {"p50_ms": percentile(samples, 0.5), "p99_ms": percentile(samples, 0.99)}
