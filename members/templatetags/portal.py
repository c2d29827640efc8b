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


@register.simple_tag
def ds_widget(field):
    """A bound field's widget with the Designsystemet class and its error/help tied by id."""
    attrs = {"class": "ds-input"}
    described = []
    if field.help_text:
        described.append(f"{field.html_name}-help")
    if field.errors:
        described.append(f"{field.html_name}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
