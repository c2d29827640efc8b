"""The membership lifecycle (R1, R5): activate, renew, give and withdraw notice, end."""

from __future__ import annotations

import datetime

from celery import shared_task
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F as models_F
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ContactRole, Membership, Network, Organisation, Person, User
from ..networks import default_network
from ..notifications import send_membership_ended_email, send_notice_emails
from ..signals import membership_activated, membership_ended, notice_given


def agreement_end(
    signed_on: datetime.date, *, years: int | None = None, network: Network | None = None
) -> datetime.date | None:
    """When a party's agreement period ends (R1, R13): the network's length from signing
    (seed 000: three years), or the network's fixed end date for every party."""
    if years is None:
        network = network or default_network()
        if network.agreement_years is None:
            return network.agreement_ends_on
        years = network.agreement_years
    return signed_on + relativedelta(years=years)


def check_may_join(network: Network, organisation: Organisation) -> None:
    """Refuse a party the network does not take (R13): a kind it does not admit, or one that has ended.

    A network with no admitted kinds listed takes every kind.
    """
    if network.admitted_kinds and organisation.kind not in network.admitted_kinds:
        raise ValidationError(
            _("%(network)s tar ikke opp parter av typen «%(kind)s».")
            % {"network": network.name, "kind": organisation.get_kind_display()},
            code="kind_not_admitted",
        )
    if organisation.has_ended():
        raise ValidationError(
            _("%(name)s er avviklet og kan ikke bli medlem.") % {"name": organisation.name}, code="organisation_ended"
        )


@transaction.atomic
def apply_for_membership(
    *, organisation: Organisation, applied_on: datetime.date, network: Network | None = None, by: User | None = None
) -> Membership:
    """Record an application (R1): the organisation is an applicant in the network until activated."""
    network = network or default_network()
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.memberships.filter(network=network).current().exists():
        raise ValidationError(_("%(name)s har allerede en søknad eller et medlemskap.") % {"name": organisation.name})
    check_may_join(network, organisation)
    membership = Membership(
        network=network, organisation=organisation, status=Membership.Status.APPLICANT, applied_on=applied_on
    )
    membership.full_clean()
    membership._history_user = by
    membership.save()
    return membership


@transaction.atomic
def activate_membership(
    *,
    organisation: Organisation,
    joined_on: datetime.date,
    political_decision_on: datetime.date | None,
    political_decision_body: str = "",
    political_decision_reference: str = "",
    agreement_signed_on: datetime.date | None = None,
    signatory_name: str = "",
    signatory_title: str = "",
    approving_authority: str = "",
    network: Network | None = None,
    by: User | None = None,
) -> Membership:
    """Make an organisation a member of the network from `joined_on`, recording the decision and agreement (R1)."""
    network = network or default_network()
    membership = (
        Membership.objects.select_for_update().filter(organisation=organisation, network=network).current().first()
    )
    if membership is None:
        membership = Membership(network=network, organisation=organisation, applied_on=joined_on)
    elif membership.status != Membership.Status.APPLICANT:
        raise ValidationError(_("%(name)s er allerede medlem.") % {"name": organisation.name})
    check_may_join(network, organisation)
    membership.status = Membership.Status.ACTIVE
    membership.joined_on = joined_on
    membership.political_decision_on = political_decision_on
    membership.political_decision_body = political_decision_body
    membership.political_decision_reference = political_decision_reference
    membership.agreement_signed_on = agreement_signed_on
    membership.signatory_name = signatory_name
    membership.signatory_title = signatory_title
    membership.approving_authority = approving_authority
    membership.agreement_ends_on = (
        agreement_end(agreement_signed_on, network=membership.network) if agreement_signed_on else None
    )
    membership.full_clean()
    membership._history_user = by
    membership.save()
    membership_activated.send(
        sender=Membership, organisation=organisation, membership=membership, joined_on=joined_on, by=by
    )
    return membership


def notice_effective_date(
    given_on: datetime.date, *, months: int | None = None, network: Network | None = None
) -> datetime.date:
    """Notice given on D takes effect D + the network's notice period in calendar months (R5, R13;
    seed 000: six).

    Where that day does not exist in the month, the last day of the month:
    31 August → 28 (or 29) February; 15 March → 15 September; 30 December → 30 June.
    """
    if months is None:
        months = (network or default_network()).notice_months
    return given_on + relativedelta(months=months)


