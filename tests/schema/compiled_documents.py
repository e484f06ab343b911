"""Documents generated from the schema for the compiled-read parity tests (hypothesis strategies):
random selections of the types compiled reads cover (and some they do not), with aliases, inline and
named fragments, `@skip`/`@include` and nested arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, is_leaf_type
from hypothesis import strategies as st

from tests.schema.compiled_support import COMPILED

SCHEMA: GraphQLSchema = COMPILED._schema
# Fields that are not compiled (the generated documents sometimes ask for one: the root field then
# falls back), and fields left out because their answers depend on what is run (audit, time).
UNCOMPILED_SOMETIMES = {"memberships", "cooperations", "stories"}
SKIPPED = {"attended", "interactions", "donations", "classes", "chapters", "funds", "events", "alumni"}
NESTED_ARGUMENTS = {("Alumnus", "employments"): "current", ("Company", "alumni"): "includeFormer"}


def _named(t: object) -> object:
    while isinstance(t, GraphQLNonNull | GraphQLList):
        t = t.of_type
    return t


@dataclass
class _Doc:
    fragments: list[str] = field(default_factory=list)
    aliases: count[int] = field(default_factory=lambda: count(1))


def _usable(owner: str, name: str, args: dict[str, object]) -> bool:
    if name in UNCOMPILED_SOMETIMES:
        return True
    if name in SKIPPED and (owner, name) not in NESTED_ARGUMENTS:
        return False
    return all(not isinstance(a.type, GraphQLNonNull) for a in args.values())  # type: ignore[attr-defined]


@st.composite
def selection(draw: st.DrawFn, type_name: str, depth: int, doc: _Doc) -> str:
    """A selection set (without braces) on an object type."""
    obj = SCHEMA.get_type(type_name)
    assert isinstance(obj, GraphQLObjectType)
    names = [n for n, f in obj.fields.items() if _usable(type_name, n, f.args)]
    leaves = [n for n in names if is_leaf_type(_named(obj.fields[n].type))]
    objects = [n for n in names if n not in leaves] if depth > 0 else []
    if draw(st.integers(0, 5)) > 0:  # mostly covered fields only, sometimes one that falls back
        objects = [n for n in objects if n not in UNCOMPILED_SOMETIMES]
    chosen = draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=6, unique=True))
    if objects:
        chosen += draw(st.lists(st.sampled_from(objects), max_size=2, unique=True))
    if draw(st.booleans()):
        chosen.append("__typename")
    parts = [draw(_field(type_name, name, depth, doc)) for name in chosen]
    return " ".join(draw(_wrapped(type_name, parts, doc)))


@st.composite
def _field(draw: st.DrawFn, owner: str, name: str, depth: int, doc: _Doc) -> str:
    text = f"a{next(doc.aliases)}: {name}" if draw(st.integers(0, 4)) == 0 else name
    argument = NESTED_ARGUMENTS.get((owner, name))
    if argument and draw(st.booleans()):
        text += f"({argument}: {draw(st.sampled_from(['true', 'false']))})"
    if draw(st.integers(0, 5)) == 0:
        directive = draw(st.sampled_from(["skip", "include"]))
        text += f" @{directive}(if: {draw(st.sampled_from(['true', 'false', '$flag']))})"
    if name != "__typename":
        child = _named(SCHEMA.get_type(owner).fields[name].type)  # type: ignore[union-attr]
        if isinstance(child, GraphQLObjectType):
            text += " { " + draw(selection(child.name, depth - 1, doc)) + " }"
    return text


@st.composite
def _wrapped(draw: st.DrawFn, type_name: str, parts: list[str], doc: _Doc) -> list[str]:
    """Some fields moved into an inline or a named fragment."""
    how = draw(st.sampled_from(["plain", "inline", "named"]))
    if how == "plain" or len(parts) < 2:
        return parts
    cut = draw(st.integers(1, len(parts) - 1))
    inner = " ".join(parts[cut:])
    if how == "inline":
        return [*parts[:cut], f"... on {type_name} {{ {inner} }}"]
    name = f"F{len(doc.fragments) + 1}"
    doc.fragments.append(f"fragment {name} on {type_name} {{ {inner} }}")
    return [*parts[:cut], f"...{name}"]


_TYPES = {
    "alumni": "Alumnus",
    "alumnus": "Alumnus",
    "cooperations": "Cooperation",
    "partnerCompanies": "CompanyMatch",
    "openNeeds": "NeedMatch",
}
_ROWS = {
    "partnerCompanies": 'partnerCompanies(industry: "I", first: {first})',
    "openNeeds": "openNeeds(first: {first})",
}


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """(root, document): a page of alumni, companies or cooperations, one alumnus or company by id, or
    the rows of partnerCompanies or openNeeds."""
    doc = _Doc()
    root = draw(st.sampled_from(["alumni", "companies", "alumnus", "company", *_ROWS, "cooperations"]))
    type_name = _TYPES.get(root, "Company")
    body = draw(selection(type_name, 3, doc))
    first = draw(st.sampled_from([1, 3, 20]))
    if root in _ROWS:
        top = _ROWS[root].format(first=first) + f" {{ {body} flagged: __typename @skip(if: $flag) }}"
        header = "query Q($flag: Boolean!)"
    elif root in ("alumni", "companies", "cooperations"):
        desc = draw(st.booleans())
        top = (
            f"{root}(first: {first}, descending: {str(desc).lower()})"
            f" {{ totalCount flagged: __typename @skip(if: $flag) nodes {{ {body} }} }}"
        )
        header = "query Q($flag: Boolean!)"
    else:
        top = (
            f"node(id: $id) {{ __typename flagged: id @include(if: $flag) ... on {type_name} {{ {body} }} }}"
        )
        header = "query Q($flag: Boolean!, $id: ID!)"
    return root, header + " { " + top + " } " + " ".join(doc.fragments)
