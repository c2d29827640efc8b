"""Actions on organisations, memberships and contact persons. Every write goes through here.

Split by area; import from `members.services` as before.
"""

from .contacts import (
    PERSON_FIELDS,
    add_contact,
    add_role_to_person,
    check_may_hold,
    default_contact_kind,
    remove_contact,
    set_primary_contact,
    update_contact,
)
from .invitations import accept_invitation, invitation_from_token, invitation_url, invite_person
from .lifecycle import (
    activate_membership,
    agreement_end,
    apply_for_membership,
    check_may_join,
    end_due_memberships,
    end_membership,
    give_notice,
    notice_effective_date,
    renew_agreement,
    send_renewal_reminders,
    withdraw_notice,
)
from .membership_roles import set_membership_role
from .network_terms import LOGO_FIELD, TERMS_FIELDS, update_network_terms
from .personal_data import anonymise_person, personal_data
from .succession import carry_over_membership, end_membership_of_ended_organisation, link_successor

__all__ = [
    "LOGO_FIELD",
    "PERSON_FIELDS",
    "TERMS_FIELDS",
    "accept_invitation",
    "activate_membership",
    "add_contact",
    "add_role_to_person",
    "agreement_end",
    "anonymise_person",
    "apply_for_membership",
    "carry_over_membership",
    "check_may_hold",
    "check_may_join",
    "default_contact_kind",
    "end_due_memberships",
    "end_membership",
    "end_membership_of_ended_organisation",
    "give_notice",
    "invitation_from_token",
    "invitation_url",
    "invite_person",
    "link_successor",
    "notice_effective_date",
    "personal_data",
    "remove_contact",
    "renew_agreement",
    "send_renewal_reminders",
    "set_membership_role",
    "set_primary_contact",
    "update_contact",
    "update_network_terms",
    "withdraw_notice",
]