def _locked(membership: Membership) -> Membership:
    return Membership.objects.select_for_update().select_related("organisation", "network").get(pk=membership.pk)


@transaction.atomic
def renew_agreement(
    *,
    membership: Membership,
    signed_on: datetime.date,
    signatory_name: str = "",
    signatory_title: str = "",
    by: User | None = None,
) -> Membership:
    """Record a renewed agreement: a new period of `agreement_years` (three) years (R1, §11).

    Renewed before the old period ends, the new one follows on from it, so no time is lost;
    renewed after, it runs from the signing date.
    """
    membership = _locked(membership)
    if membership.status not in Membership.GOOD_STANDING:
        raise ValidationError(_("Bare aktive medlemskap kan fornyes."))
    starts = signed_on
    if membership.agreement_ends_on and membership.agreement_ends_on > signed_on:
        starts = membership.agreement_ends_on
    membership.agreement_signed_on = signed_on
    membership.agreement_ends_on = agreement_end(starts, network=membership.network)
    if signatory_name:
        membership.signatory_name = signatory_name
    if signatory_title:
        membership.signatory_title = signatory_title
    membership.full_clean()
    membership._history_user = by
    membership.save()
    return membership


@transaction.atomic
def give_notice(
    *,
    membership: Membership,
    given_on: datetime.date,
    signed_by_name: str,
    signed_by_title: str,
    channel: str = Membership.NoticeChannel.PORTAL,
    by: User | None = None,
) -> Membership:
    """Record written notice of resignation on `given_on` (R5); it takes effect six months later.

    The member stays in its notice period, with all rights and duties, until then. For a
    notice given in the portal the letter goes to the steering-group leader and the
    coordinators after commit, with a receipt to the member.
    """
    membership = _locked(membership)
    if membership.status != Membership.Status.ACTIVE:
        if membership.status == Membership.Status.NOTICE:
            raise ValidationError(
                _("Medlemskapet er allerede sagt opp med virkning fra %(date)s.")
                % {"date": membership.notice_effective_on.strftime("%d.%m.%Y")}
            )
        raise ValidationError(_("Bare aktive medlemskap kan sies opp."))
    signed_by_name, signed_by_title = signed_by_name.strip(), signed_by_title.strip()
    if not signed_by_name or not signed_by_title:
        raise ValidationError(_("Oppsigelsen må signeres med navn og tittel."))
    if given_on > timezone.localdate():
        raise ValidationError(_("Oppsigelsesdatoen kan ikke være fram i tid."))
    if membership.joined_on and given_on < membership.joined_on:
        raise ValidationError(_("Oppsigelsesdatoen kan ikke være før medlemskapet startet."))
    # Name and title share one field: a signature that does not fit is refused, never cut short.
    signed_by = f"{signed_by_name}, {signed_by_title}"
    limit = Membership._meta.get_field("notice_signed_by").max_length
    if len(signed_by) > limit:
        raise ValidationError(_("Navn og tittel kan til sammen være høyst %(max)s tegn.") % {"max": limit - 2})
    membership.status = Membership.Status.NOTICE
    membership.notice_given_on = given_on
    membership.notice_effective_on = notice_effective_date(given_on, network=membership.network)
    membership.notice_signed_by = signed_by
    membership.notice_channel = channel
    membership.full_clean()
    membership._history_user = by
    membership.save()
    notice_given.send(
        sender=Membership,
        organisation=membership.organisation,
        membership=membership,
        given_on=given_on,
        effective_on=membership.notice_effective_on,
        by=by,
    )
    send_notice_emails.delay_on_commit(membership.pk, by.pk if by else None)
    return membership


@transaction.atomic
def withdraw_notice(*, membership: Membership, by: User | None = None) -> Membership:
    """The coordinator records that the member withdrew its notice before it took effect (R5)."""
    membership = _locked(membership)
    if membership.status != Membership.Status.NOTICE:
        raise ValidationError(_("Medlemskapet er ikke i oppsigelsestid."))
    if membership.notice_effective_on <= timezone.localdate():
        raise ValidationError(_("Oppsigelsen har allerede trådt i kraft og kan ikke trekkes."))
    membership.status = Membership.Status.ACTIVE
    membership.notice_given_on = None
    membership.notice_effective_on = None
    membership.notice_signed_by = ""
    membership.notice_channel = ""
    membership.full_clean()
    membership._history_user = by
    membership.save()
    return membership


