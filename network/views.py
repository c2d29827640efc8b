from django.shortcuts import render
from django.views.decorators.http import require_GET

from members.queries import public_member_list


@require_GET
def front_page(request):
    members = public_member_list().only("name", "kind", "number", "website")
    return render(request, "network/front_page.html", {"members": members})
