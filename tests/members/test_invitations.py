"""Invitations are the only way into the portal: the email link sets a password, verifies
the email and links the account to the person; password login and login by code then work."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import Invitation, Person
from members.services import invite_person
from tests.factories import ContactRoleFactory, MembershipFactory

from .conftest import make_contact

pytestmark = pytest.mark.django_db

PASSWORD = "Grønn-omstilling-2030"


def link_in(message) -> str:
    url = re.search(r"https?://\S+/portal/invitasjon/\S+/", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def test_invitation_flow_end_to_end_through_allauth(client, coordinator, django_capture_on_commit_callbacks):
    role = ContactRoleFactory(person__email="ny.kontakt@kommune.no", organisation=MembershipFactory().organisation)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:contact_invite", args=[role.organisation_id, role.pk]))
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["ny.kontakt@kommune.no"]
    assert role.organisation.name in message.subject
    path = link_in(message)
    client.logout()

    # The link leads to setting a password; the person is signed in and linked.
    assert client.get(path).status_code == 200
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    person = Person.objects.get(pk=role.person_id)
    assert person.user is not None and person.user.email == "ny.kontakt@kommune.no"
    assert EmailAddress.objects.get(user=person.user).verified
    assert client.get(reverse("members:portal_home")).context["organisation"] == role.organisation
    assert client.get(reverse("members:organisation_home", args=[role.organisation_id])).status_code == 200

    # The link works once.
    client.logout()
    assert client.get(path).status_code == 404

    # Password login through allauth.
    response = client.post(reverse("account_login"), {"login": "ny.kontakt@kommune.no", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == person.user.pk
    client.logout()

    # Login by emailed code through allauth.
    mail.outbox.clear()
    response = client.post(reverse("account_request_login_code"), {"email": "ny.kontakt@kommune.no"})
    assert response.status_code == 302
    (code_message,) = mail.outbox
    page = client.get(reverse("account_confirm_login_code"))
    assert page.status_code == 200 and "ny.kontakt@kommune.no" in page.content.decode()
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", code_message.body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == person.user.pk


def test_a_contact_invites_a_colleague_of_the_same_organisation(client, contact_a, django_capture_on_commit_callbacks):
    user, role = contact_a
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:contact_add", args=[role.organisation_id]),
            {
                "first_name": "Siri",
                "last_name": "Kollega",
                "title": "Klimarådgiver",
                "email": "siri@kommune-a.no",
                "phone": "+47 900 00 000",
                "gender": "woman",
                "preferred_language": "nb",
                "send_invitation": "on",
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="siri@kommune-a.no")
    assert invitation.organisation == role.organisation
    assert invitation.invited_by == user
    assert [m.to for m in mail.outbox] == [["siri@kommune-a.no"]]


def test_self_sign_up_is_closed(client):
    response = client.post(
        reverse("account_signup"), {"email": "fremmed@example.no", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert not Person.objects.filter(email="fremmed@example.no").exists()
    from members.models import User

    assert not User.objects.filter(email="fremmed@example.no").exists()
    assert response.status_code in (200, 302, 403)


def test_an_expired_invitation_link_is_refused(client):
    role = ContactRoleFactory()
    invitation = invite_person(person=role.person, organisation=role.organisation)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    from members.services.invitations import invitation_token

    path = reverse("members:accept_invitation", args=[invitation_token(invitation)])
    assert client.get(path).status_code == 404
    assert client.post(path, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 404
    assert not Person.objects.get(pk=role.person_id).has_portal_account


def test_a_tampered_invitation_token_is_refused(client):
    role = ContactRoleFactory()
    invitation = invite_person(person=role.person, organisation=role.organisation)
    from members.services.invitations import invitation_token

    token = invitation_token(invitation)
    forged = str(invitation.pk + 1) + token[len(str(invitation.pk)) :]
    assert client.get(reverse("members:accept_invitation", args=[forged])).status_code == 404


def test_mismatched_passwords_store_nothing(client):
    role = ContactRoleFactory()
    invitation = invite_person(person=role.person, organisation=role.organisation)
    from members.services.invitations import invitation_token

    path = reverse("members:accept_invitation", args=[invitation_token(invitation)])
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD + "x"})
    assert response.status_code == 200
    assert "Passordene er ikke like" in response.content.decode()
    person = Person.objects.get(pk=role.person_id)
    assert not person.user.has_usable_password()
    assert not person.has_portal_account


def test_only_contact_persons_of_the_organisation_can_be_invited():
    from django.core.exceptions import ValidationError

    role = ContactRoleFactory()
    other = ContactRoleFactory()
    with pytest.raises(ValidationError, match="Bare kontaktpersoner"):
        invite_person(person=role.person, organisation=other.organisation)


def test_someone_who_already_has_an_account_is_not_invited_again():
    from django.core.exceptions import ValidationError

    _user, role = make_contact(email="har.konto@kommune.no")
    with pytest.raises(ValidationError, match="allerede en brukerkonto"):
        invite_person(person=role.person, organisation=role.organisation)


def test_the_login_page_uses_the_site_layout_and_offers_login_by_code(client):
    response = client.get(reverse("account_login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in content
    assert reverse("account_request_login_code") in content


def test_a_deactivated_account_cannot_log_in_by_code(client):
    user, _role = make_contact(email="deaktivert@kommune.no")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.is_active = False
    user.save()
    mail.outbox.clear()
    client.post(reverse("account_request_login_code"), {"email": "deaktivert@kommune.no"})
    for message in mail.outbox:
        found = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
        if found:
            client.post(reverse("account_confirm_login_code"), {"code": found.group(1)})
    assert "_auth_user_id" not in client.session


def test_a_contact_resets_a_forgotten_password_through_allauth(client):
    user, _role = make_contact(email="glemsk@kommune.no")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    assert client.get(reverse("account_reset_password")).status_code == 200
    client.post(reverse("account_reset_password"), {"email": "glemsk@kommune.no"})
    (message,) = mail.outbox
    path = re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+/password/reset/key/\S+/", message.body).group(0))
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(form_path, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_an_invited_person_can_log_in_by_code_before_setting_a_password(client):
    role = ContactRoleFactory(person__email="uten.passord@kommune.no", organisation=MembershipFactory().organisation)
    invite_person(person=role.person, organisation=role.organisation)
    client.post(reverse("account_request_login_code"), {"email": "uten.passord@kommune.no"})
    code_messages = [m for m in mail.outbox if "uten.passord@kommune.no" in m.to and "kode" in m.body]
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", code_messages[-1].body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    person = Person.objects.get(pk=role.person_id)
    assert int(client.session["_auth_user_id"]) == person.user_id
    assert EmailAddress.objects.get(user=person.user).verified
    assert client.get(reverse("members:organisation_home", args=[role.organisation_id])).status_code == 200


def test_an_invitation_alone_gives_no_password_login(client):
    role = ContactRoleFactory(person__email="ikke.ennå@kommune.no")
    invite_person(person=role.person, organisation=role.organisation)
    client.post(reverse("account_login"), {"login": "ikke.ennå@kommune.no", "password": ""})
    assert "_auth_user_id" not in client.session
    assert not Person.objects.get(pk=role.person_id).has_portal_account
