"""Learner pages load ``public/min/``: every source has a minified copy made from its current text."""
import hashlib
import json
import pathlib

PUBLIC = pathlib.Path(__file__).resolve().parents[2] / "legal_basics_xblock" / "public"


def sources():
    return sorted(p for p in PUBLIC.iterdir() if p.suffix in (".js", ".css"))


def test_every_source_has_a_current_minified_copy():
    manifest = json.loads((PUBLIC / "min" / "manifest.json").read_text())
    assert sorted(manifest) == [p.name for p in sources()], "run `make assets`"
    for path in sources():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert manifest[path.name]["source_sha256"] == digest, f"public/min/{path.name} is stale: run `make assets`"
        assert (PUBLIC / "min" / path.name).stat().st_size == manifest[path.name]["bytes"]


def test_minified_copies_are_smaller_and_keep_the_entry_points():
    for path in sources():
        minified = (PUBLIC / "min" / path.name).read_text()
        assert len(minified) < len(path.read_text())
        if path.suffix == ".js":
            for entry in ("LegalQuizView", "LegalCaseStudyView", "LegalBasics"):
                if f"function {entry}(" in path.read_text():
                    assert f"function {entry}(" in minified, f"{path.name} lost {entry}"
