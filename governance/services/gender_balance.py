"""Gender balance in the bodies and key functions of the network (R10, agreement §12).

"[Nettverket] skal tilstrebe kjønnsbalanse i alle styrende organer og nøkkelfunksjoner" (seed 000).
The rule for Norwegian elected bodies gives the least number of each gender for a body of a given
size. The network must *strive for* it: the result is a warning with what would fix it, never a block.
People whose gender is unknown are a data gap, never guessed.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from celery import shared_task
from django.conf import settings as django_settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from members.models import Network, Person
from members.networks import current_network, using_network

from ..models import Body, BodyKind, GenderBalanceCheck, Term

Verdict = GenderBalanceCheck.Verdict


def required_of_each_gender(size: int) -> int:
    """The least number of women and of men in a body of `size` people.

    2–3: both present; 4–5: 2 of each; 6–8: 3 of each; 9: 4 of each; more than 9: 40 % of each,
    rounded up. One person (or none) cannot be balanced: no requirement.
    """
    if size <= 1:
        return 0
    if size <= 3:
        return 1
    if size <= 5:
        return 2
    if size <= 8:
        return 3
    if size == 9:
        return 4
    return math.ceil(size * 40 / 100)


# Numbers up to twelve are written in words in running text ("trenger to kvinner til").
_NUMBER_WORDS = {
    2: pgettext_lazy("antall", "to"),
    3: pgettext_lazy("antall", "tre"),
    4: pgettext_lazy("antall", "fire"),
    5: pgettext_lazy("antall", "fem"),
    6: pgettext_lazy("antall", "seks"),
    7: pgettext_lazy("antall", "sju"),
    8: pgettext_lazy("antall", "åtte"),
    9: pgettext_lazy("antall", "ni"),
    10: pgettext_lazy("antall", "ti"),
    11: pgettext_lazy("antall", "elleve"),
    12: pgettext_lazy("antall", "tolv"),
}


def _needs(n: int, woman: bool) -> str:
    """ "trenger én kvinne til" / "needs one more woman"; "trenger to menn til" / "needs two more men"."""
    count = str(_NUMBER_WORDS.get(n, n))
    if woman:
        return ngettext("trenger én kvinne til", "trenger %(count)s kvinner til", n) % {"count": count}
    return ngettext("trenger én mann til", "trenger %(count)s menn til", n) % {"count": count}


@dataclass(frozen=True)
class BalanceResult:
    scope: str
    body: Body | None
    size: int
    women: int
    men: int
    other: int
    unknown: int
    required_each: int
    verdict: str
    advice: str

    @property
    def label(self) -> str:
        """What the reader calls the scope: the body's name in their language (the stored scope is the
        body's name as data, the key of the history)."""
        return self.body.display_name if self.body is not None else self.scope

    @property
    def ok(self) -> bool:
        return self.verdict == Verdict.OK

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)


def assess(*, scope: str, genders: list[str], body: Body | None = None) -> BalanceResult:
    """Hold the genders of the current holders against the rule (R10)."""
    size = len(genders)
    women = genders.count(Person.Gender.WOMAN)
    men = genders.count(Person.Gender.MAN)
    unknown = genders.count(Person.Gender.UNKNOWN)
    other = size - women - men - unknown
    required = required_of_each_gender(size)
    missing_women = max(0, required - women)
    missing_men = max(0, required - men)
    advice_parts = []
    if missing_women:
        advice_parts.append(_needs(missing_women, woman=True))
    if missing_men:
        advice_parts.append(_needs(missing_men, woman=False))
    if unknown:
        advice_parts.append(
            ngettext("kjønn mangler for én person", "kjønn mangler for %(n)d personer", unknown) % {"n": unknown}
        )
    if unknown:
        # A gap is reported as such even where the known holders meet the rule: the data must be fixed.
        verdict = Verdict.INCOMPLETE
    elif missing_women or missing_men:
        verdict = Verdict.BELOW
    else:
        verdict = Verdict.OK
    advice = "; ".join(advice_parts)
    return BalanceResult(
        scope=scope,
        body=body,
        size=size,
        women=women,
        men=men,
        other=other,
        unknown=unknown,
        required_each=required,
        verdict=verdict,
        advice=advice[:1].upper() + advice[1:] if advice else "",
    )


def _current(on: datetime.date):
    from django.db.models import Q

    return Term.objects.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


