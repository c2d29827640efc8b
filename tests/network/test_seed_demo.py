"""`manage.py seed_demo` on a fresh database: one login per role (and per network), printed last, each
one working and holding its role; no email on the console (they go to the mail folder); and the demo data each role's
working day needs (Notodden's agreement ending soon, an applicant, a published next agenda, …).

Seeding takes half a minute, so one test seeds once and checks each rule in turn."""

import io
import re

import phonenumbers
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from activities.models import Event, Registration
from billing.models import DuesRun, Invoice
from billing.queries import Status, with_balance
from billing.roles import is_billing_admin_of
from governance.models import BodyKind, Meeting, Term
from members.demo import DEMO_PASSWORD
from members.models import ContactRole, Membership, Organisation, Person, User
from members.networks import default_network
from members.roles import BILLING_ADMIN_GROUP, COORDINATOR_GROUP, is_coordinator
from network.dashboard import queries as dashboard

from .demo_networks_checks import check_the_other_networks

pytestmark = pytest.mark.django_db

LOGIN_LINE = re.compile(r"^  (?P<role>\S.*?)\s{2,}(?P<email>\S+@\S+)$")


def test_seed_demo_on_a_fresh_database(tmp_path, capsys, client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # as in the quick start
    call_command("import_municipalities", stdout=io.StringIO())
    out = io.StringIO()
    call_command("seed_demo", mail_dir=str(tmp_path / "mail"), stdout=out)
    console = capsys.readouterr()
    output = out.getvalue()

    check_the_logins_are_printed_last_and_no_email_reaches_the_console(
        output, console.out + console.err, tmp_path / "mail"
    )
    check_each_login_works_and_holds_its_role(output, client)
    check_the_demo_has_each_roles_work_for_the_day(output)
    check_the_other_networks(login_table(output), client)
    check_a_second_seed_changes_nothing_and_still_ends_with_the_logins(output, tmp_path)


def login_table(output: str) -> dict[str, str]:
    """The role → email lines after the "Demo logins" header, which must end the output."""
    lines = output.rstrip("\n").splitlines()
    header = max(i for i, line in enumerate(lines) if line.startswith("Demo logins"))
    assert DEMO_PASSWORD in lines[header]
    rows = [LOGIN_LINE.match(line) for line in lines[header + 1 :]]
    assert all(rows), f"something follows the login table: {lines[header + 1 :]}"
    return {row["role"]: row["email"] for row in rows}


def check_the_logins_are_printed_last_and_no_email_reaches_the_console(output, console, mail_dir):
    logins = login_table(output)
    # The first network's six roles, a coordinator of each other network, the contact in two networks.
    assert len(logins) == 6 + 6 + 1
    assert "Subject:" not in output and "Content-Type" not in output
    assert "Subject:" not in console and "Content-Type" not in console
    assert not mail.outbox
    written = len(list(mail_dir.glob("*.eml")))
    assert written > 0
    assert f"{written} e-mails written to " in output
    # One language: the seed speaks English (names of places and people aside).
    assert not re.search(r"\b(er|har|og|medlemmer|faktura)\b", output)


def check_each_login_works_and_holds_its_role(output, client):
    logins = login_table(output)
    users = {role: User.objects.get(email=email) for role, email in logins.items()}
    assert len(set(logins.values())) == len(logins)
    for email in logins.values():
        assert client.login(username=email, password=DEMO_PASSWORD), email
        client.logout()

    assert users["Coordinator"].groups.filter(name=COORDINATOR_GROUP).exists()
    assert users["Finance (KS billing administrator)"].groups.filter(name=BILLING_ADMIN_GROUP).exists()
    # The roles are the network's and its issuer's (R12): the logins land on their own start pages.
    assert is_coordinator(User.objects.get(pk=users["Coordinator"].pk), default_network())
    assert is_billing_admin_of(User.objects.get(pk=users["Finance (KS billing administrator)"].pk), default_network())

    contacts = [user for role, user in users.items() if role.startswith("Contact person")]
    assert len(contacts) == 2
    organisations = [ContactRole.objects.get(person__user=user).organisation for user in contacts]
    assert organisations[0] != organisations[1]
    assert all(o.memberships.filter(status=Membership.Status.ACTIVE).exists() for o in organisations)
    sizes = [o.population_figures.order_by("-reference_date").first().population for o in organisations]
    assert sizes[0] >= 80_000 > 20_000 > sizes[1]  # a large and a small member
    assert organisations[0].contact_roles.count() > 1  # a contact person to correct

    today = timezone.localdate()
    current = Term.objects.filter(body__kind=BodyKind.STEERING_GROUP, starts_on__lte=today, ends_on__gte=today)
    member = current.get(person__user=users["Steering-group member"])
    assert member.obtained == Term.Obtained.ELECTED and member.role != Term.Role.LEADER
    assert current.get(person__user=users["Steering-group leader"]).role == Term.Role.LEADER
    # Each contact login is a contact only: not in the steering group, neither staff group.
    assert not current.filter(person__user__in=contacts).exists()
    assert not Group.objects.filter(user__in=contacts).exists()


def check_the_demo_has_each_roles_work_for_the_day(output):
    contacts = [User.objects.get(email=e) for r, e in login_table(output).items() if r.startswith("Contact")]
    today = timezone.localdate()

    notodden = Membership.objects.get(organisation__name="Notodden")
    assert notodden.status == Membership.Status.ACTIVE
    assert notodden in dashboard.agreements_ending(today)
    assert dashboard.agreements_ending(today).exclude(pk=notodden.pk).exists()  # another one to renew
    assert Membership.objects.filter(status=Membership.Status.APPLICANT).exists()

    upcoming = Meeting.objects.filter(date__gt=today, agenda_published_at__isnull=False)
    assert upcoming.filter(status=Meeting.Status.AGENDA_PUBLISHED).exists()

    event = Event.objects.upcoming().filter(kind=Event.Kind.GATHERING).get()
    assert event.registration_open()
    assert not Registration.objects.filter(event=event, person__user__in=contacts).exists()

    invoices = with_balance(Invoice.objects.filter(type=Invoice.Type.INVOICE))
    assert not Invoice.objects.filter(sent_at__isnull=True).exists()  # all read as delivered
    assert all(i.deliveries.filter(succeeded=True).exists() for i in Invoice.objects.all())
    assert invoices.filter(status=Status.PAID).exists()
    assert invoices.filter(status=Status.OVERDUE).exists()
    assert invoices.filter(paid_ore__gt=0, outstanding_ore__gt=0).exists()  # partly paid
    assert not DuesRun.objects.filter(year=today.year + 1).exists()  # next year's run is finance's to start

    notodden_address = Organisation.objects.get(name="Notodden")
    assert (notodden_address.postal_code, notodden_address.postal_place) == ("3674", "Notodden")
    for code, place in Organisation.objects.exclude(postal_code="").values_list("postal_code", "postal_place"):
        assert re.fullmatch(r"\d{4}", code) and place
    for phone in Person.objects.exclude(phone="").values_list("phone", flat=True):
        assert phonenumbers.is_valid_number(phonenumbers.parse(str(phone), "NO")), phone


def check_a_second_seed_changes_nothing_and_still_ends_with_the_logins(output, tmp_path):
    counts = (Membership.objects.count(), Invoice.objects.count(), Meeting.objects.count(), Event.objects.count())
    again = io.StringIO()
    call_command("seed_demo", mail_dir=str(tmp_path / "mail2"), stdout=again)

    assert (
        Membership.objects.count(),
        Invoice.objects.count(),
        Meeting.objects.count(),
        Event.objects.count(),
    ) == counts
    assert login_table(again.getvalue()) == login_table(output)
