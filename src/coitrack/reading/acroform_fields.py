"""ACORD 25 (2016/03) AcroForm field names -> slot keys (see :mod:`coitrack.reading.assemble`).

The names are ACORD's, as in the form's field inventory; the XFA variant writes the same names
as ``F[0].P1[0].<name>[0]``, which :func:`short_name` strips.
"""

from __future__ import annotations

import re

TEXT_FIELDS: dict[str, str] = {
    "Form_EditionIdentifier_A": "edition",
    "Form_CompletionDate_A": "certificate_date",
    "CertificateOfInsurance_CertificateNumberIdentifier_A": "certificate_number",
    "CertificateOfInsurance_RevisionNumberIdentifier_A": "revision_number",
    "Producer_FullName_A": "producer.name",
    "Producer_ContactPerson_FullName_A": "producer.contact_name",
    "Producer_ContactPerson_PhoneNumber_A": "producer.phone",
    "Producer_FaxNumber_A": "producer.fax",
    "Producer_ContactPerson_EmailAddress_A": "producer.email",
    "NamedInsured_FullName_A": "insured.name",
    "CertificateHolder_FullName_A": "certificate_holder.name",
    "CertificateOfLiabilityInsurance_ACORDForm_RemarkText_A": "description_of_operations",
    # general liability
    "GeneralLiability_InsurerLetterCode_A": "gl.letter",
    "CertificateOfInsurance_GeneralLiability_AdditionalInsuredCode_A": "gl.addl",
    "Policy_GeneralLiability_SubrogationWaivedCode_A": "gl.subr",
    "Policy_GeneralLiability_PolicyNumberIdentifier_A": "gl.policy_number",
    "Policy_GeneralLiability_EffectiveDate_A": "gl.effective_date",
    "Policy_GeneralLiability_ExpirationDate_A": "gl.expiration_date",
    "GeneralLiability_EachOccurrence_LimitAmount_A": "gl.limit.each_occurrence",
    "GeneralLiability_FireDamageRentedPremises_EachOccurrenceLimitAmount_A": (
        "gl.limit.damage_to_rented_premises"
    ),
    "GeneralLiability_MedicalExpense_EachPersonLimitAmount_A": "gl.limit.medical_expense",
    "GeneralLiability_PersonalAndAdvertisingInjury_LimitAmount_A": (
        "gl.limit.personal_advertising_injury"
    ),
    "GeneralLiability_GeneralAggregate_LimitAmount_A": "gl.limit.general_aggregate",
    "GeneralLiability_ProductsAndCompletedOperations_AggregateLimitAmount_A": (
        "gl.limit.products_completed_operations_aggregate"
    ),
    # automobile liability
    "Vehicle_InsurerLetterCode_A": "auto.letter",
    "CertificateOfInsurance_AutomobileLiability_AdditionalInsuredCode_A": "auto.addl",
    "Policy_AutomobileLiability_SubrogationWaivedCode_A": "auto.subr",
    "Policy_AutomobileLiability_PolicyNumberIdentifier_A": "auto.policy_number",
    "Policy_AutomobileLiability_EffectiveDate_A": "auto.effective_date",
    "Policy_AutomobileLiability_ExpirationDate_A": "auto.expiration_date",
    "Vehicle_CombinedSingleLimit_EachAccidentAmount_A": "auto.limit.combined_single_limit",
    "Vehicle_BodilyInjury_PerPersonLimitAmount_A": "auto.limit.bodily_injury_per_person",
    "Vehicle_BodilyInjury_PerAccidentLimitAmount_A": "auto.limit.bodily_injury_per_accident",
    "Vehicle_PropertyDamage_PerAccidentLimitAmount_A": "auto.limit.property_damage_per_accident",
    # umbrella / excess liability
    "ExcessUmbrella_InsurerLetterCode_A": "umbrella.letter",
    "CertificateOfInsurance_ExcessLiability_AdditionalInsuredCode_A": "umbrella.addl",
    "Policy_ExcessLiability_SubrogationWaivedCode_A": "umbrella.subr",
    "Policy_ExcessLiability_PolicyNumberIdentifier_A": "umbrella.policy_number",
    "Policy_ExcessLiability_EffectiveDate_A": "umbrella.effective_date",
    "Policy_ExcessLiability_ExpirationDate_A": "umbrella.expiration_date",
    "ExcessUmbrella_Umbrella_EachOccurrenceAmount_A": "umbrella.limit.each_occurrence",
    "ExcessUmbrella_Umbrella_AggregateAmount_A": "umbrella.limit.aggregate",
    "ExcessUmbrella_Umbrella_DeductibleOrRetentionAmount_A": "umbrella.retention_amount",
    # workers compensation
    "WorkersCompensationEmployersLiability_InsurerLetterCode_A": "wc.letter",
    "WorkersCompensationEmployersLiability_AnyPersonsExcludedIndicator_A": "wc.excluded",
    "Policy_WorkersCompensation_SubrogationWaivedCode_A": "wc.subr",
    "Policy_WorkersCompensationAndEmployersLiability_PolicyNumberIdentifier_A": (
        "wc.policy_number"
    ),
    "Policy_WorkersCompensationAndEmployersLiability_EffectiveDate_A": "wc.effective_date",
    "Policy_WorkersCompensationAndEmployersLiability_ExpirationDate_A": "wc.expiration_date",
    "WorkersCompensationEmployersLiability_EmployersLiability_EachAccidentLimitAmount_A": (
        "wc.limit.el_each_accident"
    ),
    "WorkersCompensationEmployersLiability_EmployersLiability_DiseaseEachEmployeeLimitAmount_A": (
        "wc.limit.el_disease_each_employee"
    ),
    "WorkersCompensationEmployersLiability_EmployersLiability_DiseasePolicyLimitAmount_A": (
        "wc.limit.el_disease_policy_limit"
    ),
    # the write-in ("other") row
    "OtherPolicy_InsurerLetterCode_A": "other.letter",
    "OtherPolicy_OtherPolicyDescription_A": "other.description",
    "CertificateOfInsurance_OtherPolicy_AdditionalInsuredCode_A": "other.addl",
    "OtherPolicy_SubrogationWaivedCode_A": "other.subr",
    "OtherPolicy_PolicyNumberIdentifier_A": "other.policy_number",
    "OtherPolicy_PolicyEffectiveDate_A": "other.effective_date",
    "OtherPolicy_PolicyExpirationDate_A": "other.expiration_date",
    "OtherPolicy_CoverageCode_A": "other.limit_label.1",
    "OtherPolicy_CoverageLimitAmount_A": "other.limit_amount.1",
    "OtherPolicy_CoverageCode_B": "other.limit_label.2",
    "OtherPolicy_CoverageLimitAmount_B": "other.limit_amount.2",
    "OtherPolicy_CoverageCode_C": "other.limit_label.3",
    "OtherPolicy_CoverageLimitAmount_C": "other.limit_amount.3",
}
for _letter in "ABCDEF":
    TEXT_FIELDS[f"Insurer_FullName_{_letter}"] = f"insurer.{_letter}.name"
    TEXT_FIELDS[f"Insurer_NAICCode_{_letter}"] = f"insurer.{_letter}.naic"

