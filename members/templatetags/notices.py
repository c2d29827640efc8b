"""To whom a notice is given, for the resignation form (R5, R13): `{% notice_parties membership as parties %}`."""

from django import template

from ..notices import NoticeParties
from ..notices import notice_parties as _notice_parties

register = template.Library()


@register.simple_tag
def notice_parties(membership) -> NoticeParties:
    """Whom a notice of `membership` given today goes to, and who gets a copy."""
    return _notice_parties(membership)
