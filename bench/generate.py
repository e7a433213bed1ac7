"""Generate a deterministic monorepo to benchmark keyshift on: ``python -m bench.generate --files 2000 --out DIR``.

DIR/tree/        the monorepo: Kubernetes manifests, Helm values, compose files, JSON, TOML, Python, Markdown,
                 shell scripts and .env files; about 2% of them hold matrix keys, in every form keyshift finds
DIR/matrices/    dten.toml (the repository's deprecations.toml), keys20.toml and keys2000.toml
DIR/needles/     one file per matrix, for ``rg -F -f``: what a person would grep for
DIR/big/         1 MB and 10 MB YAML, 5 MB JSON, 2 MB TOML (each with one dten key near its end)
DIR/single/      one.yaml (no key) and one-key.yaml, for the pre-commit comparison with yamllint
DIR/manifest.json  what was generated: counts by kind and form, and every planted file with its keys

The same --files and --seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.bigfiles import write_big_files, write_single_files
from bench.content import RENDERERS, Source
from bench.keys import PlantKey, needles, plant_keys
from bench.matrices import dten_matrix, generated_matrix
from bench.plant import EVERY_FORM, Planting
from bench.vocab import ENVIRONMENTS, SERVICES

GENERATOR_VERSION = 1
PLANTED_SHARE = 0.02
KIND_WEIGHTS = {
    "k8s": 26,
    "helm": 8,
    "compose": 5,
    "json": 14,
    "toml": 8,
    "python": 16,
    "markdown": 12,
    "shell": 7,
    "dotenv": 4,
}
FAMILIES = ("dten", "keys20", "keys2000")
"""Planted keys come in turn from the dten matrix, the 20-key matrix, and the 2,000-key matrix's other keys."""
FILES_PER_SERVICE = 40


@dataclass(frozen=True)
class Plan:
    """One file to write: where, what kind, and the keys planted in it (if any)."""

    path: str
    kind: str
    service: str
    planting: Planting | None
    family: str | None


def kind_counts(files: int) -> dict[str, int]:
    """Exact file counts per kind, in proportion to ``KIND_WEIGHTS`` (largest remainder)."""
    total = sum(KIND_WEIGHTS.values())
    exact = {kind: files * weight / total for kind, weight in KIND_WEIGHTS.items()}
    counts = {kind: int(share) for kind, share in exact.items()}
    by_remainder = sorted(exact, key=lambda kind: (counts[kind] - exact[kind], kind))
    for kind in by_remainder[: files - sum(counts.values())]:
        counts[kind] += 1
    return counts


def file_path(kind: str, service: str, n: int) -> str:
    env = ENVIRONMENTS[n % len(ENVIRONMENTS)]
    names = {
        "k8s": f"services/{service}/k8s/manifest-{n}.yaml",
        "helm": f"charts/{service}/values.yaml" if n == 0 else f"charts/{service}/values-{env}-{n}.yaml",
        "compose": f"services/{service}/docker-compose.yml" if n == 0 else f"services/{service}/compose.{env}-{n}.yml",
        "json": f"services/{service}/config/settings-{n}.json",
        "toml": f"services/{service}/config/app-{n}.toml",
        "python": f"services/{service}/src/{service.replace('-', '_')}/module_{n}.py",
        "markdown": f"services/{service}/README.md" if n == 0 else f"docs/{service}/page-{n}.md",
        "shell": f"services/{service}/scripts/task-{n}.sh",
        "dotenv": f"services/{service}/.env" if n == 0 else f"services/{service}/env/{env}-{n}.env",
    }
    return names[kind]


