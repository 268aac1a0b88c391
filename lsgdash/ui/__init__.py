"""Layout components, component ids and URL state."""
