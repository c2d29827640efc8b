"""Access matrix (R12): every URL of the project × six roles × GET and POST, against one table.

The URLs come from the root resolver, so a new page is in the matrix the moment it is routed,
and the test fails until someone says here who may use it. To add a page:

    1. one line in EXPECTED:         "billing:invoice_detail": BILLING,
    2. if its pattern has parameters, one line in KWARGS building them from the test objects
       (tests/security/access.py: build_objects, where objects of other apps belong to org A):
                                     "billing:invoice_detail": lambda o: {"pk": o.invoice_a.pk},

Outcomes (tests/security/access.py): PUBLIC, LOGIN_REQUIRED, COORDINATOR_ONLY, BILLING,
STEERING_GROUP, OWN_ORG (object of organisation A: A's contact and the coordinator), ADMIN,
OWN_CONTACT (A's contact only: giving notice), OWN_ORG_OR_BILLING (A's invoice), MEMBERS_READ
(meetings for member contacts and the steering group), MEMBER_EVENT (members-only event), TOKEN
(a private token in the URL is the key), GROUP_LEAD (a working group's lead and the coordinator).
Everyone not allowed is refused: anonymous → redirect to login (404 where the outcome says so),
a logged-in role → 403 or 404 (405 on GET to a POST-only view), and a refused POST leaves every
row of the project's tables as it was.
"""

from fnmatch import fnmatchcase

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from .access import (
    ADMIN,
    BILLING,
    COORDINATOR_ONLY,
    GROUP_LEAD,
    LOGIN_REQUIRED,
    MEMBER_EVENT,
    MEMBERS_READ,
    OWN_CONTACT,
    OWN_ORG,
    OWN_ORG_OR_BILLING,
    PUBLIC,
    STEERING_GROUP,
    TOKEN,
    all_routes,
    build_objects,
    judge,
    lookup,
)

