"""Render another app's portal section with the context its own function built."""

from django import template
from django.template.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_section(context, section):
    """`{% portal_section s %}`: the section's template sees its context keys and `section`."""
    tmpl = get_template(section["template"])
    flat = context.flatten()
    flat.update(section["context"])
    flat["section"] = section["context"]
    return tmpl.render(flat, context.get("request"))
