from django.shortcuts import get_object_or_404, render

from coitrack.accounts.access import member_required
from coitrack.vendors.models import Vendor


@member_required()
def vendor_list(request):
    vendors = Vendor.objects.filter(organization=request.organization)[:50]
    return render(request, "vendors/list.html", {"vendors": vendors})


@member_required()
def vendor_detail(request, pk: int):
    vendor = get_object_or_404(Vendor, organization=request.organization, pk=pk)
    return render(request, "vendors/detail.html", {"vendor": vendor})
