"""Where each role starts after login (DESIGN.md, Pages: "each role lands on its own start page").

In network/, the top package, because the steering group is governance's and members may not
import it. The highest role wins: coordinator > billing administrator > steering group > contact.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from billing.roles import is_billing_admin_of
from governance.queries.bodies import is_steering_group_member
from governance.queries.meetings import upcoming_steering_group_meetings
from members.models import User
from members.query_params import next_path
from members.roles import is_coordinator, is_member_contact

COORDINATOR = "coordinator"
FINANCE = "finance"
STEERING = "steering"
CONTACT = "contact"


def main_role(user: User) -> str | None:
    """The user's highest role, or None for a login without one."""
    if is_coordinator(user):
        return COORDINATOR
    if is_billing_admin_of(user):
        return FINANCE
    if is_steering_group_member(user):
        return STEERING
    if is_member_contact(user):
        return CONTACT
    return None


def start_url(user: User, *, today: datetime.date) -> str:
    """The start page of the user's highest role; the public front page for a login without one."""
    role = main_role(user)
    if role == COORDINATOR:
        return reverse("dashboard:home")
    if role == FINANCE:
        return reverse("billing:invoice_list")
    if role == STEERING:
        meeting = upcoming_steering_group_meetings(today).first()
        return reverse("meetings:meeting_detail", args=[meeting.pk]) if meeting else reverse("meetings:meeting_list")
    if role == CONTACT:
        return reverse("members:portal_home")
    return reverse("home")


def safe_next(request) -> str | None:
    """An explicit `next` that is a path on this site, else None (members.query_params.next_path)."""
    return next_path(request)
