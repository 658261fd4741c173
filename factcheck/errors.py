"""Errors a user can act on: each prints as one line (or one per problem) and exits 2."""


class InputError(Exception):
    """Bad input: a missing, unreadable, binary or non-UTF-8 file, a broken manifest or rule pack."""
