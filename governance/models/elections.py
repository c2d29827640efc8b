"""Annual elections to the steering group (R7): see issue 5."""
