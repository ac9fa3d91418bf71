"""The catalogue's Wikidata links: checked on load, written as owl:sameAs and schema:sameAs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.catalogue import load_catalogue
from kg.errors import KGError
from kg.to_rdf import catalogue_triples


def test_catalogue_wikidata_ids_are_checked_and_written_as_same_as(tmp_path: Path) -> None:
    good = tmp_path / "catalogue.yaml"
    good.write_text("organizations:\n  acme: {names: [顶点科技, Acme], wikidata: Q123}\n"
                    "  other: {names: [别的公司]}\n", "utf-8")
    cat = load_catalogue(good, tmp_path / "no-aliases.yaml")
    assert cat.entries["acme"].wikidata == "Q123" and cat.entries["other"].wikidata is None
    lines = "".join(catalogue_triples(cat))
    acme = "<https://w3id.org/aikg/id/organization/acme>"
    assert f"{acme} <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q123> ." in lines
    assert f"{acme} <https://schema.org/sameAs> <http://www.wikidata.org/entity/Q123> ." in lines
    assert lines.count("sameAs") == 2
    for bad in ("Q0123", "q123", "http://www.wikidata.org/entity/Q123", "123"):
        broken = tmp_path / f"bad-{bad.replace('/', '_').replace(':', '')}.yaml"
        broken.write_text(f"organizations:\n  acme: {{names: [Acme], wikidata: '{bad}'}}\n", "utf-8")
        with pytest.raises(KGError) as err:
            load_catalogue(broken, tmp_path / "no-aliases.yaml")
        assert err.value.code == "E061" and "organizations.acme" in str(err.value) and "\n" not in str(err.value)


def test_catalogue_shipped_wikidata_ids_are_well_formed() -> None:
    linked = {k: e.wikidata for k, e in load_catalogue().entries.items() if e.wikidata}
    assert linked.get("microsoft") == "Q2283"
