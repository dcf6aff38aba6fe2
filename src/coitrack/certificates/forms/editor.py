"""The whole data-entry page as one object: certificate fields, insurers and policies.

The three parts validate together (a policy's insurer letter must be one listed above), and the
result is a :class:`~coitrack.certificates.services.data.CertificateData` for the service.
"""

from __future__ import annotations

from coitrack.certificates.forms.certificate import (
    CertificateForm,
    InsurerFormSet,
    insurer_initial,
)
from coitrack.certificates.forms.policy import PolicyFormSet, policy_initial
from coitrack.certificates.models import Certificate, CertificateStatus
from coitrack.certificates.services.data import CertificateData


class CertificateEditor:
    def __init__(self, certificate: Certificate, data=None):
        self.certificate = certificate
        policies = list(certificate.policies.prefetch_related("limits"))
        self.main = CertificateForm(data, instance=certificate, prefix="cert")
        self.insurers = InsurerFormSet(
            data, prefix="insurers", initial=insurer_initial(certificate)
        )
        self.policies = PolicyFormSet(data, prefix="policies", initial=policy_initial(policies))
        self.policies.known_ids = {p.pk for p in policies}
        self.policies.require_dates = certificate.status in (
            CertificateStatus.ACCEPTED, CertificateStatus.SUPERSEDED
        )

    def is_valid(self) -> bool:
        main_ok = self.main.is_valid()
        insurers_ok = self.insurers.is_valid()
        if insurers_ok:
            self.policies.listed_letters = {i["letter"] for i in self.insurers.listed()}
        policies_ok = self.policies.is_valid()
        return main_ok and insurers_ok and policies_ok

    @property
    def error_count(self) -> int:
        count = len(self.main.errors) + len(self.insurers.non_form_errors())
        count += sum(len(e) for e in self.insurers.errors)
        count += len(self.policies.non_form_errors())
        count += sum(len(e) for e in self.policies.errors)
        return count

    def to_data(self) -> CertificateData:
        """Only after :meth:`is_valid` returned True."""
        return CertificateData(
            fields=self.main.values(),
            insurers=self.insurers.listed(),
            policies=self.policies.rows(),
        )
