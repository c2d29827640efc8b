from members.roles import can_manage_billing, is_coordinator, is_member_contact


def navigation(request):
    """What the header menu may show to the person asking."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_is_coordinator": False, "nav_can_bill": False, "nav_is_contact": False}
    return {
        "nav_is_coordinator": is_coordinator(user),
        "nav_can_bill": can_manage_billing(user),
        "nav_is_contact": is_member_contact(user),
    }
