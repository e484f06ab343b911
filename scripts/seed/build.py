"""One generation, step by step: institutions, companies, people, association, giving, engagement."""

from __future__ import annotations

import random
import time
from pathlib import Path

from scripts.seed.careers import CompanyIndex
from scripts.seed.chapters import build_chapters
from scripts.seed.companies import build_companies
from scripts.seed.contacts import Contacts
from scripts.seed.donations import build_donations
from scripts.seed.events import build_events
from scripts.seed.giving import build_funds
from scripts.seed.institutions import build_classes, build_colleges
from scripts.seed.membership import build_memberships
from scripts.seed.network import build_liaisons, build_relations
from scripts.seed.outreach import build_awards, build_interactions
from scripts.seed.people import Registry, build_students
from scripts.seed.publicity import build_cooperations, build_stories
from scripts.seed.staff import StaffNumbers, build_honorary, build_leaders, build_teachers
from scripts.seed.world import World
from scripts.seed.writer import Summary, open_bundle

DEFAULT_SEED = 20261126
MIN_ALUMNI = 200


def _people(world: World) -> None:
    """Staff first (leaders and fundraisers are needed later), then students, then honorary alumni."""
    n = world.alumni
    world.staff_of = [[] for _ in world.colleges]
    world.fundraisers = [[] for _ in world.colleges]
    leaders = 7 + 2 * len(world.colleges)
    teachers, honorary = round(n * 0.012), max(3, round(n * 0.003))
    build_classes(world, n - leaders - teachers - honorary)
    build_companies(world)
    registry, numbers = Registry(Contacts(), CompanyIndex.of(world)), StaffNumbers()
    build_leaders(world, registry, numbers)
    build_teachers(world, registry, numbers, teachers)
    build_students(world, registry)
    build_honorary(world, registry, honorary)


def _populate(world: World) -> None:
    build_colleges(world)
    _people(world)
    build_chapters(world)
    build_memberships(world)
    build_liaisons(world)
    build_relations(world)
    build_funds(world)
    build_donations(world)
    build_events(world)
    build_interactions(world)
    build_awards(world)
    build_cooperations(world)  # last: earlier files stay as they were for a seed
    build_stories(world)


def generate(out_dir: Path, alumni: int, seed: int = DEFAULT_SEED) -> Summary:
    """Write a complete bundle of about `alumni` alumni to `out_dir`; same arguments, same bytes."""
    if alumni < MIN_ALUMNI:
        raise ValueError(f"generate at least {MIN_ALUMNI} alumni (asked for {alumni})")
    started = time.perf_counter()
    with open_bundle(out_dir) as out:
        _populate(World(random.Random(seed), out, alumni))  # noqa: S311 (test data, not secrets)
    elapsed = time.perf_counter() - started
    return Summary(out_dir, dict(out.counts), out.size(), elapsed, alumni, seed)