def gender_balance_report(on: datetime.date | None = None, *, network: Network | None = None) -> list[BalanceResult]:
    """Balance of `network`'s steering group (with its fixed seats), each active working group, the resource
    group and the key functions together (leader, deputy, working-group leads) on `on` (today). The network
    is the page's when not given.

    Two queries whatever the number of bodies.
    """
    on = on or timezone.localdate()
    network = network or current_network()
    bodies = list(Body.objects.filter(network=network).exclude(status=Body.Status.CLOSED).order_by("kind", "name"))
    order = {BodyKind.STEERING_GROUP: 0, BodyKind.WORKING_GROUP: 1, BodyKind.RESOURCE_GROUP: 2}
    bodies.sort(key=lambda b: (order.get(b.kind, 9), b.name))
    rows = list(_current(on).filter(body__in=bodies).values_list("body_id", "person_id", "role", "person__gender"))
    by_body: dict[int, dict[int, str]] = {}
    key_people: dict[int, str] = {}
    kinds = {b.pk: b.kind for b in bodies}
    for body_id, person_id, role, gender in rows:
        by_body.setdefault(body_id, {})[person_id] = gender
        is_key = role in (Term.Role.LEADER, Term.Role.DEPUTY) and kinds[body_id] == BodyKind.STEERING_GROUP
        is_key = is_key or (role == Term.Role.LEADER and kinds[body_id] == BodyKind.WORKING_GROUP)
        if is_key:
            key_people[person_id] = gender
    results = [assess(scope=b.name, body=b, genders=list(by_body.get(b.pk, {}).values())) for b in bodies]
    results.append(
        assess(
            scope=_("Nøkkelfunksjoner (leder, nestleder og ledere av arbeidsgrupper)"),
            genders=list(key_people.values()),
        )
    )
    return results


def balance_for_body(body: Body, on: datetime.date | None = None) -> BalanceResult:
    on = on or timezone.localdate()
    genders = dict(_current(on).filter(body=body).values_list("person_id", "person__gender"))
    return assess(scope=body.name, body=body, genders=list(genders.values()))


@transaction.atomic
def store_gender_balance(
    *, on: datetime.date | None = None, network: Network | None = None
) -> list[tuple[GenderBalanceCheck, bool]]:
    """Store the day's result per body and for the key functions of `network` (every network when not
    given), so the history of balance shows.

    Returns each stored check with whether its verdict differs from the previous stored one.
    Running twice on a day updates that day's rows (idempotent).
    """
    on = on or timezone.localdate()
    if network is None:
        return [row for each in Network.objects.order_by("pk") for row in store_gender_balance(on=on, network=each)]
    stored = []
    for result in gender_balance_report(on, network=network):
        previous = (
            GenderBalanceCheck.objects.filter(network=network, scope=result.scope, checked_on__lte=on)
            .order_by("-checked_on")
            .first()
        )
        check, _created = GenderBalanceCheck.objects.update_or_create(
            network=network,
            checked_on=on,
            scope=result.scope,
            defaults={
                "body": result.body,
                "size": result.size,
                "women": result.women,
                "men": result.men,
                "other": result.other,
                "unknown": result.unknown,
                "required_each": result.required_each,
                "verdict": result.verdict,
                "advice": result.advice,
            },
        )
        changed = previous is None or previous.verdict != check.verdict
        stored.append((check, changed))
    return stored


def coordinator_emails(network: Network) -> list[str]:
    """The active coordinators of `network`: the ones its balance is reported to."""
    return sorted(network.coordinators.filter(is_active=True).exclude(email="").values_list("email", flat=True))


def check_and_notify(*, on: datetime.date | None = None, notify_changes_only: bool = False) -> int:
    """Store the day's balance of every network and email each network's coordinators about its bodies below
    the rule or with data gaps.

    With `notify_changes_only` (after a change of composition) only scopes whose verdict changed are
    reported. Returns the number of scopes reported.
    """
    reported = 0
    for network in Network.objects.order_by("pk"):
        stored = store_gender_balance(on=on, network=network)
        to_report = [c for c, changed in stored if c.verdict != Verdict.OK and (changed or not notify_changes_only)]
        recipients = coordinator_emails(network)
        if to_report and recipients:
            with using_network(network):
                _send_balance_mail(network, to_report, recipients)
        reported += len(to_report)
    return reported


def _send_balance_mail(network: Network, to_report: list[GenderBalanceCheck], recipients: list[str]) -> None:
    lines = [
        f"- {c.scope}: {c.get_verdict_display()} ({c.women} k, {c.men} m, {c.unknown} ukjent; "
        f"{_('krav')} {c.required_each}). {c.advice}"
        for c in to_report
    ]
    body = "\n".join(
        [
            _("%(network)s skal tilstrebe kjønnsbalanse i alle styrende organer og nøkkelfunksjoner.")
            % {"network": network.name},
            "",
            *lines,
        ]
    )
    send_mail(
        _("Kjønnsbalanse: %(n)d organ(er) trenger oppfølging") % {"n": len(to_report)},
        body,
        django_settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


# --- Celery task: a thin wrapper around check_and_notify (docs/architecture.md) ---


@shared_task(name="governance.check_gender_balance", acks_late=True)
def check_gender_balance(notify_changes_only: bool = False) -> int:
    return check_and_notify(notify_changes_only=notify_changes_only)
