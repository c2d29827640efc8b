"""Every network gets the kind of contact it always had, «Kontaktperson» (required); every existing
contact role (and its history) becomes that kind in network 1, the network it was made for. Network 1's
notices go, as its agreement says, to the leader of its steering group (R5).

No row is removed or changed otherwise: the same people stay the same organisations' contacts, the
primary contact stays primary.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Network = apps.get_model("members", "Network")
    ContactRoleKind = apps.get_model("members", "ContactRoleKind")
    ContactRole = apps.get_model("members", "ContactRole")
    HistoricalContactRole = apps.get_model("members", "HistoricalContactRole")
    NoticeAddressee = apps.get_model("members", "NoticeAddressee")

    kinds = {}
    for network in Network.objects.order_by("pk"):
        kinds[network.pk], _ = ContactRoleKind.objects.get_or_create(
            network=network,
            key="kontaktperson",
            defaults={"name": "Kontaktperson", "name_en": "Contact person", "required": True, "order": 0},
        )
    first = Network.objects.order_by("pk").first()
    if first is None:
        return  # 0007 always makes one; a database without any has no contact roles to move either
    kind = kinds[first.pk]
    ContactRole.objects.filter(kind__isnull=True).update(network=first, kind=kind)
    HistoricalContactRole.objects.filter(kind__isnull=True).update(network=first, kind=kind)
    if not NoticeAddressee.objects.filter(network=first).exists():
        NoticeAddressee.objects.create(
            network=first,
            copy=False,
            source="body_leader",
            body_kind="steering_group",
            title="Styringsgruppens leder",
            title_en="Leader of the steering group",
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0012_contact_and_membership_roles")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
