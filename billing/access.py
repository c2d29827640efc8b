"""View decorators for billing: the network's coordinators and its issuer's billing administrators."""

from members.access import role_required

from .roles import can_manage_billing

billing_staff_required = role_required(can_manage_billing)
