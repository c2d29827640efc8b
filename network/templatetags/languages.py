"""The language switch: where the same page lives in another language."""

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_language(context, language_code: str) -> str:
    """This page's URL in `language_code` ("/en/" → "/" for nb), for the language switch's `next`.

    Computed while rendering the page, in the page's own language: the set_language view runs
    outside i18n_patterns (in the default language) and cannot resolve "/en/…" itself.
    """
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language_code)
