"""Phone numbers for people to read.

    {% load phone %}
    {{ person.phone|phone }}     "+4722123456" → "22 12 34 56";  "+46812345678" → "+46 8 123 456 78"

Norwegian numbers in national format, foreign ones in international format; a stored value that
does not parse is shown as it is.
"""

from django import template

from members.validators import format_phone

register = template.Library()


@register.filter(name="phone")
def phone(value) -> str:
    return format_phone(value)
