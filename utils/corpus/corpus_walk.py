"""Which files of a corpus folder are read: links stay inside the folder, special files are refused.

The rule (also in ``data/README.md``): a folder is read recursively, hidden files and
folders (a name starting with ``.``) are skipped, and

* a symbolic link is followed only when its target lies inside the corpus folder. A link
  to a file or folder that is read anyway under its own name is not read a second time;
* a link pointing outside the folder (``/etc/passwd``), a link loop and a dangling link
  are not followed;
* a FIFO, socket or device is never opened (reading a FIFO would wait forever).

Every file or link not read is returned with its reason, for the load report.

>>> import os, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Presiden Joko Widodo bertemu Vladimir Putin.")
>>> os.symlink("/etc/passwd", folder / "b.txt")
>>> os.symlink("c.txt", folder / "c.txt")
>>> files, refused = walk_folder(folder)
>>> [f.name for f in files]
['a.txt']
>>> [(f.name, reason) for f, reason in refused]
[('b.txt', "link to '/etc/passwd', outside the corpus folder; not followed"), ('c.txt', 'link loop; not followed')]
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_file_reason(path: Path) -> str | None:
    """Why ``path`` (links followed) is not a regular file or folder to read, or None.

    >>> special_file_reason(Path("/dev/null"))
    'a character device, not a regular file; not read'
    >>> special_file_reason(Path("/etc/hostname")) is None
    True
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return f"{kind}, not a regular file; not read"
    return None


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _link_target(link: Path) -> tuple[Path | None, str | None]:
    """(resolved target, None) or (None, why the link cannot be followed)."""
    try:
        return link.resolve(strict=True), None
    except FileNotFoundError:
        return (
            None,
            f"dangling link to '{os.readlink(link)}' (the target does not exist); not followed",
        )
    except (
        RuntimeError,
        OSError,
    ):  # RuntimeError: Python 3.11's "Symlink loop"; OSError ELOOP later
        return None, "link loop; not followed"


def walk_folder(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """``(files to read, sorted; [(path, reason)] not read)`` for one corpus folder.

    Runs in time linear in the number of entries; never opens a file.
    """
    root = folder.resolve()
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    walked: set[Path] = set()

    def visit(directory: Path, real: Path) -> None:
        if real in walked:
            return
        walked.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            refused.append((directory, f"cannot list folder ({error.strerror or error})"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                target, problem = _link_target(path)
                if problem:
                    refused.append((path, problem))
                elif not target.is_relative_to(root):
                    refused.append(
                        (path, f"link to '{target}', outside the corpus folder; not followed")
                    )
                elif reason := special_file_reason(target):
                    refused.append((path, reason))
                elif not _is_hidden(target.relative_to(root)):
                    shown = target.relative_to(root).as_posix() or "."
                    refused.append(
                        (
                            path,
                            f"link to '{shown}', which is read under its own name; not read twice",
                        )
                    )
                elif target.is_dir():
                    visit(path, target)
                else:
                    files.append(path)
            elif entry.is_dir(follow_symlinks=False):
                visit(path, real / entry.name)
            elif entry.is_file(follow_symlinks=False):
                files.append(path)
            else:
                refused.append((path, special_file_reason(path) or "not a regular file; not read"))

    visit(folder, root)
    return sorted(files), sorted(refused)
