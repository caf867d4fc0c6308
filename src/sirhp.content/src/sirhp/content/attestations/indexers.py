"""Catalog entries of official documents, so the register reads the catalog
only: the kind and the year of issue (indexes), the number, kind, issuer and
date (``attestation_info`` metadata) and the file's matricule and names.
Never the purpose nor a revocation's reason."""

from plone.indexer import indexer
from sirhp.content.content.records import parent_file
from sirhp.content.indexers.indexers import agency_id
from sirhp.content.indexers.indexers import file_unit_uid
from sirhp.content.interfaces import IAttestationRequest


@indexer(IAttestationRequest)
def attestation_kind(obj):
    return obj.kind


@indexer(IAttestationRequest)
def attestation_year(obj):
    return obj.issued_on.year if obj.issued_on else None


@indexer(IAttestationRequest)
def attestation_info(obj):
    return {
        "number": obj.number,
        "kind": obj.kind,
        "issued_by": obj.issued_by,
        "issued_on": obj.issued_on,
    }


def _file_value(name):
    """An indexer of a document giving its file's ``name``."""

    def value(obj):
        file = parent_file(obj)
        return getattr(file, name, None) if file is not None else None

    return indexer(IAttestationRequest)(value)


attestation_matricule = _file_value("matricule")
attestation_last_name = _file_value("last_name")
attestation_first_names = _file_value("first_names")
attestation_unit = indexer(IAttestationRequest)(file_unit_uid)
attestation_agency = indexer(IAttestationRequest)(agency_id)