# ---- THE TABLE: one line per URL name (namespace:name), or one rule for a whole namespace ------------
EXPECTED = {
    # the network's public pages
    "home": PUBLIC,
    "start": LOGIN_REQUIRED,  # each role's start page after login (a redirect)
    "start_here": LOGIN_REQUIRED,  # the same, in the network of the address (the network switcher links here)
    "networks": PUBLIC,  # the site's root: the only network's front page, or the list of networks
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    # allauth (konto/): signing in and out, password reset, login by code — open to all
    "account_login": PUBLIC,
    "account_logout": PUBLIC,
    "account_signup": PUBLIC,  # closed: shows "sign-up is closed" (members are invited)
    "account_inactive": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_request_login_code": PUBLIC,
    "account_confirm_login_code": PUBLIC,
    # allauth: one's own account
    "account_reauthenticate": LOGIN_REQUIRED,
    "account_email": LOGIN_REQUIRED,
    "account_change_password": LOGIN_REQUIRED,
    "account_set_password": LOGIN_REQUIRED,
    # the Django admin: staff only, model permissions inside (one rule for every admin URL)
    "admin:*": ADMIN,
    # Routed only with DEBUG (pytest runs without it): MEDIA_ROOT holds public files; case
    # attachments are stored outside it (PRIVATE_MEDIA_ROOT), served by meetings:attachment_download.
    "<^media/(?P<path>.*)$>": PUBLIC,
    # members: the portal (R2, R5, R12) — a contact sees only their own organisation
    "members:portal_home": LOGIN_REQUIRED,  # a contact's organisation(s); others get an empty pick list
    "members:my_data": LOGIN_REQUIRED,  # one's own personal data (R12 export)
    "members:accept_invitation": TOKEN,
    "members:organisation_home": OWN_ORG,
    "members:contact_add": OWN_ORG,
    "members:contact_edit": OWN_ORG,
    "members:contact_remove": OWN_ORG,
    "members:contact_make_primary": OWN_ORG,
    "members:contact_invite": OWN_ORG,
    "members:resign": OWN_CONTACT,  # the member gives notice itself; the coordinator registers letters
    "members:notice_letter": OWN_ORG,
    "members:register_letter_notice": COORDINATOR_ONLY,
    "members:lifecycle_overview": COORDINATOR_ONLY,
    "members:activate": COORDINATOR_ONLY,
    "members:renew": COORDINATOR_ONLY,
    "members:withdraw_notice": COORDINATOR_ONLY,
    "members:ended_organisation": COORDINATOR_ONLY,
    # billing (R12): the coordinator and the billing administrator; A's contact reads A's invoices
    "billing:invoice_list": BILLING,
    "billing:dues_run_start": BILLING,
    "billing:dues_run_progress": BILLING,
    "billing:dues_run_review": BILLING,
    "billing:dues_run_choices": BILLING,
    "billing:payments_review": BILLING,
    "billing:payment_match": BILLING,
    "billing:settings": BILLING,
    "billing:invoice_detail": OWN_ORG_OR_BILLING,  # a contact gets the member's view of it
    "billing:my_invoice": OWN_ORG_OR_BILLING,
    "billing:invoice_pdf": OWN_ORG_OR_BILLING,
    "billing:invoice_ehf": OWN_ORG_OR_BILLING,
    "billing:invoice_resend": BILLING,
    "billing:invoice_register_payment": BILLING,
    "billing:invoice_credit": BILLING,
    # credit balances: billing staff only; A's contact reads A's balance in the portal's invoice section
    "billing:credit_balance_list": BILLING,
    "billing:credit_balance_detail": BILLING,
    "billing:credit_refund": BILLING,
    "billing:credit_set_off": BILLING,
    "billing:invoice_surplus_to_credit": BILLING,
    # governance: bodies, terms, elections (R7, R9, R10) — public composition, coordinator's tools
    "governance:steering_group": PUBLIC,
    "governance:working_group_list": PUBLIC,
    "governance:body_detail": PUBLIC,
    "governance:working_group_create": COORDINATOR_ONLY,
    "governance:body_close": COORDINATOR_ONLY,
    "governance:term_add": COORDINATOR_ONLY,
    "governance:term_edit": COORDINATOR_ONLY,
    "governance:term_end": COORDINATOR_ONLY,
    "governance:join_request_decide": GROUP_LEAD,
    "governance:balance": COORDINATOR_ONLY,
    "governance:rotation": COORDINATOR_ONLY,
    "governance:election_list": COORDINATOR_ONLY,
    "governance:election_detail": COORDINATOR_ONLY,
    "governance:election_nominate": COORDINATOR_ONLY,
    "governance:nomination_withdraw": COORDINATOR_ONLY,
    "governance:election_result": COORDINATOR_ONLY,
    "governance:election_constitute": COORDINATOR_ONLY,
    "governance:portal_nominate": OWN_ORG,
    "governance:portal_join": OWN_ORG,
    # the network's action plans: adopted plans for members, drafts and changes for the coordinator
    "governance:action_plan_list": MEMBERS_READ,
    "governance:action_plan_create": COORDINATOR_ONLY,
    "governance:action_plan_detail": MEMBERS_READ,  # an adopted plan
    "governance:action_plan_edit": COORDINATOR_ONLY,  # a draft
    "governance:action_plan_adopt": COORDINATOR_ONLY,  # a draft
    "governance:action_plan_document": MEMBERS_READ,  # the adopted plan's document
    # meetings (R8, R12): published agendas, minutes and decisions for member contacts and the
    # steering group; confidential papers only for the steering group; preparing for the coordinator
    "meetings:meeting_list": MEMBERS_READ,
    "meetings:meeting_create": COORDINATOR_ONLY,
    "meetings:meeting_detail": MEMBERS_READ,
    "meetings:meeting_edit": COORDINATOR_ONLY,
    "meetings:agenda_pdf": MEMBERS_READ,
    "meetings:meeting_ics": MEMBERS_READ,
    "meetings:meeting_publish": COORDINATOR_ONLY,
    "meetings:meeting_mark_held": COORDINATOR_ONLY,
    "meetings:meeting_cancel": COORDINATOR_ONLY,
    "meetings:minutes_detail": MEMBERS_READ,
    "meetings:minutes_pdf": MEMBERS_READ,
    "meetings:minutes_edit": COORDINATOR_ONLY,
    "meetings:minutes_publish": COORDINATOR_ONLY,
    "meetings:case_create": COORDINATOR_ONLY,
    "meetings:case_edit": COORDINATOR_ONLY,
    "meetings:case_attachment_add": COORDINATOR_ONLY,
    "meetings:case_move": COORDINATOR_ONLY,
    "meetings:case_withdraw": COORDINATOR_ONLY,
    "meetings:case_reorder": COORDINATOR_ONLY,
    "meetings:attachment_download": STEERING_GROUP,  # an attachment of a confidential case
    "meetings:attachment_remove": COORDINATOR_ONLY,
    "meetings:decision_register": MEMBERS_READ,
    "meetings:decision_register_year": MEMBERS_READ,
    "meetings:decision_detail": STEERING_GROUP,  # a confidential decision
    "meetings:calendar": MEMBERS_READ,  # POST renews one's own feed token
    "meetings:calendar_feed": TOKEN,
    # open meetings (kommuneloven): a body with meetings_public shows its published agendas, open papers
    # and approved minutes to anyone; a closed body's meeting is 404 there (tests/security/test_open_meetings.py)
    "meetings:public_meeting_list": PUBLIC,
    "meetings:public_meeting_detail": PUBLIC,
    "meetings:public_minutes": PUBLIC,
    "meetings:public_attachment": PUBLIC,  # an open case's attachment
    # activities (R11): open events for all, members-only events for member contacts, the portal's
    # registrations for one's own organisation, the rest for the coordinator
    "activities:event_list": PUBLIC,
    "activities:public_events": PUBLIC,
    "activities:calendar_feed": PUBLIC,
    "activities:event_create": COORDINATOR_ONLY,
    "activities:event_detail": MEMBER_EVENT,
    "activities:event_edit": COORDINATOR_ONLY,
    "activities:event_ics": MEMBER_EVENT,
    "activities:event_register": PUBLIC,  # the public registration form of an open event (POST only)
    "activities:portal_register": OWN_ORG,
    "activities:portal_cancel": OWN_ORG,
    "activities:registration_cancel": TOKEN,
    "activities:checkin": COORDINATOR_ONLY,
    "activities:checkin_walk_in": COORDINATOR_ONLY,
    "activities:event_cancel": COORDINATOR_ONLY,
    "activities:checkin_toggle": COORDINATOR_ONLY,
    "activities:attendance_import": COORDINATOR_ONLY,
    "activities:participant_row_match": COORDINATOR_ONLY,
    "activities:participant_row_dismiss": COORDINATOR_ONLY,
    # the coordinator's dashboard; its home shows the billing administrator the dues figures only
    "dashboard:home": BILLING,
    "dashboard:member_list": COORDINATOR_ONLY,
    "dashboard:member_detail": COORDINATOR_ONLY,  # 404 for every other role, like a portal not yours
    "dashboard:member_role": COORDINATOR_ONLY,  # POST only; 404 for every other role, like the member's page
    "dashboard:member_export": COORDINATOR_ONLY,
    "dashboard:bulk_email": COORDINATOR_ONLY,
    "dashboard:obligations": COORDINATOR_ONLY,
    "dashboard:network_terms": COORDINATOR_ONLY,  # the agreement's terms and identity (R13)
    "dashboard:job_list": COORDINATOR_ONLY,
    "dashboard:job_detail": COORDINATOR_ONLY,
}


