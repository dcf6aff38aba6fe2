"""The compliance engine: requirements + certificate data + a day -> an evaluation. No Django.

Formats: ../shared/guide/requirements-format.md (templates, evaluations, ``coitrack check``) and
certificate-schema.md (certificate data). Where the guide leaves a case open, the module that
implements the rule says what was decided, in its docstring:

- ``requirements``  parse/validate templates (``RequirementsError``)
- ``certificates``  certificate dicts -> policies (``CertificateError``)
- ``dates``         in force / expired / not yet effective
- ``names``         exact / normalized name matching, DBAs
- ``wording``       description-of-operations phrases
- ``carriers``      the carrier table (CSV), ratings and size categories (``CarrierTableError``)
- ``deficiencies``  the codes, severities, and what ``required``/``actual`` hold
- ``labels``, ``money``  the words and amounts of messages
- ``limits``        minimum limits and umbrella/excess stacking
- ``checks``        endorsements, claims-made, aggregate, retention, statutory (+ insurer)
- ``insurer``       AM Best rating / size / unrated
- ``parties``       named insured, certificate holder
- ``consistency``   DATA_INCONSISTENT
- ``waivers``       waived deficiencies
- ``status``        status from the unwaived deficiencies
- ``evaluate``      pooling, choosing the judged policy, ordering
- ``cli``           ``coitrack check``
"""

from coitrack.rules.carriers import Carrier, CarrierTable, CarrierTableError, load_carriers
from coitrack.rules.certificates import CertificateError
from coitrack.rules.evaluate import evaluate
from coitrack.rules.requirements import Requirements, RequirementsError, parse_requirements
from coitrack.rules.waivers import WaiverError

__all__ = [
    "Carrier",
    "CarrierTable",
    "CarrierTableError",
    "CertificateError",
    "Requirements",
    "RequirementsError",
    "WaiverError",
    "evaluate",
    "load_carriers",
    "parse_requirements",
]
