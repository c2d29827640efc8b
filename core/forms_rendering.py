"""How every form in the project renders: Designsystemet markup, errors tied to their fields.

One renderer (settings.FORM_RENDERER) instead of a mixin or template tag per app, so that forms we
do not own (allauth's login, code and password-reset forms) get the same markup and ARIA as ours.
Django 5.2 already sets `aria-invalid` and `aria-describedby="<id>_helptext <id>_error"` on a
widget with help text or errors; templates/forms/_field.html renders the elements with those ids.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class DesignsystemetBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        # A widget that brings its own class (the admin's vTextField, …) keeps it.
        if not widget.is_hidden and "class" not in attrs and "class" not in widget.attrs:
            attrs["class"] = "ds-input"
        return attrs

    @property
    def is_choice_group(self) -> bool:
        """Radio buttons or checkboxes, one input per choice, grouped in a fieldset."""
        return isinstance(self.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)

    @property
    def error_target_id(self) -> str:
        """The id a link in the error summary points at: the input itself, else its first option.

        Django gives radio and checkbox groups no `id_for_label` (a label for the first option
        would name the whole group wrongly), so the link goes to the first choice, which is
        focusable; a group without choices falls back to the fieldset's id.
        """
        if self.id_for_label:
            return self.id_for_label
        for subwidget in self.subwidgets:
            if subwidget.id_for_label:
                return subwidget.id_for_label
        return self.auto_id or ""


class DesignsystemetFormRenderer(TemplatesSetting):
    """Templates from the project's engine (templates/forms/), so they can be found and overridden there."""

    form_template_name = "forms/_form.html"
    field_template_name = "forms/_field.html"
    bound_field_class = DesignsystemetBoundField
