"""The errors every stage may raise, in a module that imports nothing of the package: readers,
rules, folder mode and the command line all import them from here, and none from another."""

from __future__ import annotations


class InputError(ValueError):
    """Input that cannot be cleaned; the message is one line, fit for stderr."""


class NotTextError(InputError):
    """Bytes that are neither text nor a page: an image, an archive, a program. Folder mode
    skips these rather than failing on them; a broken page is still an InputError."""


class RuleError(ValueError):
    """A rule file that cannot be used; the message is one line naming the file."""
