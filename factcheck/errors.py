"""Errors a user can act on: each prints as one line (or one per problem) and exits 2."""


class InputError(Exception):
    """Bad input: a missing, unreadable, binary or non-UTF-8 file, a broken manifest or rule pack."""


def read_utf8(path, what: str, label: str | None = None, missing: str | None = None) -> str:
    """The text of a UTF-8 file, or InputError: '<label>: cannot read <what>: ...' / '<what> is not UTF-8'."""
    from pathlib import Path

    label = label or str(path)
    try:
        return Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError as e:
        raise InputError(f"{label}: {missing}" if missing else f"{label}: cannot read {what}: {e.strerror or e}") from None
    except OSError as e:
        raise InputError(f"{label}: cannot read {what}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{label}: {what} is not UTF-8 (byte {e.start})") from None
