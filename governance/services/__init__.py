"""Actions of governance, one module per area: bodies and terms, elections, meetings."""
