"""Reads of governance, one module per area; import from the module (`governance.queries.bodies`)."""
