"""The annual election of the steering group (R7): open, nominate, record the result, constitute.

The group is "elected by and among the members" for one or two years, rotates annually, and
"constitutes itself": the leader and deputy are chosen by the group after the election, as a step
of its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Person, User
from members.networks import current_network
from members.roles import contact_organisation_ids

from ..models import Body, BodyKind, BodyKindSettings, Election, Nomination, Term
from . import bodies as body_services


def _steering_group() -> Body:
    """The steering group of the network the page or job speaks for."""
    return Body.objects.get(kind=BodyKind.STEERING_GROUP, network=current_network())


@transaction.atomic
def open_election(
    *,
    year: int,
    terms_start_on: datetime.date,
    nomination_deadline: datetime.date | None = None,
    notes: str = "",
    body: Body | None = None,
    by: User | None = None,
) -> Election:
    """Open the election for `year`: members may nominate candidates until the deadline."""
    body = body or _steering_group()
    Body.objects.select_for_update().get(pk=body.pk)
    if Election.objects.filter(body=body, year=year).exists():
        raise ValidationError({"year": _("Valget for %(year)d er allerede åpnet.") % {"year": year}})
    if terms_start_on.year != year:
        raise ValidationError({"terms_start_on": _("De nye periodene må starte i valgåret %(year)d.") % {"year": year}})
    if nomination_deadline and nomination_deadline >= terms_start_on:
        raise ValidationError(
            {"nomination_deadline": _("Fristen for nominasjon må være før de nye periodene starter.")}
        )
    if nomination_deadline and nomination_deadline.year < year - 1:
        raise ValidationError({"nomination_deadline": _("Fristen for nominasjon må være i valgåret eller året før.")})
    election = Election(
        body=body,
        year=year,
        terms_start_on=terms_start_on,
        nomination_deadline=nomination_deadline,
        notes=notes,
        opened_by=by,
    )
    election.full_clean()
    election._history_user = by
    election.save()
    return election


@transaction.atomic
def nominate(
    *,
    election: Election,
    person: Person,
    via: str,
    statement: str = "",
    today: datetime.date | None = None,
    by: User | None = None,
) -> Nomination:
    """Nominate `person` as a candidate. Through the portal a member contact nominates someone of their
    own organisation before the deadline; the coordinator may nominate anyone from a member in good standing.
    """
    today = today or timezone.localdate()
    election = Election.objects.select_for_update().get(pk=election.pk)
    if not election.is_open:
        raise ValidationError(_("Valget for %(year)d er ikke åpent for nominasjon.") % {"year": election.year})
    organisation = person.organisation
    if organisation is None:
        raise ValidationError({"person": _("Kandidaten må komme fra en medlemsorganisasjon.")})
    if via == Nomination.Via.PORTAL:
        if by is None or organisation.pk not in contact_organisation_ids(by):
            raise ValidationError({"person": _("Du kan bare nominere personer fra din egen organisasjon.")})
        if election.nomination_deadline and today > election.nomination_deadline:
            raise ValidationError(
                _("Fristen for nominasjon gikk ut %(day)s.") % {"day": f"{election.nomination_deadline:%d.%m.%Y}"}
            )
    if not body_services.in_good_standing(organisation, election.body.network):
        raise ValidationError(
            {
                "person": _("%(organisation)s er ikke medlem med gode rettigheter (aktiv eller i oppsigelsestid).")
                % {"organisation": organisation}
            }
        )
    if election.nominations.filter(person=person).exclude(status=Nomination.Status.WITHDRAWN).exists():
        raise ValidationError({"person": _("%(person)s er allerede nominert.") % {"person": person}})
    nomination = Nomination(
        election=election, person=person, organisation=organisation, statement=statement, via=via, nominated_by=by
    )
    nomination.full_clean()
    nomination._history_user = by
    nomination.save()
    return nomination


@transaction.atomic
def withdraw_nomination(*, nomination: Nomination, by: User | None = None) -> Nomination:
    nomination = Nomination.objects.select_for_update().select_related("election").get(pk=nomination.pk)
    if not nomination.election.is_open:
        raise ValidationError(_("Resultatet er registrert; nominasjonen kan ikke trekkes."))
    nomination.status = Nomination.Status.WITHDRAWN
    nomination._history_user = by
    nomination.save(update_fields=["status"])
    return nomination


@transaction.atomic
def record_result(
    *,
    election: Election,
    elected: Iterable[tuple[Nomination, int]],
    decided_on: datetime.date,
    by: User | None = None,
) -> list[Term]:
    """Record who won a seat and for how many years; their terms start on `terms_start_on`.

    Everything or nothing: a result that would make a 10th elected seat, or a term of a length the
    settings do not allow, is refused whole with the reason.
    """
    election = Election.objects.select_for_update().select_related("body").get(pk=election.pk)
    if not election.is_open:
        raise ValidationError(_("Resultatet for valget %(year)d er allerede registrert.") % {"year": election.year})
    if not (election.year - 1 <= decided_on.year and decided_on <= election.terms_start_on):
        raise ValidationError(
            {
                "decided_on": _(
                    "Valget holdes i valgåret eller året før, senest den dagen de nye periodene starter (%(day)s)."
                )
                % {"day": f"{election.terms_start_on:%d.%m.%Y}"}
            }
        )
    allowed = BodyKindSettings.for_kind(election.body.kind, election.body.network).allowed_term_years or []
    elected = list(elected)
    winners = {n.pk for n, _years in elected}
    if len(winners) != len(elected):
        raise ValidationError(_("En kandidat er valgt mer enn én gang."))
    terms = []
    for nomination, years in elected:
        nomination = Nomination.objects.select_related("person", "organisation").get(pk=nomination.pk)
        if nomination.election_id != election.pk or nomination.status != Nomination.Status.NOMINATED:
            raise ValidationError(_("%(person)s er ikke nominert til dette valget.") % {"person": nomination.person})
        if allowed and years not in allowed:
            raise ValidationError(
                _("%(person)s: en valgperiode skal være %(allowed)s år.")
                % {"person": nomination.person, "allowed": _(" eller ").join(str(y) for y in allowed)}
            )
        try:
            term = body_services.add_term(
                body=election.body,
                person=nomination.person,
                organisation=nomination.organisation,
                role=Term.Role.MEMBER,
                starts_on=election.terms_start_on,
                ends_on=body_services.term_end(election.terms_start_on, years),
                obtained=Term.Obtained.ELECTED,
                election=election,
                by=by,
            )
        except ValidationError as error:
            raise ValidationError([f"{nomination.person}: {message}" for message in error.messages]) from None
        nomination.status = Nomination.Status.ELECTED
        nomination.term_years = years
        nomination._history_user = by
        nomination.save(update_fields=["status", "term_years"])
        terms.append(term)
    for nomination in election.nominations.filter(status=Nomination.Status.NOMINATED):
        nomination.status = Nomination.Status.NOT_ELECTED
        nomination._history_user = by
        nomination.save(update_fields=["status"])
    election.status = Election.Status.DECIDED
    election.decided_on = decided_on
    election._history_user = by
    election.save(update_fields=["status", "decided_on"])
    return terms


@transaction.atomic
def constitute(
    *,
    election: Election,
    leader: Term,
    deputy: Term | None,
    constituted_on: datetime.date,
    by: User | None = None,
) -> tuple[Term, Term | None]:
    """The group constitutes itself: one leader and at most one deputy, both among the elected (R7),
    from the day the new terms start. Whoever held those roles before keeps them until the day before.
    """
    election = Election.objects.select_for_update().select_related("body").get(pk=election.pk)
    if election.status == Election.Status.OPEN:
        raise ValidationError(_("Registrer valgresultatet før gruppen konstituerer seg."))
    elected_on = election.decided_on or election.terms_start_on
    if not (elected_on <= constituted_on and constituted_on.year <= election.year + 1):
        raise ValidationError(
            {
                "constituted_on": _("Gruppen konstituerer seg etter valget (%(day)s), senest året etter valgåret.")
                % {"day": f"{elected_on:%d.%m.%Y}"}
            }
        )
    on = election.terms_start_on
    in_force = list(
        election.body.terms.filter(obtained=Term.Obtained.ELECTED, starts_on__lte=on, ends_on__gte=on)
        .exclude(role=Term.Role.KS_REPRESENTATIVE)
        .select_related("person")
    )
    by_pk = {t.pk: t for t in in_force}
    if leader.pk not in by_pk:
        raise ValidationError({"leader": _("Lederen må velges blant de valgte medlemmene.")})
    if deputy is not None and deputy.pk not in by_pk:
        raise ValidationError({"deputy": _("Nestlederen må velges blant de valgte medlemmene.")})
    if deputy is not None and deputy.pk == leader.pk:
        raise ValidationError({"deputy": _("Leder og nestleder må være to forskjellige personer.")})
    wanted = {t.pk: Term.Role.MEMBER for t in in_force}
    wanted[leader.pk] = Term.Role.LEADER
    if deputy is not None:
        wanted[deputy.pk] = Term.Role.DEPUTY
    # Step down first, so the new leader and deputy never overlap the old ones.
    new_terms = {}
    for term in sorted(in_force, key=lambda t: wanted[t.pk] != Term.Role.MEMBER):
        if term.role != wanted[term.pk]:
            new_terms[term.pk] = body_services.change_role_from(term=term, role=wanted[term.pk], on=on, by=by)
        else:
            new_terms[term.pk] = term
    election.status = Election.Status.CONSTITUTED
    election.constituted_on = constituted_on
    election._history_user = by
    election.save(update_fields=["status", "constituted_on"])
    return new_terms[leader.pk], new_terms[deputy.pk] if deputy is not None else None
