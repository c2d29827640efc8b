"""factory_boy factories for the whole project. Values are valid unless a test says otherwise."""

import datetime

import factory
from stdnum.no import orgnr

from members.models import (
    ContactRole,
    ContactRoleKind,
    Membership,
    MembershipRoleKind,
    Network,
    NoticeAddressee,
    Organisation,
    Person,
    PopulationFigure,
    User,
)

_COUNTIES = ["03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"]


def valid_org_number(n: int) -> str:
    """The n-th nine-digit number with a correct MOD11 check digit, starting at 9xxxxxxxx."""
    base = 90000000 + n * 7
    while True:
        body = f"{base:08d}"
        check = (11 - orgnr.checksum(body + "0")) % 11
        if check != 10:
            candidate = body + str(check)
            if orgnr.is_valid(candidate):
                return candidate
        base += 1


def kommunenummer(n: int) -> str:
    return f"{_COUNTIES[(n // 98) % len(_COUNTIES)]}{n % 98 + 1:02d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.no")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.KOMMUNE
    number = factory.Sequence(kommunenummer)
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    org_number = factory.Sequence(valid_org_number)
    street_address = "Rådhusgata 1"
    postal_code = "0150"
    postal_place = "Oslo"
    invoice_email = factory.LazyAttribute(lambda o: f"faktura@{o.number or o.org_number}.kommune.no")
    invoice_reference = factory.Sequence(lambda n: f"REF-{n:05d}")


class PopulationFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationFigure

    organisation = factory.SubFactory(OrganisationFactory)
    reference_date = datetime.date(2024, 1, 1)
    population = 15000
    source = "SSB, test"


class NetworkFactory(factory.django.DjangoModelFactory):
    """A network with Bærekraftsnettverket's terms (six months' notice, three years, dues, no refund)."""

    class Meta:
        model = Network
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testnettverk {n}")
    slug = factory.Sequence(lambda n: f"testnettverk-{n}")
    admitted_kinds = ["kommune", "fylkeskommune"]
    notice_months = 6
    agreement_years = 3
    renewal_reminder_months = 3
    has_dues = True
    refund_on_resignation = False


def first_network() -> Network:
    """The installation's first network (made by migration 0007), or one made here after a flush."""
    return Network.objects.order_by("pk").first() or NetworkFactory(name="Testnettverket", slug="testnettverket")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.LazyFunction(first_network)
    organisation = factory.SubFactory(OrganisationFactory)
    status = Membership.Status.ACTIVE
    applied_on = datetime.date(2022, 5, 1)
    joined_on = datetime.date(2022, 6, 3)
    political_decision_on = datetime.date(2022, 5, 20)
    political_decision_body = "Kommunestyret"
    political_decision_reference = "22/123"
    agreement_signed_on = datetime.date(2022, 6, 3)
    signatory_name = "Kari Nordmann"
    signatory_title = "Kommunedirektør"
    approving_authority = Membership.ApprovingAuthority.KOMMUNEDIREKTOR
    agreement_ends_on = datetime.date(2025, 6, 3)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Ola{n}")
    last_name = "Nordmann"
    title = "Rådgiver"
    email = factory.Sequence(lambda n: f"person{n}@kommune.no")
    phone = "+47 22 00 00 00"
    gender = Person.Gender.UNKNOWN


def default_kind(network: Network) -> ContactRoleKind:
    from members.services import default_contact_kind

    return default_contact_kind(network)


class ContactRoleKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRoleKind

    network = factory.LazyFunction(first_network)
    name = factory.Sequence(lambda n: f"Rolle {n}")
    key = factory.Sequence(lambda n: f"rolle-{n}")


class MembershipRoleKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipRoleKind

    network = factory.LazyFunction(first_network)
    name = factory.Sequence(lambda n: f"Medlemsrolle {n}")


class NoticeAddresseeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeAddressee

    network = factory.LazyFunction(first_network)
    source = NoticeAddressee.Source.CONTACT_ROLE


class ContactRoleFactory(factory.django.DjangoModelFactory):
    """A contact role of the network's first kind («Kontaktperson») unless `kind` is given."""

    class Meta:
        model = ContactRole

    kind = factory.LazyFunction(lambda: default_kind(first_network()))
    network = factory.LazyAttribute(lambda o: o.kind.network)
    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    is_primary = True


def make_coordinator(user: User, network: Network | None = None) -> User:
    """`user` becomes a coordinator of `network` (the first): the group for the admin, the network for its data."""
    from django.contrib.auth.models import Group

    from members.roles import COORDINATOR_GROUP

    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    (network or first_network()).coordinators.add(user)
    return user


def scoped(path: str, network: Network | None = None) -> str:
    """`path` as an address of `network` (the first): /moter/ → /<slug>/moter/, /en/moter/ → /en/<slug>/moter/."""
    slug = (network or first_network()).slug
    if path.startswith((f"/{slug}/", f"/en/{slug}/")):
        return path
    if path.startswith("/en/"):
        return f"/en/{slug}{path[3:]}"
    return f"/{slug}{path}"
