"""The coordinator's dashboard (`/koordinator/`, URL namespace `dashboard`) and what belongs to it.

- `views`, `urls`, `forms`: the pages (dashboard, member list and page, exports, bulk email,
  jobs, the obligations list);
- `queries`: the dashboard's member figures and the latest changes; `sections`: its parts read
  from billing, governance, activities and the obligations check;
- `member_list`, `member_page`: the member list's filters and rows, one member's page;
- `exports` (CSV/Excel), `charts` (SVG bar charts), `bulk_email` (with its Celery task),
  `jobs` (progress of long jobs).

Templates are in templates/network/dashboard/.
"""
