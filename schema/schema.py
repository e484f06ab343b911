"""The root Query and Mutation types and the executable schema."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from schema.alumni import AlumniMutation, AlumniQuery, Alumnus, alumnus_by_id
from schema.bundle import BundleMutation
from schema.careers import CareersQuery, Industry, industry_by_id
from schema.context import Context
from schema.errors import not_found
from schema.extensions import ErrorPolicy
from schema.geography import Region, RegionQuery, region_by_id
from schema.institutions import Class_, College, InstitutionsQuery, class_by_id, college_by_id
from schema.permissions import IsAuthenticated
from schema.relay import Node, from_global_id

Resolver = Callable[[strawberry.Info[Context, None], str], Awaitable[Any]]

NODE_RESOLVERS: dict[str, Resolver] = {
    "Alumnus": alumnus_by_id,
    "College": college_by_id,
    "Class": class_by_id,
    "Region": region_by_id,
    "Industry": industry_by_id,
}


@strawberry.type
class NodeQuery:
    """`node(id:)`: any object by its global ID."""

    @strawberry.field(
        description="Any object by its global ID; NOT_FOUND if it does not exist or is outside your scope.",
        permission_classes=[IsAuthenticated],
    )
    async def node(
        self,
        info: strawberry.Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="A global ID.")],
    ) -> Node | None:
        """Resolve one node."""
        type_name, node_id = from_global_id(id)
        resolver = NODE_RESOLVERS.get(type_name)
        found = await resolver(info, node_id) if resolver else None
        if found is None:
            raise not_found(type_name if resolver else "node")
        return found  # type: ignore[no-any-return]


@strawberry.type(description="Read the alumni graph.")
class Query(NodeQuery, AlumniQuery, InstitutionsQuery, RegionQuery, CareersQuery):
    """Root query: every aggregate's fields."""


@strawberry.type(description="Change the alumni graph; every mutation is audited.")
class Mutation(AlumniMutation, BundleMutation):
    """Root mutation: every aggregate's mutations."""


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    types=[Alumnus, College, Class_, Region, Industry],
    extensions=[ErrorPolicy],
)
