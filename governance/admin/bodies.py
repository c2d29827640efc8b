"""Admin for bodies, terms and elections."""
