"""The format registry: one FormatInfo per format, claims by file name, traits that match the parsers."""

from __future__ import annotations

import pytest

from keyshift.formats import FORMATS, TEXT_FORMAT, detect_format, format_info, get_fixer, get_parser


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("app.yaml", "yaml"),
        ("APP.YML", "yaml"),
        (".clang-format", "yaml"),
        ("Pipfile", "toml"),
        ("tsconfig.json", "json"),
        ("settings.jsonc", "jsonc"),
        ("setup.cfg", "ini"),
        (".flake8", "ini"),
        ("application.properties", "properties"),
        (".env", "dotenv"),
        (".env.local", "dotenv"),
        ("prod.env", "dotenv"),
        ("Dockerfile", "dockerfile"),
        ("Dockerfile.dev", "dockerfile"),
        ("Containerfile", "dockerfile"),
        ("build.sh", "shell"),
        (".envrc", "shell"),
        ("app.py", "python"),
        ("stubs.pyi", "python"),
        ("README.md", None),
        ("notes", None),
    ],
)
def test_detect_format_by_name(name: str, expected: str | None) -> None:
    assert detect_format(f"some/dir/{name}") == expected


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_parses_with_the_traits_it_declares(name: str) -> None:
    info = format_info(name)
    parsed = get_parser(name)("{}" if name.startswith("json") else "")
    assert parsed.format == name
    assert parsed.typed is info.traits.typed
    assert callable(get_fixer(name))


def test_no_two_formats_claim_one_name() -> None:
    claims = [s for info in FORMATS.values() for s in (*info.suffixes, *info.filenames, *info.name_prefixes)]
    assert len(claims) == len(set(claims)) or sorted(claims).count(".env") == 2  # .env is a suffix and a name


def test_text_is_the_fallback_and_claims_nothing() -> None:
    info = format_info(TEXT_FORMAT)
    assert (info.suffixes, info.filenames, info.name_prefixes) == ((), (), ())
