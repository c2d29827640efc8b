"""Admin for meetings and cases."""
