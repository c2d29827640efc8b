"""A membership's role in its network (R13): «Motorkommune» in a cluster, «Vertskommune» in a region."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Membership, MembershipRoleKind, Network, User


@transaction.atomic
def set_membership_role(*, membership: Membership, role: MembershipRoleKind | None, by: User | None = None) -> Membership:
    """Give `membership` the role `role` (None: no role). Only a role of the membership's own network;
    a role the network has one of at a time is refused while another current member holds it."""
    # Lock the network so two coordinators cannot hand a one-per-network role to two members at once.
    Network.objects.select_for_update().get(pk=membership.network_id)
    membership = Membership.objects.select_for_update().select_related("organisation", "network").get(pk=membership.pk)
    if role is not None and membership.status == Membership.Status.RESIGNED:
        raise ValidationError(
            _("%(org)s er ikke lenger medlem og kan ikke få en rolle.") % {"org": membership.organisation.name},
            code="membership_resigned",
        )
    membership.role = role
    membership.full_clean()
    membership._history_user = by
    membership.save()
    return membership

