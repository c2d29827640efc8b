"""Meetings, cases with NN/YY numbers, decisions and minutes (R8): see issue 6."""
