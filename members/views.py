"""The member portal (R2, R5, R12). Every organisation and contact id is checked through
members.queries (404 for "not yours"); the writing is done by members.services."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import queries, services
from .forms import (
    ActivateMembershipForm,
    ContactPersonForm,
    LetterNoticeForm,
    NewContactForm,
    RenewAgreementForm,
    ResignationForm,
    SetPasswordForm,
)
from .models import Membership
from .networks import current_network
from .pdf import notice_letter_filename, notice_letter_pdf
from .portal import cached_home
from .query_params import next_path
from .roles import contact_organisation_ids, is_coordinator


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _contact_only(request: HttpRequest, organisation) -> None:
    """Acts that only the member itself can do (give notice): 403 for the coordinator."""
    if organisation.pk not in contact_organisation_ids(request.user):
        raise PermissionDenied


def _back_url(request: HttpRequest, organisation) -> str:
    """Where an action returns to: a `next` on this site (the coordinator's member page, the
    follow-up list), else the organisation's portal. Another host's `next` is ignored."""
    return next_path(request) or reverse("members:organisation_home", args=[organisation.pk])


def _coordinator_only(request: HttpRequest) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied


@login_required
def portal_home(request: HttpRequest) -> HttpResponse:
    """The contact's organisation; a contact of several picks one."""
    organisations = queries.contact_organisations_in(request.user, current_network())
    if len(organisations) == 1:
        return _render_organisation_home(request, organisations[0], contact_of=organisations)
    return render(
        request,
        "members/portal_pick.html",
        {"organisations": organisations, "is_coordinator": is_coordinator(request.user)},
    )


@login_required
def organisation_home(request: HttpRequest, org_pk: int) -> HttpResponse:
    return _render_organisation_home(request, queries.organisation_for(request.user, org_pk))


def _render_organisation_home(request: HttpRequest, organisation, contact_of=None) -> HttpResponse:
    today = timezone.localdate()
    if contact_of is None:
        contact_of = queries.contact_organisations_in(request.user, current_network())
    context = {
        "organisation": organisation,
        "today": today,
        "is_coordinator": is_coordinator(request.user),
        "is_contact": organisation.pk in contact_organisation_ids(request.user),
        "other_organisations": [o for o in contact_of if o.pk != organisation.pk],
        **cached_home(request, organisation),
    }
    return render(request, "members/portal_home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, org_pk: int) -> HttpResponse:
    organisation = queries.organisation_for(request.user, org_pk)
    form = NewContactForm(request.POST or None, kinds=queries.contact_kinds_for(organisation, current_network()))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PERSON_FIELDS}
        try:
            role = services.add_contact(
                organisation=organisation,
                person_data=data,
                make_primary=form.cleaned_data["make_primary"],
                kind=form.chosen_kind(),
                by=request.user,
            )
            if form.cleaned_data["send_invitation"]:
                services.invite_person(person=role.person, organisation=organisation, by=request.user)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("%(name)s er lagt til som kontaktperson.") % {"name": role.person})
            return redirect("members:organisation_home", org_pk=organisation.pk)
    return render(request, "members/contact_form.html", {"organisation": organisation, "form": form, "role": None})


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, org_pk: int, role_pk: int) -> HttpResponse:
    organisation = queries.organisation_for(request.user, org_pk)
    role = queries.contact_role_for(organisation, role_pk)
    if role.person.anonymised_at:
        raise Http404
    form = ContactPersonForm(request.POST or None, instance=role.person)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PERSON_FIELDS}
        try:
            services.update_contact(role=role, person_data=data, by=request.user)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Opplysningene er lagret."))
            return redirect("members:organisation_home", org_pk=organisation.pk)
    return render(request, "members/contact_form.html", {"organisation": organisation, "form": form, "role": role})


@login_required
@require_http_methods(["GET", "POST"])
def contact_remove(request: HttpRequest, org_pk: int, role_pk: int) -> HttpResponse:
    organisation = queries.organisation_for(request.user, org_pk)
    role = queries.contact_role_for(organisation, role_pk)
    error = None
    if request.method == "POST":
        try:
            services.remove_contact(role=role, by=request.user)
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(request, _("%(name)s er fjernet som kontaktperson.") % {"name": role.person})
            return redirect("members:organisation_home", org_pk=organisation.pk)
    return render(request, "members/contact_remove.html", {"organisation": organisation, "role": role, "error": error})


