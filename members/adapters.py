from allauth.account.adapter import DefaultAccountAdapter

from .emails import sender
from .networks import first_network


class AccountAdapter(DefaultAccountAdapter):
    """No self sign-up: the coordinator invites contact persons (issue: member portal)."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def format_email_subject(self, subject) -> str:
        network = first_network()
        return f"[{network.label}] {subject}" if network else str(subject)

    def get_from_email(self):
        return sender(first_network())
