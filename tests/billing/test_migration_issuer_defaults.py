"""Billing 0012: an issuer's details lose their defaults (R13: they are the issuer's data, not code).

Every issuer keeps its name, number, address, account and e-mail, and their history; a new issuer has
none until someone writes them, and the seed after a flush (0009) still makes the first issuer whole.
"""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from billing.models import Issuer

BEFORE = [("billing", "0011_duestier_kinds_follow_organisations")]
AFTER = [("billing", "0013_issuer_details_have_no_default")]
DETAILS = ("issuer_name", "issuer_org_number", "street_address", "postal_code", "postal_place", "bank_account", "email")
FIRST_ISSUER = importlib.import_module("billing.migrations.0009_issuers_networks_nullable").FIRST_ISSUER


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_issuer_keeps_its_details_and_history():
    try:
        old = _migrate(BEFORE)
        OldIssuer = old.get_model("billing", "Issuer")
        # One made with the old defaults (as 0002/0009 made the first), one typed by a coordinator.
        defaulted = OldIssuer.objects.create(kid_prefix="91")
        typed = OldIssuer.objects.create(
            kid_prefix="92", issuer_name="Viken fylkeskommune", issuer_org_number="921693230",
            street_address="Postboks 220", postal_code="1702", postal_place="Sarpsborg",
            bank_account="15038013322", email="faktura@viken.no",
        )  # fmt: skip
        old.get_model("billing", "HistoricalIssuer").objects.create(
            id=typed.pk, issuer_name="Viken", issuer_org_number="921693230", kid_prefix="92",
            history_date="2024-01-02T10:00:00Z", history_type="+",
        )  # fmt: skip
        before = {row["id"]: row for row in OldIssuer.objects.filter(pk__in=[defaulted.pk, typed.pk]).values()}

        new = _migrate(AFTER)
        NewIssuer = new.get_model("billing", "Issuer")
        after = {row["id"]: row for row in NewIssuer.objects.filter(pk__in=[defaulted.pk, typed.pk]).values()}
        assert after == before
        assert {name: after[defaulted.pk][name] for name in DETAILS} == FIRST_ISSUER
        assert after[typed.pk]["issuer_name"] == "Viken fylkeskommune"
        history = new.get_model("billing", "HistoricalIssuer").objects.get(id=typed.pk)
        assert (history.issuer_name, history.issuer_org_number) == ("Viken", "921693230")
        # No defaults now: a new issuer's details are empty until written.
        assert NewIssuer._meta.get_field("issuer_name").has_default() is False
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_a_new_issuer_is_refused_until_its_details_are_written():
    issuer = Issuer(kid_prefix="93")
    with pytest.raises(ValidationError) as refused:
        issuer.full_clean()
    assert {"issuer_name", "issuer_org_number", "bank_account", "email"} <= set(refused.value.message_dict)
    for name in DETAILS:
        assert getattr(issuer, name) == ""


@pytest.mark.django_db
def test_the_seed_after_a_flush_writes_the_first_issuers_details():
    from django.apps import apps

    from billing.models import NetworkBilling, NumberCounter

    for model in (NetworkBilling, NumberCounter):
        model.objects.all().delete()
    Issuer.objects.all().delete()
    importlib.import_module("billing.migrations.0009_issuers_networks_nullable").seed(apps, None)
    issuer = Issuer.objects.get()
    assert {name: getattr(issuer, name) for name in DETAILS} == FIRST_ISSUER
    issuer.full_clean()
