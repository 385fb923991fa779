"""Installed distribution versions, read from package metadata so that nothing heavy is imported."""

from __future__ import annotations


def installed_version(*names: str) -> str:
    """The version of the first of `names` that is installed, or "" if none is."""
    from importlib import metadata  # not at import time: a fully cached run never needs it

    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return ""
