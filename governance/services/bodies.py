"""Actions on bodies and the seats people hold in them (R7, R9).

Every new or changed term passes `_validate_term` while the body's row is locked, so two
coordinators appointing at the same moment cannot together make a 10th elected seat.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import Membership, Network, Organisation, Person, User

from ..models import Body, BodyKind, BodyKindSettings, JoinRequest, Nomination, Term
from .gender_balance import check_gender_balance

# An annual meeting does not fall on the same date every year: a term may end up to a month
# before or after a whole number of years from its start.
TERM_LENGTH_TOLERANCE_DAYS = 31


def term_end(starts_on: datetime.date, years: int) -> datetime.date:
    """The last day of a term of `years` years starting on `starts_on` (inclusive)."""
    return starts_on + relativedelta(years=years) - datetime.timedelta(days=1)


def _fmt(day: datetime.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else "…"


def overlapping_terms(
    body: Body, starts_on: datetime.date, ends_on: datetime.date | None, *, exclude_pk: int | None = None
) -> QuerySet[Term]:
    """Terms of `body` that share at least one day with [starts_on, ends_on] (None: open-ended)."""
    qs = body.terms.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    if ends_on is not None:
        qs = qs.filter(starts_on__lte=ends_on)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs


def _peak(terms: Iterable[Term], starts_on: datetime.date) -> tuple[int, datetime.date]:
    """The largest number of `terms` in force on one day from `starts_on` on, and the first such day."""
    terms = list(terms)
    days = sorted({starts_on} | {t.starts_on for t in terms if t.starts_on > starts_on})
    best, best_day = 0, starts_on
    for day in days:
        count = sum(1 for t in terms if t.starts_on <= day and (t.ends_on is None or t.ends_on >= day))
        if count > best:
            best, best_day = count, day
    return best, best_day


def in_good_standing(organisation: Organisation, network: Network | None = None) -> bool:
    """Active or in its notice period (R5, R7), in `network` when given (a body's seats are for its network's
    members)."""
    memberships = Membership.objects.in_good_standing().filter(organisation=organisation)
    return (memberships if network is None else memberships.filter(network=network)).exists()


def validate_term(term: Term, settings: BodyKindSettings, *, continuation: bool = False) -> None:
    """Raise ValidationError with clear Norwegian messages if `term` breaks R7/R9.

    Callers that save must hold the body's row lock (`add_term` and friends do). `continuation` is the
    remainder of a seat split at a constitution: its length is not checked again.
    """
    body = term.body
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if term.ends_on is None and body.kind == BodyKind.STEERING_GROUP:
        add("ends_on", _("Et verv i styringsgruppen må ha en sluttdato."))
    if term.ends_on is not None and term.ends_on < term.starts_on:
        add("ends_on", _("Sluttdatoen kan ikke være før startdatoen."))
    if errors:
        raise ValidationError(errors)

    others = overlapping_terms(body, term.starts_on, term.ends_on, exclude_pk=term.pk)

    if others.filter(person=term.person).exists():
        add(
            "person",
            _("%(person)s har allerede et verv i %(body)s i denne perioden.") % {"person": term.person, "body": body},
        )

    seat = {"body": body, "in_body": body.name_in_sentence, "seat": settings.fixed_seat_label}
    if term.role == Term.Role.KS_REPRESENTATIVE:
        if not settings.fixed_seats:
            add("role", _("%(body)s har ingen %(seat)s.") % seat)
        if term.organisation_id is not None:
            add(
                "organisation",
                _("En %(seat)s representerer ingen medlemsorganisasjon: la feltet stå tomt.") % seat,
            )
        if term.obtained != Term.Obtained.APPOINTED:
            add("obtained", _("En %(seat)s oppnevnes av avtaleparten, den velges ikke.") % seat)
        fixed, day = _peak(others.filter(role=Term.Role.KS_REPRESENTATIVE), term.starts_on)
        if settings.fixed_seats and fixed >= settings.fixed_seats:
            add(
                "role",
                ngettext(
                    "%(body)s har én %(seat)s, og den er allerede besatt %(day)s.",
                    "%(body)s har %(seat)s, og alle er allerede besatt %(day)s.",
                    settings.fixed_seats,
                )
                % {**seat, "count": settings.fixed_seats, "day": _fmt(day)},
            )
    else:
        if term.organisation_id is None:
            add("organisation", _("Velg medlemsorganisasjonen personen representerer."))
        else:
            if term.person.organisation_id != term.organisation_id:
                add(
                    "person",
                    _("%(person)s hører ikke til %(organisation)s.")
                    % {"person": term.person, "organisation": term.organisation},
                )
            membership = (
                Membership.objects.in_good_standing()
                .filter(organisation=term.organisation, network_id=term.body.network_id)
                .first()
            )
            if membership is None:
                add(
                    "organisation",
                    _("%(organisation)s er ikke medlem med gode rettigheter (aktiv eller i oppsigelsestid).")
                    % {"organisation": term.organisation},
                )
            elif membership.notice_effective_on and term.starts_on >= membership.notice_effective_on:
                add(
                    "organisation",
                    _("%(organisation)s har sagt opp medlemskapet fra %(day)s, før vervet starter.")
                    % {"organisation": term.organisation, "day": _fmt(membership.notice_effective_on)},
                )
        if body.kind == BodyKind.STEERING_GROUP and term.obtained != Term.Obtained.ELECTED:
            add("obtained", _("Plassene i %(in_body)s, utenom de faste plassene, besettes ved valg.") % seat)

    if term.role in (Term.Role.LEADER, Term.Role.DEPUTY):
        if body.kind == BodyKind.STEERING_GROUP and term.obtained != Term.Obtained.ELECTED:
            add("role", _("Leder og nestleder velges blant de valgte medlemmene."))
        holder = others.filter(role=term.role).select_related("person").first()
        if holder is not None:
            if term.role == Term.Role.LEADER:
                message = _("%(body)s har allerede en leder i perioden: %(person)s (%(start)s–%(end)s).")
            else:
                message = _("%(body)s har allerede en nestleder i perioden: %(person)s (%(start)s–%(end)s).")
            add(
                "role",
                message
                % {"body": body, "person": holder.person, "start": _fmt(holder.starts_on), "end": _fmt(holder.ends_on)},
            )

    if term.obtained == Term.Obtained.ELECTED and term.role != Term.Role.KS_REPRESENTATIVE:
        allowed = sorted(int(y) for y in settings.allowed_term_years or [])
        if (
            allowed
            and not continuation
            and term.ends_on is not None
            and not any(
                abs((term.ends_on - term_end(term.starts_on, years)).days) <= TERM_LENGTH_TOLERANCE_DAYS
                for years in allowed
            )
        ):
            add(
                "ends_on",
                _("En valgperiode skal være %(allowed)s år; %(start)s–%(end)s er ikke det.")
                % {
                    "allowed": _(" eller ").join(str(y) for y in allowed),
                    "start": _fmt(term.starts_on),
                    "end": _fmt(term.ends_on),
                },
            )
        if settings.max_elected_seats is not None:
            elected = others.filter(obtained=Term.Obtained.ELECTED).exclude(role=Term.Role.KS_REPRESENTATIVE)
            peak, day = _peak(elected, term.starts_on)
            if peak >= settings.max_elected_seats:
                add(
                    "__all__",
                    ngettext(
                        "%(body)s har allerede %(max)d valgt medlem %(day)s. Flere valgte plasser kan ikke opprettes.",
                        "%(body)s har allerede %(max)d valgte medlemmer %(day)s. En %(next)d. valgt plass kan ikke "
                        "opprettes før en periode slutter.",
                        settings.max_elected_seats,
                    )
                    % {
                        "body": body,
                        "max": settings.max_elected_seats,
                        "next": settings.max_elected_seats + 1,
                        "day": _fmt(day),
                    },
                )
    if errors:
        raise ValidationError(errors)


def _lock_body(body: Body) -> Body:
    return Body.objects.select_for_update().get(pk=body.pk)


def composition_changed() -> None:
    """Check gender balance again once the change is committed (R10)."""
    check_gender_balance.delay_on_commit(notify_changes_only=True)


@transaction.atomic
def add_term(
    *,
    body: Body,
    person: Person,
    organisation: Organisation | None,
    role: str = Term.Role.MEMBER,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    obtained: str = Term.Obtained.ELECTED,
    election=None,
    paid: bool = False,
    paid_note: str = "",
    by: User | None = None,
) -> Term:
    """Give `person` a seat in `body` from `starts_on` to `ends_on`, refusing what breaks R7/R9."""
    body = _lock_body(body)
    term = Term(
        body=body,
        person=person,
        organisation=organisation,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        obtained=obtained,
        election=election,
        paid=paid,
        paid_note=paid_note,
    )
    validate_term(term, BodyKindSettings.for_kind(body.kind, body.network))
    term.full_clean()
    term._history_user = by
    term.save()
    if body.kind == BodyKind.WORKING_GROUP and role == Term.Role.LEADER and body.lead_person_id != person.pk:
        # The group's leader place and its lead person are the same fact (R9).
        body.lead_person = person
        body.leading_organisation = organisation
        body._history_user = by
        body.save(update_fields=["lead_person", "leading_organisation"])
    composition_changed()
    return term


def appoint_ks_representative(
    *, body: Body, person: Person, starts_on: datetime.date, ends_on: datetime.date, by: User | None = None
) -> Term:
    """A fixed seat of the body (its holder is the body kind's `fixed_seat_holder`): appointed by that
    party, representing no member organisation (R7)."""
    return add_term(
        body=body,
        person=person,
        organisation=None,
        role=Term.Role.KS_REPRESENTATIVE,
        starts_on=starts_on,
        ends_on=ends_on,
        obtained=Term.Obtained.APPOINTED,
        by=by,
    )


@transaction.atomic
def set_term_role(*, term: Term, role: str, by: User | None = None) -> Term:
    """Give a held seat another role (leader, deputy, member), checking R7 again."""
    _lock_body(term.body)
    term = Term.objects.select_related("body", "person", "organisation").get(pk=term.pk)
    if term.role == role:
        return term
    term.role = role
    validate_term(term, BodyKindSettings.for_kind(term.body.kind, term.body.network))
    term._history_user = by
    term.save(update_fields=["role"])
    composition_changed()
    return term


@transaction.atomic
def change_role_from(*, term: Term, role: str, on: datetime.date, by: User | None = None) -> Term:
    """Give a seat another role from `on`, keeping who held which role before (the constitution, R7).

    A seat that started before `on` is split: the old piece ends the day before, a new piece with the
    new role runs from `on` to the seat's end. Returns the seat in force from `on`.
    """
    _lock_body(term.body)
    term = Term.objects.select_related("body", "person", "organisation").get(pk=term.pk)
    if term.role == role:
        return term
    settings = BodyKindSettings.for_kind(term.body.kind, term.body.network)
    if term.starts_on >= on:
        term.role = role
        validate_term(term, settings)
        term._history_user = by
        term.save(update_fields=["role"])
        composition_changed()
        return term
    if term.ends_on is not None and term.ends_on < on:
        raise ValidationError(
            _("Vervet til %(person)s er avsluttet før %(day)s.") % {"person": term.person, "day": _fmt(on)}
        )
    remainder = Term(
        body=term.body,
        person=term.person,
        organisation=term.organisation,
        role=role,
        starts_on=on,
        ends_on=term.ends_on,
        obtained=term.obtained,
        election=term.election,
        paid=term.paid,
        paid_note=term.paid_note,
    )
    term.ends_on = on - datetime.timedelta(days=1)
    term._history_user = by
    term.save(update_fields=["ends_on"])
    validate_term(remainder, settings, continuation=True)
    remainder.full_clean()
    remainder._history_user = by
    remainder.save()
    composition_changed()
    return remainder


@transaction.atomic
def update_term(*, term: Term, by: User | None = None, **changes) -> Term:
    """Change dates, role or paid-time note of a seat, checking R7/R9 again."""
    _lock_body(term.body)
    term = Term.objects.select_related("body", "person", "organisation").get(pk=term.pk)
    allowed = {"role", "starts_on", "ends_on", "paid", "paid_note"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)} here")
    for name, value in changes.items():
        setattr(term, name, value)
    validate_term(term, BodyKindSettings.for_kind(term.body.kind, term.body.network))
    term.full_clean()
    term._history_user = by
    term.save()
    composition_changed()
    return term


@transaction.atomic
def end_term(*, term: Term, on: datetime.date, by: User | None = None) -> Term:
    """End a seat on `on` (inclusive). A seat that has not started by then is removed."""
    term = Term.objects.select_for_update().get(pk=term.pk)
    if term.ends_on is not None and term.ends_on <= on:
        return term
    term._history_user = by
    if term.starts_on > on:
        term.delete()
    else:
        term.ends_on = on
        term.save(update_fields=["ends_on"])
    composition_changed()
    return term


@transaction.atomic
def end_terms_for_organisation(
    *, organisation: Organisation, on: datetime.date, by: User | None = None, network_id: int | None = None
) -> int:
    """End every seat and group place held for `organisation` on `on` (R5): the day its membership ends.

    Only in the bodies of the network whose membership ended (`network_id`; every network when None): a
    member of two networks keeps its seats in the other. Seats that would have started after `on` are
    removed, pending requests to join are declined and open nominations withdrawn. Returns how many seats
    were changed.
    """
    in_network = {} if network_id is None else {"body__network_id": network_id}
    terms = list(
        Term.objects.select_for_update()
        .filter(organisation=organisation, **in_network)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on))
    )
    for term in terms:
        term._history_user = by
        if term.starts_on > on:
            term.delete()
        else:
            term.ends_on = on
            term.save(update_fields=["ends_on"])
    # Requests to join from a member that has left are declined; open nominations are withdrawn.
    for join_request in JoinRequest.objects.select_for_update().filter(
        organisation=organisation, status=JoinRequest.Status.PENDING, **in_network
    ):
        join_request.status = JoinRequest.Status.DECLINED
        join_request.decided_at = timezone.now()
        join_request._history_user = by
        join_request.save(update_fields=["status", "decided_at"])
    for nomination in Nomination.objects.select_for_update().filter(
        organisation=organisation,
        status=Nomination.Status.NOMINATED,
        election__status="open",
        **({} if network_id is None else {"election__body__network_id": network_id}),
    ):
        nomination.status = Nomination.Status.WITHDRAWN
        nomination._history_user = by
        nomination.save(update_fields=["status"])
    if terms:
        composition_changed()
    return len(terms)
