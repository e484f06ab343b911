"""The GraphQL schema of alumni-graph: types, inputs, queries, mutations, permissions, loaders."""
