"""The layering holds in the import graph itself: no arrow up or sideways, no import circle.

lint-imports checks the same contracts in `make lint`; these tests put them in `make test` too, and
add what import-linter does not look for: circles between modules inside one package.
"""

from . import import_graph


def test_no_import_runs_up_the_layers_or_between_siblings():
    graph = import_graph.build()
    assert import_graph.wrong_arrows(graph) == []


def test_no_modules_import_each_other_round_a_circle():
    assert import_graph.circles(import_graph.build()) == []


def test_every_app_is_in_a_layer_and_the_graph_sees_them_all():
    graph = import_graph.build()
    packages = {module.split(".", 1)[0] for module in graph.modules}
    assert packages == {"network", "governance", "billing", "activities", "members", "core"}
    arrows = import_graph.package_arrows(graph)
    # The top reads every app below it; the apps read members; every app uses core.
    assert {("network", app) for app in ("governance", "billing", "activities", "members", "core")} <= set(arrows)
    assert {(app, "members") for app in ("governance", "billing", "activities")} <= set(arrows)


def test_the_checks_find_a_circle_and_an_upward_arrow_when_there_is_one():
    """The checks are not vacuous: a graph with a planted circle and a back-arrow is caught."""
    graph = import_graph.build()
    graph.add_import(importer="members.models", imported="network.urls")
    graph.add_import(importer="core.links", imported="core.cache")
    graph.add_import(importer="core.cache", imported="core.links")

    assert [(a.importer, a.imported) for a in import_graph.wrong_arrows(graph)] == [("members.models", "network.urls")]
    assert ["core.cache", "core.links"] in import_graph.circles(graph)