# ---- THE REGISTRY: how to fill in a parameterised pattern from the test objects ------------------------
# The admin's change, delete and history pages are asked about a real object: the app's objects
# (built on first use, tests/security/access.py: LAZY) are made before the admin URL is filled in.
ADMIN_APP_OBJECTS = {
    "members": ("invitation",),
    "billing": ("invoice_a", "unmatched_payment"),
    "governance": ("meeting", "next_case", "working_group", "join_request", "nomination", "adopted_plan"),
    "network": ("registration_a", "participant_row", "job"),
}


def _admin_kwargs(route, objects) -> dict:
    """Every admin URL: the object of the model the route is about (or a pk that does not exist)."""
    parts = route.route.split("/")
    model = None
    for name in ADMIN_APP_OBJECTS.get(parts[1] if len(parts) > 2 else "", ()):
        getattr(objects, name)
    if len(parts) > 2 and parts[0] == "admin":
        try:
            model = ContentType.objects.get_by_natural_key(parts[1], parts[2]).model_class()
        except ContentType.DoesNotExist:
            model = None
    instance: Model | None = model._default_manager.order_by("pk").first() if model else None
    values = {
        "object_id": instance.pk if instance else 987654,
        "id": instance.pk if instance else 987654,
        "history_id": getattr(instance.history.order_by("pk").first(), "pk", 1)
        if instance is not None and hasattr(instance, "history")
        else 1,
        "_0": instance.pk if instance else 987654,  # simple_history's historical record view
        "_1": None,
        "app_label": "members",
        "content_type_id": ContentType.objects.get_for_model(objects.org_a).pk,
        "url": "finnes-ikke/",
    }
    values["_1"] = values["history_id"]
    if route.key == "admin:view_on_site":
        values["object_id"] = objects.org_a.pk
    return {name: values[name] for name in route.parameters}