def layout(files: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(path, kind, service) for every file, in a seeded order."""
    kinds = [kind for kind, count in kind_counts(files).items() for _ in range(count)]
    rng.shuffle(kinds)
    services = [
        f"{SERVICES[i % len(SERVICES)]}-{i // len(SERVICES)}" for i in range(max(1, files // FILES_PER_SERVICE))
    ]
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for kind in kinds:
        service = rng.choice(services)
        out.append((file_path(kind, service, seen[service, kind]), kind, service))
        seen[service, kind] += 1
    return out


def plantings(
    files: list[tuple[str, str, str]], pools: dict[str, list[PlantKey]], rng: random.Random
) -> dict[int, tuple[Planting, str]]:
    """Which files hold keys: about 2%, cycling through every (kind, form) so that each form appears."""
    wanted = round(len(files) * PLANTED_SHARE)
    by_kind: dict[str, list[int]] = {}
    for index, (_path, kind, _service) in enumerate(files):
        by_kind.setdefault(kind, []).append(index)
    for indexes in by_kind.values():
        rng.shuffle(indexes)
    out: dict[int, tuple[Planting, str]] = {}
    for turn in range(wanted * 4):
        if len(out) == wanted:
            break
        kind, form = EVERY_FORM[turn % len(EVERY_FORM)]
        if not by_kind.get(kind):
            continue
        family = FAMILIES[len(out) % len(FAMILIES)]
        keys = rng.sample(pools[family], min(len(pools[family]), rng.randint(1, 3)))
        out[by_kind[kind].pop()] = (Planting(form, tuple(keys)), family)
    return out


def matrix_texts(seed: int) -> dict[str, str]:
    return {"dten": dten_matrix(), "keys20": generated_matrix(20, seed), "keys2000": generated_matrix(2000, seed)}


def plant_pools(texts: dict[str, str], seed: int) -> dict[str, list[PlantKey]]:
    rng = random.Random(f"{seed}:pools")
    keys = {name: tomllib.loads(text)["keys"] for name, text in texts.items()}
    first20 = set(keys["keys20"])
    rest = {key: rule for key, rule in keys["keys2000"].items() if key not in first20}
    return {
        "dten": plant_keys(keys["dten"], rng),
        "keys20": plant_keys(keys["keys20"], rng),
        "keys2000": plant_keys(rest, rng),
    }


def plan(files: int, seed: int, pools: dict[str, list[PlantKey]]) -> list[Plan]:
    rng = random.Random(f"{seed}:tree")
    placed = layout(files, rng)
    planted = plantings(placed, pools, rng)
    out = []
    for index, (path, kind, service) in enumerate(placed):
        planting, family = planted.get(index, (None, None))
        out.append(Plan(path, kind, service, planting, family))
    return out


def write_tree(tree: Path, plans: Sequence[Plan], seed: int) -> int:
    total = 0
    for index, item in enumerate(plans):
        text = RENDERERS[item.kind](Source(random.Random(f"{seed}:file:{index}"), item.service), item.planting)
        target = tree / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def write_matrices(out: Path, texts: dict[str, str]) -> dict[str, dict[str, int]]:
    (out / "matrices").mkdir(parents=True, exist_ok=True)
    (out / "needles").mkdir(parents=True, exist_ok=True)
    summary = {}
    for name, text in texts.items():
        (out / "matrices" / f"{name}.toml").write_text(text, encoding="utf-8")
        found = needles(tomllib.loads(text)["keys"])
        (out / "needles" / f"{name}.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
        summary[name] = {"keys": len(tomllib.loads(text)["keys"]), "needles": len(found)}
    return summary


def planted_entry(item: Plan, planting: Planting) -> dict[str, Any]:
    keys = planting.keys
    entry = {"path": item.path, "kind": item.kind, "form": planting.form, "family": item.family}
    return {**entry, "keys": [key.dotted for key in keys], "rules": [key.rule for key in keys]}


def manifest(files: int, seed: int, plans: Sequence[Plan], tree_bytes: int) -> dict[str, Any]:
    planted = [(item, item.planting) for item in plans if item.planting is not None]
    return {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "files": files,
        "tree_bytes": tree_bytes,
        "kinds": dict(sorted(Counter(item.kind for item in plans).items())),
        "forms": dict(sorted(Counter(planting.form for _item, planting in planted).items())),
        "planted": [planted_entry(item, planting) for item, planting in planted],
    }


def prepare_output(out: Path) -> None:
    """Empty ``out`` for a new tree, refusing to delete a directory the generator did not write."""
    if out.exists() and any(out.iterdir()) and not (out / "manifest.json").is_file():
        raise SystemExit(f"bench.generate: {out} is not empty and holds no manifest.json; not deleting it")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)


def generate(out: Path, files: int, seed: int = 8, *, big: bool = True) -> dict[str, Any]:
    """Write the whole benchmark input under ``out``; returns the manifest (also written as manifest.json)."""
    prepare_output(out)
    texts = matrix_texts(seed)
    pools = plant_pools(texts, seed)
    plans = plan(files, seed, pools)
    result = manifest(files, seed, plans, write_tree(out / "tree", plans, seed))
    result["matrices"] = write_matrices(out, texts)
    if big:
        result["big"] = write_big_files(out / "big", seed, pools["dten"][0])
        write_single_files(out / "single", seed, pools["dten"][0])
    (out / "manifest.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="number of files in the tree (default 2000)")
    parser.add_argument("--seed", type=int, default=8, help="random seed (default 8)")
    parser.add_argument("--out", type=Path, required=True, help="output directory (emptied first)")
    parser.add_argument("--no-big", action="store_true", help="skip the large single files")
    args = parser.parse_args(argv)
    result = generate(args.out, args.files, args.seed, big=not args.no_big)
    planted = len(result["planted"])
    print(f"{args.out}: {result['files']} files, {result['tree_bytes'] / 1e6:.1f} MB, {planted} with matrix keys")


if __name__ == "__main__":
    main()
