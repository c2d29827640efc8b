"""A network's logo (#22: its identity): a PNG or JPEG of at most 500 kB, uploaded by its coordinator
on the agreement page, shown beside the network's name at the top of every page; without one, the name
alone. Anything else is refused with a message and nothing is stored."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import Network
from members.networks import current_network
from tests.factories import first_network

from .test_terms_page import _posted

pytestmark = pytest.mark.django_db


def picture(name: str, fmt: str, size=(40, 20), noise: bool = False) -> SimpleUploadedFile:
    if noise:  # random pixels do not compress: a large file from a modest picture
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (0, 90, 60))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def _upload(client, network, logo, **extra):
    return client.post(reverse("dashboard:network_terms"), {**_posted(network), "logo": logo, **extra})


def test_without_a_logo_the_header_shows_the_name_alone(client):
    content = client.get(reverse("dashboard:network_terms"), follow=True).content.decode()
    assert "site-header__logo" not in content
    assert f">{first_network().label}</a>" in content


def test_the_coordinator_uploads_a_logo_and_the_header_shows_it_beside_the_name(client, coordinator):
    network = first_network()
    client.force_login(coordinator)
    response = _upload(client, network, picture("logo.png", "PNG"))
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.logo.name.startswith("network-logos/logo")
    assert network.history.latest().history_user == coordinator

    content = client.get(reverse("home")).content.decode()
    # Decorative: the link's own text names the network, so a screen reader says the name once.
    assert f'<img class="site-header__logo" src="{network.logo.url}" alt="">' in content
    client.logout()
    assert network.logo.url in client.get(reverse("home")).content.decode()  # every visitor's header


def test_a_jpeg_is_taken_too(client, coordinator):
    client.force_login(coordinator)
    assert _upload(client, first_network(), picture("logo.jpg", "JPEG")).status_code == 302
    assert Network.objects.get(pk=first_network().pk).logo.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.png", b"not a picture at all", content_type="image/png"), "bilde"),
        (picture("logo.gif", "GIF"), "Logoen må være en PNG- eller JPEG-fil."),
        (picture("logo.png", "JPEG"), "Filen heter .png, men er et JPEG-bilde."),
        (picture("logo.png", "PNG", size=(500, 500), noise=True), "Logoen er for stor: den kan være på høyst 500 kB."),
    ],
    ids=["not-an-image", "gif", "jpeg-named-png", "too-large"],
)
def test_a_file_that_is_not_a_small_png_or_jpeg_is_refused_and_nothing_is_stored(client, coordinator, upload, message):
    network = first_network()
    versions = network.history.count()
    client.force_login(coordinator)
    response = _upload(client, network, upload)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_logo_error"' in content
    assert message in content
    assert not Network.objects.get(pk=network.pk).logo
    assert network.history.count() == versions


def test_the_coordinator_removes_the_logo(client, coordinator):
    network = first_network()
    client.force_login(coordinator)
    _upload(client, network, picture("logo.png", "PNG"))
    assert 'name="remove_logo"' in client.get(reverse("dashboard:network_terms")).content.decode()

    response = client.post(reverse("dashboard:network_terms"), {**_posted(network), "remove_logo": "on"})
    assert response.status_code == 302
    assert not Network.objects.get(pk=network.pk).logo
    assert not current_network().logo
    assert "site-header__logo" not in client.get(reverse("home")).content.decode()


def test_saving_the_terms_without_a_new_file_keeps_the_logo(client, coordinator):
    network = first_network()
    client.force_login(coordinator)
    _upload(client, network, picture("logo.png", "PNG"))
    stored = Network.objects.get(pk=network.pk).logo.name
    client.post(reverse("dashboard:network_terms"), _posted(network, notice_months=9))
    network.refresh_from_db()
    assert (network.notice_months, network.logo.name) == (9, stored)