# Check boxes (on-state ``/1`` on ACORD's form; any state other than Off counts as marked).
CHECKBOX_FIELDS: dict[str, str] = {
    "GeneralLiability_CoverageIndicator_A": "gl.mark.coverage",
    "GeneralLiability_ClaimsMadeIndicator_A": "gl.mark.claims_made",
    "GeneralLiability_OccurrenceIndicator_A": "gl.mark.occurrence",
    "GeneralLiability_GeneralAggregate_LimitAppliesPerPolicyIndicator_A": "gl.mark.per_policy",
    "GeneralLiability_GeneralAggregate_LimitAppliesPerProjectIndicator_A": "gl.mark.per_project",
    "GeneralLiability_GeneralAggregate_LimitAppliesPerLocationIndicator_A": (
        "gl.mark.per_location"
    ),
    "GeneralLiability_GeneralAggregate_LimitAppliesToOtherIndicator_A": "gl.mark.per_other",
    "Vehicle_AnyAutoIndicator_A": "auto.mark.any_auto",
    "Vehicle_AllOwnedAutosIndicator_A": "auto.mark.owned_autos_only",
    "Vehicle_HiredAutosIndicator_A": "auto.mark.hired_autos_only",
    "Vehicle_ScheduledAutosIndicator_A": "auto.mark.scheduled_autos",
    "Vehicle_NonOwnedAutosIndicator_A": "auto.mark.non_owned_autos_only",
    "Policy_PolicyType_UmbrellaIndicator_A": "umbrella.mark.umbrella",
    "Policy_PolicyType_ExcessIndicator_A": "umbrella.mark.excess",
    "ExcessUmbrella_OccurrenceIndicator_A": "umbrella.mark.occurrence",
    "ExcessUmbrella_ClaimsMadeIndicator_A": "umbrella.mark.claims_made",
    "ExcessUmbrella_DeductibleIndicator_A": "umbrella.mark.deductible",
    "ExcessUmbrella_RetentionIndicator_A": "umbrella.mark.retention",
    "WorkersCompensationEmployersLiability_WorkersCompensationStatutoryLimitIndicator_A": (
        "wc.mark.statutory"
    ),
    "WorkersCompensationEmployersLiability_OtherCoverageIndicator_A": "wc.mark.other",
}

# Address parts, joined into the schema's one-string address.
ADDRESS_FIELDS: dict[str, tuple[str, ...]] = {
    "producer": (
        "Producer_MailingAddress_LineOne_A",
        "Producer_MailingAddress_LineTwo_A",
        "Producer_MailingAddress_CityName_A",
        "Producer_MailingAddress_StateOrProvinceCode_A",
        "Producer_MailingAddress_PostalCode_A",
    ),
    "insured": (
        "NamedInsured_MailingAddress_LineOne_A",
        "NamedInsured_MailingAddress_LineTwo_A",
        "NamedInsured_MailingAddress_CityName_A",
        "NamedInsured_MailingAddress_StateOrProvinceCode_A",
        "NamedInsured_MailingAddress_PostalCode_A",
    ),
    "certificate_holder": (
        "CertificateHolder_MailingAddress_LineOne_A",
        "CertificateHolder_MailingAddress_LineTwo_A",
        "CertificateHolder_MailingAddress_CityName_A",
        "CertificateHolder_MailingAddress_StateOrProvinceCode_A",
        "CertificateHolder_MailingAddress_PostalCode_A",
    ),
}

KNOWN_FIELDS = frozenset(
    [*TEXT_FIELDS, *CHECKBOX_FIELDS, *(f for parts in ADDRESS_FIELDS.values() for f in parts)]
)

_INDEX = re.compile(r"\[\d+\]")


def short_name(full_name: str) -> str:
    """``F[0].P1[0].Producer_FullName_A[0]`` -> ``Producer_FullName_A``."""
    return _INDEX.sub("", full_name).rsplit(".", 1)[-1]
