"""Which spaCy pipeline `model:` names, and where it is: so that a cloned repository never runs its own code.

A name is an installed pipeline package, found by its distribution's metadata on sys.path without the
working directory, and imported from that distribution's own files (never `import name`, which would
find a folder of the working directory first). A value that looks like a path is a pipeline directory,
resolved against the config file's folder. Nothing else loads: not a blank pipeline, not any module.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelError

if TYPE_CHECKING:
    from importlib.metadata import Distribution
    from types import ModuleType

    from spacy.language import Language

PACKAGE_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")  # a distribution's name (PEP 508)
ENTRY_POINT_GROUP = "spacy_models"  # what `spacy package` declares for every pipeline package
PIPELINE_CONFIG = "config.cfg"  # what spaCy reads first in a pipeline directory
PIPELINE_META = "meta.json"  # its name, version and components (and a pipeline package's marker)
REQUIRED_COMPONENT = "parser"  # gives the sentences every rule is judged by
MAX_DETAIL = 200  # characters of a loader's own message kept in the one error line


@dataclass(frozen=True)
class ModelChoice:
    """A `model:` value, resolved: two configs naming the same pipeline share one loaded copy."""

    target: str  # an installed package's name, or a pipeline directory's absolute path
    is_directory: bool
    value: str = field(compare=False)  # as written in the config
    origin: str = field(compare=False)  # the config file that said it
    line: int | None = field(compare=False, default=None)

    def error(self, problem: str) -> ModelError:
        return ModelError(self.origin, f"model: {self.value!r}: {problem}", self.line)


def choose(value: str, config: Path, line: int | None) -> ModelChoice:
    """Resolve a `model:` value; ValueError says why it cannot name a pipeline (no import, no spaCy)."""
    value = value.strip()
    if value.startswith("blank:"):
        raise ValueError(f"{value!r} is a blank pipeline, with no tagger or parser; name an installed pipeline "
                         "package (such as en_core_web_sm) or a pipeline directory (./path)")
    if "/" in value or os.sep in value or value.startswith((".", "~")):
        directory = Path(value).expanduser()
        directory = Path(os.path.abspath(config.parent / directory))  # an absolute path stays as it is
        if not (directory / PIPELINE_CONFIG).is_file():
            raise ValueError(f"{value!r}: no spaCy pipeline directory at {directory} (it has no {PIPELINE_CONFIG})")
        return ModelChoice(str(directory), True, value, str(config), line)
    if not PACKAGE_NAME.fullmatch(value):
        raise ValueError(f"{value!r} is neither an installed pipeline package's name nor a directory "
                         "(write ./name for a folder beside the config)")
    return ModelChoice(value, False, value, str(config), line)


def load(choice: ModelChoice, **overrides: Any) -> Language:
    """The pipeline `choice` names, loaded with spaCy's `overrides` (exclude=, config=)."""
    try:
        if choice.is_directory:
            import spacy

            nlp = spacy.load(Path(choice.target), **overrides)
        else:
            nlp = load_package(choice.target, **overrides)
    except LookupError as exc:
        raise choice.error(str(exc.args[0])) from None
    except Exception as exc:  # whatever spaCy or the pipeline raises becomes one line
        raise choice.error(f"cannot load it: {describe(exc)}") from None
    if REQUIRED_COMPONENT not in nlp.pipe_names:
        raise choice.error(f"the pipeline has no {REQUIRED_COMPONENT}; outreach-lint needs a trained pipeline "
                           "such as en_core_web_sm")
    return nlp


def load_package(name: str, **overrides: Any) -> Language:
    """An installed pipeline package, imported from its distribution's files; LookupError if there is none."""
    module = _import_from(*_locate(name))
    loader = getattr(module, "load", None)
    if not callable(loader):
        raise LookupError(f"the package {name!r} has no load(); it is not a spaCy pipeline package")
    nlp: Language = loader(**overrides)
    return nlp


def _locate(name: str) -> tuple[str, Path]:
    """(module name, its __init__.py) of the pipeline package distributed as `name`."""
    dist = _distribution(name)
    declared = [ep.value.split(":")[0].strip() for ep in dist.entry_points if ep.group == ENTRY_POINT_GROUP]
    for module in declared or [name.replace("-", "_").replace(".", "_")]:
        if not module.isidentifier():
            continue
        folder = Path(str(dist.locate_file(module)))
        if (folder / "__init__.py").is_file() and (folder / PIPELINE_META).is_file():
            return module, folder / "__init__.py"
    raise LookupError(f"the installed package {dist.metadata['Name']!r} is not a spaCy pipeline package "
                      f"(no {ENTRY_POINT_GROUP} entry point with a {PIPELINE_META})")


def _distribution(name: str) -> Distribution:
    """The installed distribution called `name` (any spelling: en-core-web-sm or en_core_web_sm), looked for
    on sys.path without the working directory."""
    from importlib.metadata import Distribution

    for dist in Distribution.discover(name=name, path=environment_path()):
        return dist
    raise LookupError("no installed spaCy pipeline package has this name (pip install it, or name a pipeline "
                      "directory as ./path)")


def environment_path() -> list[str]:
    """sys.path without the working directory, which `python -m` and an interactive session put first."""
    here = os.path.realpath(os.getcwd())
    return [entry for entry in sys.path if entry not in ("", ".") and os.path.realpath(entry) != here]


def _import_from(module: str, init: Path) -> ModuleType:
    """Import a package from this file, whatever folder named like it sits earlier on sys.path."""
    import importlib.util

    loaded = sys.modules.get(module)
    if loaded is not None and os.path.realpath(getattr(loaded, "__file__", "") or "") == os.path.realpath(init):
        return loaded
    spec = importlib.util.spec_from_file_location(module, init, submodule_search_locations=[str(init.parent)])
    if spec is None or spec.loader is None:
        raise LookupError(f"cannot import the pipeline package from {init}")
    package = importlib.util.module_from_spec(spec)
    sys.modules[module] = package
    try:
        spec.loader.exec_module(package)
    except BaseException:
        del sys.modules[module]
        raise
    return package


def describe(error: BaseException) -> str:
    """The first line of an error's own message, cut short: what one error line can hold."""
    text = str(error).strip().splitlines()
    detail = text[0] if text else type(error).__name__
    return detail if len(detail) <= MAX_DETAIL else detail[:MAX_DETAIL] + "..."