def _org_a_with(o, *_needed) -> dict:
    """Organisation A's portal page; the objects it is about are passed in, so they are built first."""
    return {"organisation_pk": o.org_a.pk}


def _applicant():
    from members.models import Membership
    from tests.factories import MembershipFactory

    return MembershipFactory(status=Membership.Status.APPLICANT, joined_on=None, agreement_ends_on=None)


def _ended_member():
    import datetime

    from tests.factories import MembershipFactory, OrganisationFactory

    return MembershipFactory(organisation=OrganisationFactory(ended_on=datetime.date(2023, 12, 31)))


KWARGS = {
    "account_confirm_email": lambda o: {"key": "ugyldig-nokkel"},
    "account_reset_password_from_key": lambda o: {"uidb36": "1", "key": "set-password"},
    "admin:*": _admin_kwargs,
    "<^media/(?P<path>.*)$>": lambda o: {"path": o.public_media_path},
    # members
    "members:accept_invitation": lambda o: {"token": o.invitation_token},
    "members:organisation_home": lambda o: {"org_pk": o.org_a.pk},
    "members:contact_add": lambda o: {"org_pk": o.org_a.pk},
    "members:contact_edit": lambda o: {"org_pk": o.org_a.pk, "role_pk": o.contact_role_a.pk},
    "members:contact_remove": lambda o: {"org_pk": o.org_a.pk, "role_pk": o.contact_role_a.pk},
    "members:contact_make_primary": lambda o: {"org_pk": o.org_a.pk, "role_pk": o.contact_role_a.pk},
    "members:contact_invite": lambda o: {"org_pk": o.org_a.pk, "role_pk": o.contact_role_a.pk},
    "members:resign": lambda o: {"org_pk": o.org_a.pk},
    "members:notice_letter": lambda o: {"org_pk": o.notice_a.organisation_id},
    "members:register_letter_notice": lambda o: {"org_pk": o.org_a.pk},
    # Only an applicant can be activated (an active member answers 404): one made for the request.
    "members:activate": lambda o: {"org_pk": _applicant().organisation_id},
    "members:renew": lambda o: {"org_pk": o.org_a.pk},
    "members:withdraw_notice": lambda o: {"org_pk": o.org_a.pk},
    # Only an organisation that has ended has this page: one made for the request.
    "members:ended_organisation": lambda o: {"org_pk": _ended_member().organisation_id},
    # billing
    "billing:dues_run_progress": lambda o: {"year": o.today.year},
    "billing:dues_run_review": lambda o: {"year": o.today.year},
    "billing:dues_run_choices": lambda o: {"year": o.today.year},
    "billing:payment_match": lambda o: {"pk": o.unmatched_payment.pk},
    "billing:invoice_detail": lambda o: {"pk": o.invoice_a.pk},
    "billing:my_invoice": lambda o: {"pk": o.invoice_a.pk},
    "billing:invoice_pdf": lambda o: {"pk": o.invoice_a.pk},
    "billing:invoice_ehf": lambda o: {"pk": o.invoice_a.pk},
    "billing:invoice_resend": lambda o: {"pk": o.invoice_a.pk},
    "billing:invoice_register_payment": lambda o: {"pk": o.invoice_a.pk},
    "billing:invoice_credit": lambda o: {"pk": o.invoice_a.pk},
    "billing:credit_balance_detail": lambda o: {"org_pk": o.org_a.pk},
    "billing:credit_refund": lambda o: {"org_pk": o.org_a.pk},
    "billing:credit_set_off": lambda o: {"org_pk": o.org_a.pk},
    "billing:invoice_surplus_to_credit": lambda o: {"pk": o.invoice_a.pk},
    # governance
    "governance:body_detail": lambda o: {"slug": o.working_group.slug},
    "governance:body_close": lambda o: {"slug": o.working_group.slug},
    "governance:term_add": lambda o: {"slug": o.working_group.slug},
    "governance:term_edit": lambda o: {"pk": o.steering_term.pk},
    "governance:term_end": lambda o: {"pk": o.steering_term.pk},
    "governance:join_request_decide": lambda o: {"pk": o.join_request.pk, "decision": "godta"},
    "governance:election_detail": lambda o: {"year": o.election.year},
    "governance:election_nominate": lambda o: {"year": o.election.year},
    "governance:nomination_withdraw": lambda o: {"year": o.election.year, "pk": o.nomination.pk},
    "governance:election_result": lambda o: {"year": o.election.year},
    "governance:election_constitute": lambda o: {"year": o.election.year},
    "governance:portal_nominate": lambda o: _org_a_with(o, o.election),  # 404 while no election is open
    "governance:portal_join": lambda o: _org_a_with(o, o.working_group),  # a group to ask to join
    "governance:action_plan_detail": lambda o: {"pk": o.adopted_plan.pk},
    "governance:action_plan_edit": lambda o: {"pk": o.draft_plan.pk},
    "governance:action_plan_adopt": lambda o: {"pk": o.draft_plan.pk},
    "governance:action_plan_document": lambda o: {"pk": o.adopted_plan.pk},
    # meetings: the held meeting has a published agenda and minutes; changes go to the next one
    "meetings:meeting_detail": lambda o: {"pk": o.meeting.pk},
    "meetings:meeting_edit": lambda o: {"pk": o.next_meeting.pk},
    "meetings:agenda_pdf": lambda o: {"pk": o.meeting.pk},
    "meetings:meeting_ics": lambda o: {"pk": o.meeting.pk},
    "meetings:meeting_publish": lambda o: {"pk": o.next_meeting.pk},
    "meetings:meeting_mark_held": lambda o: {"pk": o.next_meeting.pk},
    "meetings:meeting_cancel": lambda o: {"pk": o.next_meeting.pk},
    "meetings:minutes_detail": lambda o: {"pk": o.meeting.pk},
    "meetings:minutes_pdf": lambda o: {"pk": o.meeting.pk},
    "meetings:minutes_edit": lambda o: {"pk": o.meeting.pk},
    "meetings:minutes_publish": lambda o: {"pk": o.meeting.pk},
    "meetings:case_create": lambda o: {"pk": o.next_meeting.pk},
    "meetings:case_edit": lambda o: {"pk": o.next_case.pk},
    "meetings:case_attachment_add": lambda o: {"pk": o.next_case.pk},
    "meetings:case_move": lambda o: {"pk": o.next_case.pk},
    "meetings:case_withdraw": lambda o: {"pk": o.next_case.pk},
    "meetings:case_reorder": lambda o: {"pk": o.next_case.pk},
    "meetings:attachment_download": lambda o: {"pk": o.attachment.pk},
    "meetings:attachment_remove": lambda o: {"pk": o.attachment.pk},
    "meetings:decision_register_year": lambda o: {"year": o.secret_decision.year},
    "meetings:decision_detail": lambda o: {"year": o.secret_decision.year, "number": o.secret_decision.number},
    "meetings:calendar_feed": lambda o: {"token": o.calendar_token},
    "meetings:public_meeting_detail": lambda o: {"pk": o.public_meeting.pk},
    "meetings:public_minutes": lambda o: {"pk": o.public_meeting.pk},
    "meetings:public_attachment": lambda o: {"pk": o.public_attachment.pk},
    # activities: the members-only event has A's registration; the open one takes public registrations
    "activities:event_detail": lambda o: {"pk": o.member_event.pk},
    "activities:event_edit": lambda o: {"pk": o.member_event.pk},
    "activities:event_ics": lambda o: {"pk": o.member_event.pk},
    "activities:event_register": lambda o: {"pk": o.open_event.pk},
    "activities:portal_register": lambda o: {"pk": o.member_event.pk, "organisation_pk": o.org_a.pk},
    "activities:portal_cancel": lambda o: {"registration_pk": o.registration_a.pk},
    "activities:registration_cancel": lambda o: {"token": o.cancel_token},
    "activities:checkin": lambda o: {"pk": o.member_event.pk},
    "activities:checkin_walk_in": lambda o: {"pk": o.member_event.pk},
    "activities:event_cancel": lambda o: {"pk": o.member_event.pk},
    "activities:checkin_toggle": lambda o: {"pk": o.member_event.pk, "registration_pk": o.registration_a.pk},
    "activities:attendance_import": lambda o: {"pk": o.member_event.pk},
    "activities:participant_row_match": lambda o: {"row_pk": o.participant_row.pk},
    "activities:participant_row_dismiss": lambda o: {"row_pk": o.participant_row.pk},
    # dashboard
    "dashboard:member_export": lambda o: {"fmt": "csv"},
    "dashboard:member_detail": lambda o: {"org_pk": o.org_a.pk},
    "dashboard:member_role": lambda o: {"org_pk": o.org_a.pk},
    "dashboard:job_detail": lambda o: {"pk": o.job.pk},
}


