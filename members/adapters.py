from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No self sign-up: the coordinator invites contact persons (issue: member portal)."""

    def is_open_for_signup(self, request) -> bool:
        return False
