from django.shortcuts import render

from coitrack.accounts.access import member_required
from coitrack.certificates.models import Certificate


@member_required()
def certificate_list(request):
    certificates = Certificate.objects.filter(organization=request.organization)[:50]
    return render(request, "certificates/list.html", {"certificates": certificates})
