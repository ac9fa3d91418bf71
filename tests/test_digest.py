"""``kg digest``: what the articles of a date window added, grouped for a reader (library, CLI and format)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import api
from kg.digest import Digest, render_digest
from tests.weekly import ROOT, build_weekly_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_weekly_store(tmp_path_factory.mktemp("digest"))


def kg(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(store), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env={**os.environ, "KG_STORE": "/nonexistent"})


def test_digest_seed_window_lists_deepseek_v2_with_its_price_and_the_cuts_in_size_order(store: Path) -> None:
    d = api.digest("2024-05-01", "2024-05-31", store=store)
    assert [a.article for a in d.articles] == ["price-war-2024-05"]
    v2 = next(x for x in d.models if x.about == "DeepSeek-V2")
    assert v2.what == "released by DeepSeek" and v2.date == "2024-05-06" and v2.new
    # the seed states DeepSeek-V2's price only against GPT-4-Turbo's; the line carries that sentence
    assert "其价格为GPT-4-Turbo的近百分之一" in v2.evidence
    assert v2.sources[0].article == "price-war-2024-05"
    assert [(x.about, x.change) for x in d.price_changes] == [("混元-lite", -100.0), ("Qwen-Long", -97.0),
                                                              ("GLM-3Turbo", -80.0)]
    hunyuan = d.prices[0]       # the one price the graph can compare with the one before: first, as a cut
    assert (hunyuan.about, hunyuan.what, hunyuan.previous, hunyuan.change) == (
        "混元-lite", "free", "8 CNY / 1M tokens", -100.0)
    # the June articles are outside the window
    assert all(s.article == "price-war-2024-05" for x in d.models + d.prices for s in x.sources)

    md = kg("digest", "--since", "2024-05-01", "--until", "2024-05-31", store=store)
    assert md.returncode == 0, md.stderr
    out = md.stdout
    assert "**DeepSeek-V2**" in out and "released by DeepSeek" in out and "price-war-2024-05" in out
    cuts = out[out.index("## Price changes"):out.index("## New prices")]
    assert cuts.index("混元-lite") < cuts.index("Qwen-Long") < cuts.index("GLM-3Turbo")
    assert "-100%" in cuts and "-97%" in cuts and "-80%" in cuts


def test_digest_gives_the_previous_price_from_an_earlier_article(store: Path) -> None:
    d = api.digest("2024-06-10", store=store)
    assert [a.article for a in d.articles] == ["test-price-june-b"]
    [line] = [x for x in d.prices if x.about == "DeepSeek-V2"]
    assert (line.what, line.previous, line.change, line.date) == ("1 CNY / 1M tokens", "2 CNY / 1M tokens",
                                                                   -50.0, "2024-06-12")
    assert not next(x for x in d.models if x.about == "DeepSeek-V2").new     # the seed named it in May


def test_digest_empty_window_says_so(store: Path) -> None:
    r = kg("digest", "--since", "2025-01-01", store=store)
    assert r.returncode == 0, r.stderr
    assert "No articles published since 2025-01-01: nothing new in the graph." in r.stdout
    as_json = json.loads(kg("digest", "--since", "2025-01-01", "-f", "json", store=store).stdout)
    assert as_json["empty"] is True and as_json["articles"] == [] and as_json["models"] == []
    assert 'id="empty"' in kg("digest", "--since", "2025-01-01", "-f", "html", store=store).stdout


def test_digest_bad_dates_are_one_line_errors(store: Path) -> None:
    for args, code in ((("--since", "2024-13-01"), "E081"), (("--since", "2024-5-1"), "E081"),
                       (("--since", "2024-01-01' } ?s ?p ?o {"), "E081"),
                       (("--since", "2024-06-01", "--until", "2024-05-01"), "E082")):
        r = kg("digest", *args, store=store)
        assert r.returncode == 1 and r.stderr.startswith(f"kg: {code}") and len(r.stderr.splitlines()) == 1, args
        assert "Traceback" not in r.stderr


def test_digest_writes_a_file_and_escapes_article_text_in_html(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "week.html"
    r = kg("digest", "--since", "2024-06-01", "-f", "html", "-o", str(out), store=store)
    assert r.returncode == 0, r.stderr
    page = out.read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 价格再降" in page and "<script>" not in page
    assert page.index("Price changes") < page.index("New prices")
    assert 'href="/id/' not in page       # a file has no server behind it: names are not links
    bad = kg("digest", "--since", "2024-06-01", "-o", str(tmp_path / "no" / "such" / "x.md"), store=store)
    assert bad.returncode == 1 and bad.stderr.startswith("kg: E083")


def test_digest_json_round_trips_every_section(store: Path) -> None:
    d = api.digest("2024-05-01", store=store)
    data = json.loads(render_digest(d, "json"))
    assert set(data) >= {"since", "until", "articles", "models", "price_changes", "prices", "people", "claims"}
    assert len(data["claims"]) == len(d.claims) > 0
    left = [x for x in data["people"] if x["what"].startswith("left ")]
    assert left and left[0]["about"] == "贾扬清"
    assert isinstance(d, Digest)


def test_digest_on_serve_by_accept_with_one_line_errors(store: Path) -> None:
    import httpx
    from bs4 import BeautifulSoup

    from tests.kgserve import kg_serve

    with kg_serve(store, "--workers", "1") as base:
        page = httpx.get(base + "/digest", params={"since": "2024-05-01", "until": "2024-05-31"})
        as_json = httpx.get(base + "/digest", params={"since": "2024-06-01", "top": "1"},
                            headers={"Accept": "application/json"})
        md = httpx.get(base + "/digest", params={"since": "2025-01-01", "format": "md"})
        bad = httpx.get(base + "/digest", params={"since": "2024-13-01"})
        missing = httpx.get(base + "/digest")
        bad_top = httpx.get(base + "/digest", params={"since": "2024-05-01", "top": "-1"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(page.text, "html.parser")
    cuts = next(h for h in soup.find_all("h2") if h.get_text().startswith("Price changes")).find_next("ul")
    assert [li.b.get_text() for li in cuts.find_all("li")] == ["混元-lite", "Qwen-Long", "GLM-3Turbo"]
    assert soup.find("a", href="/id/model/deepseekv2") is not None       # each line links to its entity page
    data = as_json.json()
    assert as_json.headers["content-type"].startswith("application/json")
    assert [a["article"] for a in data["articles"]] == ["test-price-june-a", "test-price-june-b"]
    assert all(len(data[name]) <= 1 for name in ("models", "price_changes", "prices", "people", "claims"))
    assert data["prices"][0]["previous"] == "2 CNY / 1M tokens"
    assert md.status_code == 200 and "nothing new in the graph" in md.text
    assert bad.status_code == 400 and bad.text.startswith("E081") and len(bad.text.splitlines()) == 1
    assert missing.status_code == 400 and "since=YYYY-MM-DD" in missing.text
    assert bad_top.status_code == 400
