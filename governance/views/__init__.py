"""Views of governance, one module per area."""
