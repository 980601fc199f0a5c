"""Typed errors raised by the library; the CLI maps each to one line and an exit code."""
from __future__ import annotations


class RolecheckError(Exception):
    """Base class: every error the library raises on purpose."""

    exit_code = 1


class UsageError(RolecheckError):
    """The call itself is wrong (bad option combination, unknown format)."""

    exit_code = 2


class InputError(RolecheckError):
    """An input cannot be read as a posting (missing, binary, empty, too large...)."""

    exit_code = 3


class UnsupportedLanguageError(InputError):
    """The posting is not in English, the only language the model knows."""


class ModelError(RolecheckError):
    """The model is missing, corrupt, untrusted or built with other library versions."""

    exit_code = 4
