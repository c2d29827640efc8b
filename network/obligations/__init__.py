"""The yearly obligations check (R6): each member's four minimum obligations, read over members,
billing and activities.

- `rules`: the obligations, the verdict (a pure function) and the reads for a year or one member;
- `portal`: the member portal's checklist section.

The coordinator's list of every member's obligations is a dashboard page
(`network.dashboard.views.obligations_list`).
"""
