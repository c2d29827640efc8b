"""Every write in billing goes through these modules (CONVENTIONS §1)."""