@login_required
@require_POST
def contact_make_primary(request: HttpRequest, org_pk: int, role_pk: int) -> HttpResponse:
    organisation = queries.organisation_for(request.user, org_pk)
    role = queries.contact_role_for(organisation, role_pk)
    services.set_primary_contact(role=role, by=request.user)
    messages.success(request, _("%(name)s er nå hovedkontakt.") % {"name": role.person})
    return redirect("members:organisation_home", org_pk=organisation.pk)


@login_required
@require_POST
def contact_invite(request: HttpRequest, org_pk: int, role_pk: int) -> HttpResponse:
    """The coordinator, or a contact of the same organisation, invites a contact person."""
    organisation = queries.organisation_for(request.user, org_pk)
    role = queries.contact_role_for(organisation, role_pk)
    try:
        services.invite_person(person=role.person, organisation=organisation, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Invitasjon er sendt til %(email)s.") % {"email": role.person.email})
    return redirect(_back_url(request, organisation))


@login_required
@require_http_methods(["GET", "POST"])
def resign(request: HttpRequest, org_pk: int) -> HttpResponse:
    """Written notice in two steps: the form with the terms, then a confirmation (R5)."""
    organisation = queries.organisation_for(request.user, org_pk)
    _contact_only(request, organisation)
    membership = queries.current_membership(organisation)
    if membership is None or membership.status != Membership.Status.ACTIVE:
        return render(
            request, "members/resign_unavailable.html", {"organisation": organisation, "membership": membership}
        )
    today = timezone.localdate()
    effective_on = services.notice_effective_date(today, network=membership.network)
    form = ResignationForm(request.POST or None, network=membership.network)
    step = "form"
    if request.method == "POST" and form.is_valid():
        step = "confirm"
        if request.POST.get("confirm") == "yes":
            try:
                services.give_notice(
                    membership=membership,
                    given_on=today,
                    signed_by_name=form.cleaned_data["signed_by_name"],
                    signed_by_title=form.cleaned_data["signed_by_title"],
                    channel=Membership.NoticeChannel.PORTAL,
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
                step = "form"
            else:
                messages.success(
                    request,
                    _("Oppsigelsen er registrert. Utmeldingen trer i kraft %(date)s. Kvittering er sendt på e-post.")
                    % {"date": effective_on.strftime("%d.%m.%Y")},
                )
                return redirect("members:organisation_home", org_pk=organisation.pk)
    return render(
        request,
        "members/resign.html",
        {
            "organisation": organisation,
            "membership": membership,
            "form": form,
            "step": step,
            "today": today,
            "effective_on": effective_on,
        },
    )


@login_required
def notice_letter(request: HttpRequest, org_pk: int) -> HttpResponse:
    organisation = queries.organisation_for(request.user, org_pk)
    membership = (
        organisation.memberships.filter(network=current_network(), notice_given_on__isnull=False)
        .order_by("-notice_given_on")
        .first()
    )
    if membership is None:
        raise Http404
    response = HttpResponse(notice_letter_pdf(membership), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{notice_letter_filename(membership)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def register_letter_notice(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The coordinator registers a notice received by letter, with its received date (R5)."""
    _coordinator_only(request)
    organisation = queries.organisation_for(request.user, org_pk)
    membership = queries.current_membership(organisation)
    if membership is None:
        raise Http404
    form = LetterNoticeForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.give_notice(
                membership=membership,
                given_on=form.cleaned_data["received_on"],
                signed_by_name=form.cleaned_data["signed_by_name"],
                signed_by_title=form.cleaned_data["signed_by_title"],
                channel=Membership.NoticeChannel.LETTER,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Oppsigelsen er registrert."))
            return redirect(_back_url(request, organisation))
    return render(
        request,
        "members/letter_notice_form.html",
        {
            "organisation": organisation,
            "back_url": _back_url(request, organisation),
            "membership": membership,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_notice(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The coordinator records that the member withdrew its notice (R5)."""
    _coordinator_only(request)
    organisation = queries.organisation_for(request.user, org_pk)
    membership = queries.current_membership(organisation)
    if membership is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.withdraw_notice(membership=membership, by=request.user)
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(request, _("Oppsigelsen er trukket. Medlemskapet er aktivt igjen."))
            return redirect(_back_url(request, organisation))
    return render(
        request,
        "members/withdraw_notice.html",
        {
            "organisation": organisation,
            "back_url": _back_url(request, organisation),
            "membership": membership,
            "error": error,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ended_organisation(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The organisation has ended: the coordinator carries its membership over to a successor, or ends it."""
    _coordinator_only(request)
    organisation = queries.organisation_for(request.user, org_pk)
    membership = queries.current_membership(organisation)
    if organisation.ended_on is None or membership is None:
        raise Http404
    successors = list(organisation.successors.order_by("name"))
    error = None
    if request.method == "POST":
        successor = next((s for s in successors if str(s.pk) == request.POST.get("successor", "")), None)
        try:
            if successor is not None:
                services.carry_over_membership(membership=membership, successor=successor, by=request.user)
                done = _("Medlemskapet er overført til %(name)s.") % {"name": successor.name}
            elif request.POST.get("end") == "1":
                services.end_membership_of_ended_organisation(membership=membership, by=request.user)
                done = _("Medlemskapet til %(name)s er avsluttet.") % {"name": organisation.name}
            else:
                raise ValidationError(_("Velg en etterfølger eller avslutt medlemskapet."))
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(request, done)
            return redirect(_back_url(request, organisation))
    return render(
        request,
        "members/ended_organisation.html",
        {
            "organisation": organisation,
            "back_url": _back_url(request, organisation),
            "membership": membership,
            "successors": successors,
            "error": error,
        },
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own data as JSON (R12)."""
    data = services.personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data.json"'
    return response


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """From the invitation email: choose a password; the email is then verified and linked."""
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=404)
    form = SetPasswordForm(request.POST or None, user_email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(invitation=invitation, password=form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            from django.contrib.auth import login

            login(request, user, backend="members.auth_backends.AllauthUserWithRolesBackend")
            messages.success(request, _("Velkommen! Kontoen din er klar."))
            return redirect("members:portal_home")
    return render(request, "members/accept_invitation.html", {"invitation": invitation, "form": form})


@login_required
def lifecycle_overview(request: HttpRequest) -> HttpResponse:
    """The coordinator's follow-up list: notices, applicants, agreements to renew, invitations."""
    _coordinator_only(request)
    today = timezone.localdate()
    return render(
        request,
        "members/lifecycle_overview.html",
        {"today": today, "here": request.path, **queries.lifecycle_overview(today)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The coordinator activates an applicant, recording decision and agreement (R1)."""
    _coordinator_only(request)
    organisation = queries.organisation_for(request.user, org_pk)
    membership = queries.current_membership(organisation)
    if membership is not None and membership.status != Membership.Status.APPLICANT:
        raise Http404
    form = ActivateMembershipForm(request.POST or None, initial={"joined_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.activate_membership(
                organisation=organisation, network=current_network(), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("%(name)s er nå medlem.") % {"name": organisation.name})
            return redirect(_back_url(request, organisation))
    return render(
        request,
        "members/activate.html",
        {"organisation": organisation, "back_url": _back_url(request, organisation), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def renew(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The coordinator records a renewed agreement: a new three-year period (R1, §11)."""
    _coordinator_only(request)
    organisation = queries.organisation_for(request.user, org_pk)
    membership = queries.current_membership(organisation)
    if membership is None or membership.status not in Membership.GOOD_STANDING:
        raise Http404
    form = RenewAgreementForm(request.POST or None, initial={"signed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.renew_agreement(membership=membership, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request,
                _("Avtalen er fornyet til %(date)s.") % {"date": membership.agreement_ends_on.strftime("%d.%m.%Y")},
            )
            return redirect(_back_url(request, organisation))
    return render(
        request,
        "members/renew.html",
        {
            "organisation": organisation,
            "back_url": _back_url(request, organisation),
            "membership": membership,
            "form": form,
        },
    )