def _accounts_to_deactivate(organisation: Organisation) -> list[User]:
    """Portal accounts of the organisation's people who are contacts of no other current member."""
    people = Person.objects.filter(
        Q(organisation=organisation) | Q(contact_roles__organisation=organisation), user__isnull=False
    ).distinct()
    still_contacts = ContactRole.objects.filter(
        organisation__memberships__status__in=[*Membership.GOOD_STANDING, Membership.Status.APPLICANT]
    ).exclude(organisation=organisation)
    return list(
        User.objects.filter(person__in=people, is_active=True)
        .exclude(person__contact_roles__in=still_contacts)
        .exclude(is_superuser=True)
        .exclude(is_staff=True)
    )


@transaction.atomic
def end_membership(*, membership: Membership, today: datetime.date | None = None, by: User | None = None) -> bool:
    """End a membership whose notice has taken effect (R5). Returns False when nothing was due.

    Status resigned, ended on the effective date; receivers of membership_ended end the
    organisation's terms and group places that day; portal logins are deactivated; nothing
    is deleted. Running it again changes nothing.
    """
    today = timezone.localdate() if today is None else today
    membership = _locked(membership)
    if membership.status != Membership.Status.NOTICE or membership.notice_effective_on > today:
        return False
    ended_on = membership.notice_effective_on
    membership.status = Membership.Status.RESIGNED
    membership.ended_on = ended_on
    membership.full_clean()
    membership._history_user = by
    membership.save()
    organisation = membership.organisation
    membership_ended.send(sender=Membership, organisation=organisation, membership=membership, ended_on=ended_on, by=by)
    for user in _accounts_to_deactivate(organisation):
        user.is_active = False
        user.save(update_fields=["is_active"])
    send_membership_ended_email.delay_on_commit(membership.pk)
    return True


def end_due_memberships(*, today: datetime.date | None = None, by: User | None = None) -> list[Membership]:
    """End every membership whose effective date has come (the daily task). Idempotent."""
    today = timezone.localdate() if today is None else today
    ended = []
    for membership in Membership.objects.filter(status=Membership.Status.NOTICE, notice_effective_on__lte=today):
        if end_membership(membership=membership, today=today, by=by):
            membership.refresh_from_db()
            ended.append(membership)
    return ended


def send_renewal_reminders(*, today: datetime.date | None = None) -> list[Membership]:
    """Remind the coordinators three months before an agreement period ends (R1), once per period."""
    from ..emails import coordinator_emails, send_templated_mail

    today = timezone.localdate() if today is None else today
    reminded = []
    candidates = (
        Membership.objects.filter(status__in=Membership.GOOD_STANDING, agreement_ends_on__gt=today)
        .exclude(renewal_reminded_for=models_F("agreement_ends_on"))
        .select_related("network")
    )
    for candidate in candidates:
        # Each network sets how long before the end its coordinators hear of it (R1, R13).
        if candidate.agreement_ends_on > today + relativedelta(months=candidate.network.renewal_reminder_months):
            continue
        with transaction.atomic():
            membership = _locked(candidate)
            if membership.renewal_reminded_for == membership.agreement_ends_on:
                continue
            membership.renewal_reminded_for = membership.agreement_ends_on
            membership._history_user = None
            membership.save(update_fields=["renewal_reminded_for"])
            send_templated_mail(
                template="renewal_reminder",
                context={"membership": membership, "organisation": membership.organisation},
                to=coordinator_emails(),
            )
        reminded.append(membership)
    return reminded


# --- Celery tasks (beat, daily): thin, idempotent wrappers around the services above (docs/architecture.md) ---


@shared_task(name="members.end_due_memberships", acks_late=True)
def end_due_memberships_task() -> int:
    """Daily: end memberships whose notice has taken effect (R5)."""
    return len(end_due_memberships(today=timezone.localdate()))


@shared_task(name="members.send_renewal_reminders", acks_late=True)
def send_renewal_reminders_task() -> int:
    """Daily: remind the coordinators of agreements ending in three months (R1)."""
    return len(send_renewal_reminders(today=timezone.localdate()))
