"""`l10n demo`: a scratch project with the sample article, translated with the bundled demo models.

The demo packages (``l10n/demo/en_az.argosmodel``, ``en_ru.argosmodel``) are
tiny real Argos packages trained on a few dozen sentences, among them every
sentence of the sample article: they exercise the real CTranslate2 path but
only know their training sentences. They are installed into the scratch
project's own ``packages/`` folder (never the user's Argos folder), and the
project's ``l10n.toml`` points there, so ``l10n translate`` inside it works too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from l10n.atomic import atomic_write_bytes, atomic_write_text
from l10n.errors import L10nError
from l10n.project import CONFIG_FILE, DEFAULT_LANGUAGES, SOURCE_DIR, Project
from l10n.engine.factory import argos_engine_factory
from l10n.translate import TranslateResult, translate_project
from l10n.translate.drafting import LanguageProgress

DEMO_ARTICLE = "wco-europe-customs.txt"
DEMO_PACKAGES = ("en_az.argosmodel", "en_ru.argosmodel")
PACKAGES_DIR = "packages"
DEFAULT_FOLDER = "demo-project"
NOTE = (
    "Demo models: tiny packages trained on a few dozen sentences. They only know their "
    "training sentences (the sample article's among them); anything else comes out garbled. "
    "Install real Argos packages (`l10n models install en:az`) for real drafts."
)
_CONFIG = f"""# l10n demo project (made by `l10n demo`).
languages = {json.dumps(list(DEFAULT_LANGUAGES))}

[engine]
packages_dir = "{PACKAGES_DIR}"  # the bundled demo models, not your Argos packages
"""


@dataclass
class DemoResult:
    root: Path
    packages_dir: Path
    installed: list[str]  # packages installed by this run (empty when already there)
    result: TranslateResult
    note: str = NOTE

    def as_dict(self) -> dict:
        return {
            "project": str(self.root),
            "packages_dir": str(self.packages_dir),
            "installed": self.installed,
            "note": self.note,
            **{k: v for k, v in self.result.as_dict().items() if k != "project"},
        }


def demo_file(name: str) -> Path:
    """A file shipped in ``l10n/demo/`` (package data)."""
    path = Path(str(resources.files("l10n").joinpath("demo", name)))
    if not path.is_file():
        raise L10nError(f"the l10n installation lacks its demo file {name}", path=path)
    return path


def make_demo_project(folder: str | Path) -> tuple[Project, list[str]]:
    """Create (or refresh) the scratch project: sample article, config, demo packages."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise L10nError("exists and is not a folder", path=folder)
    if folder.is_dir() and any(folder.iterdir()) and not (folder / SOURCE_DIR).is_dir():
        raise L10nError(
            f"folder is not empty and not an l10n project (no {SOURCE_DIR}/); choose another folder", path=folder
        )
    if (folder / SOURCE_DIR).is_dir():
        others = [d.name for d in Project.open(folder).documents() if d.source.name != DEMO_ARTICLE]
        if others:
            raise L10nError(
                f"is a project with its own articles ({', '.join(others[:3])}); the demo needs a scratch folder",
                path=folder,
            )
    article = demo_file(DEMO_ARTICLE).read_bytes()
    target = folder / SOURCE_DIR / DEMO_ARTICLE
    if not target.is_file() or target.read_bytes() != article:
        atomic_write_bytes(target, article)
    config = folder / CONFIG_FILE
    if not config.exists():
        atomic_write_text(config, _CONFIG)
    installed = install_demo_packages(folder / PACKAGES_DIR)
    return Project.open(folder), installed


def install_demo_packages(packages_dir: Path) -> list[str]:
    """Install the bundled demo packages into ``packages_dir`` unless that version is already there."""
    from l10n.engine.install import install_archive, validate_archive

    installed = []
    for name in DEMO_PACKAGES:
        archive = demo_file(name)
        top, meta = validate_archive(archive)
        present = packages_dir / top / "metadata.json"
        if present.is_file():
            try:
                if json.loads(present.read_text(encoding="utf-8")) == meta:
                    continue
            except (ValueError, OSError):
                pass
        install_archive(archive, packages_dir)
        installed.append(top)
    return installed


def run_demo(
    folder: str | Path = DEFAULT_FOLDER, *, progress: LanguageProgress | None = None
) -> DemoResult:
    """Make the scratch project and run the translate workflow into az and ru with the demo models."""
    project, installed = make_demo_project(folder)
    packages_dir = project.root / PACKAGES_DIR
    factory = argos_engine_factory(packages_dir)
    result = translate_project(project, project.documents(), DEFAULT_LANGUAGES, factory, progress=progress)
    return DemoResult(root=project.root, packages_dir=packages_dir, installed=installed, result=result)


def l10n_command(folder: str | Path, env: dict[str, str] | None = None, argv0: str | None = None) -> str:
    """How to run ``l10n`` from ``folder`` in the shell this process was started from.

    After the Quick start, ``l10n`` is in ``.venv`` and uv in ``.tools/``, neither on
    PATH: ``uv run`` sets ``UV`` to its own path, so the hint names that uv
    (``../.tools/bin/uv run l10n``); an ``l10n`` on PATH is just ``l10n``; else
    the script or ``python -m l10n`` that is running now.
    """
    import os
    import shlex
    import shutil
    import sys

    env = os.environ if env is None else env
    uv = env.get("UV")
    if uv:
        on_path = shutil.which("uv", path=env.get("PATH"))
        if on_path and Path(on_path).resolve() == Path(uv).resolve():
            return "uv run l10n"
        return f"{shlex.quote(os.path.relpath(uv, folder))} run l10n"
    if shutil.which("l10n", path=env.get("PATH")):
        return "l10n"
    argv0 = sys.argv[0] if argv0 is None else argv0
    if Path(argv0).name == "l10n":
        return shlex.quote(str(Path(argv0).resolve()))
    return f"{shlex.quote(sys.executable)} -m l10n"