# Third-party admin pages with inline code the CSP blocks, where the page still works without it.
# Each needs a reason; our own templates never go here (tests/security/test_headers.py).
CSP_TOLERATED = {
    "admin:*_history": ("inline style", "django-simple-history puts style= on its paginator: cosmetic"),
    "admin:django_celery_beat_periodictask_*": (
        "inline script",
        "django-celery-beat's form script only shows a crontab in words; the form works without it",
    ),
}

ROUTES = all_routes()


def test_every_url_is_in_the_table():
    missing = [route.key for route in ROUTES if lookup(EXPECTED, route.key) is None]
    assert not missing, (
        "These URLs are not in EXPECTED of tests/security/test_access_matrix.py; add one line each "
        f"saying who may use them: {missing}"
    )


def test_every_parameterised_url_has_a_registry_entry():
    missing = [route.key for route in ROUTES if route.parameters and lookup(KWARGS, route.key) is None]
    assert not missing, (
        "These URLs have parameters but no entry in KWARGS of tests/security/test_access_matrix.py; add one "
        f"line each building them from the test objects (tests/security/access.py: build_objects): {missing}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_access_as_every_role(route, settings, tmp_path):
    settings.HEALTHZ_WORKER_TIMEOUT = 0.05
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"  # case attachments of the meeting objects
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins, same rules
    expected = lookup(EXPECTED, route.key)
    if expected is None:
        pytest.fail(f"{route.key} is not in EXPECTED (see test_every_url_is_in_the_table)")
    objects = build_objects()
    kwargs = {}
    if route.parameters:
        builder = lookup(KWARGS, route.key)
        if builder is None:
            pytest.fail(f"{route.key} has parameters {route.parameters} but no entry in KWARGS")
        kwargs = builder(route, objects) if route.key.startswith("admin:") else builder(objects)
    path = route.path(kwargs)
    tolerated = frozenset(kind for pattern, (kind, _why) in CSP_TOLERATED.items() if fnmatchcase(route.key, pattern))
    problems = list(judge(route.key, path, expected, objects, tolerated=tolerated))
    assert not problems, "\n".join(problems)


def test_figures_for_the_readme(capsys):
    """Prints the matrix's size: `pytest -q -s tests/security/test_access_matrix.py -k figures`."""
    from collections import Counter

    from .access import ROLES

    by_outcome = Counter(str(lookup(EXPECTED, route.key)) for route in ROUTES)
    parameterised = sum(1 for route in ROUTES if route.parameters)
    with capsys.disabled():
        print(
            f"\naccess matrix: {len(ROUTES)} URL patterns ({parameterised} parameterised) × {len(ROLES)} roles × "
            f"GET+POST = {len(ROUTES) * len(ROLES) * 2} requests per run; by outcome: {dict(sorted(by_outcome.items()))}"
        )
    assert len(ROUTES) == sum(by_outcome.values())
