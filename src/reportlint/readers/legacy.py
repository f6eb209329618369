"""Word 97-2003 (.doc) and WPS Office (.wps) files: converted to .docx by LibreOffice, headless, then read as .docx.

The conversion runs ``soffice --headless --convert-to docx`` on a copy of the file in a private temporary folder
(the original is never opened by LibreOffice, so never touched or locked), with a time limit (``--limit
convert_seconds``) after which LibreOffice and its children are killed. LibreOffice keeps a user profile; each
process of reportlint uses one of its own, made on its first conversion and removed when it exits (``_Profile``), so
parallel workers never share one. Without LibreOffice a .doc is one clear error saying how to check it.

A file named .doc that is a .docx (a ZIP package) is read as one, with no conversion; an encrypted package is the
usual "encrypted" error. The other way round, a Word 97-2003 file named .docx is converted too: the reader of the
.docx suffixes is :func:`read_word` here, which hands packages to :func:`~.docx.read_docx`."""

from __future__ import annotations

import functools
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from .. import limits
from ..errors import InputError
from ..model import Document
from ..model.layouts import LayoutLibrary
from .docx import read_docx
from .docx_package import sniff
from .wordml import OLE_MAGIC

if TYPE_CHECKING:
    import subprocess

# subprocess, shutil and tempfile are imported where a conversion needs them: every .docx is read through
# read_word, and a run over .docx files should not pay for them at start-up.

CONVERTED = (".doc", ".wps")  # suffixes read through LibreOffice
_NAMES = ("soffice", "libreoffice")


def converter() -> str | None:
    """The LibreOffice program (``soffice``) on the PATH, or None. ``REPORTLINT_SOFFICE`` names another one (an
    empty value: none, as if LibreOffice were not installed)."""
    return _found(os.environ.get("REPORTLINT_SOFFICE"))


@functools.lru_cache(maxsize=4)
def _found(named: str | None) -> str | None:
    """Looked up once a process for each value of REPORTLINT_SOFFICE (a walk asks for every .doc it passes)."""
    import shutil

    if named is not None:
        return shutil.which(named) if named else None
    return next((found for name in _NAMES if (found := shutil.which(name))), None)


def read_word(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """A file named .docx (.docm, .dotx, .dotm): read as a package, or, when it is a Word 97-2003 file in fact,
    converted as a .doc is."""
    if data.startswith(OLE_MAGIC):
        try:
            sniff(path, data)
        except InputError as exc:
            if exc.code == "legacy-doc" and converter() is not None:
                return read_legacy(path, data, layouts)
            raise
    return read_docx(path, data, layouts)


def read_legacy(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """A .doc or .wps file, converted to .docx by LibreOffice and read; its ``format`` says what it was ("doc",
    "wps"), so outputs can say the places are those of the converted document."""
    if data.startswith(b"PK"):  # a .docx that was only misnamed
        return read_docx(path, data, layouts)
    if data.startswith(OLE_MAGIC):
        try:
            sniff(path, data)  # an encrypted package is said as such
        except InputError as exc:
            if exc.code != "legacy-doc":
                raise
    program = converter()
    if program is None:
        raise InputError(path, "legacy-doc")
    doc = read_docx(path, convert(path, data, program), layouts)
    doc.format = _source_format(path)
    return doc


def read_ofd(path: str, data: bytes, layouts: LayoutLibrary | None = None) -> Document:
    """OFD is not read: the Python OFD libraries give text at best, not the ruled tables the rules check, and a
    report read without its tables would be all false "table missing" findings. One line says what to do."""
    raise InputError(path, "ofd")


def _source_format(path: str) -> str:
    """What a converted file was: "doc" or "wps" by its name, "doc" for a Word 97-2003 file named otherwise."""
    suffix = Path(path).suffix.lower()
    return suffix.lstrip(".") if suffix in CONVERTED else "doc"


def convert(path: str, data: bytes, program: str) -> bytes:
    """``data`` (the content of ``path``) converted to .docx by ``program``: the .docx's bytes."""
    import subprocess
    import tempfile

    seconds = limits.current.convert_seconds
    suffix = f".{_source_format(path)}"
    with tempfile.TemporaryDirectory(prefix="reportlint-convert-") as work:
        source = Path(work) / f"report{suffix}"
        source.write_bytes(data)
        command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                   f"-env:UserInstallation={_Profile.uri()}", "--convert-to", "docx", "--outdir", work, str(source)]
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)  # a group of its own: LibreOffice's children die with it
        try:
            _, err = proc.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise InputError(path, "convert-slow", f"{seconds:g}") from None
        except BaseException:  # the document's budget ran out, or ^C: no LibreOffice left behind
            _kill(proc)
            raise
        target = source.with_suffix(".docx")
        if proc.returncode != 0 or not target.exists():
            lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()
                     and "javaldx" not in line]
            raise InputError(path, "convert-failed", lines[-1] if lines else f"exit {proc.returncode}")
        return target.read_bytes()


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


class _Profile:
    """The LibreOffice user profile of this process: a temporary folder made on the first conversion, removed at
    exit. Per process, because two LibreOffice instances on one profile wait for each other or fail."""

    folder: str | None = None

    @classmethod
    def uri(cls) -> str:
        if cls.folder is None or not os.path.isdir(cls.folder):
            import atexit
            import shutil
            import tempfile

            cls.folder = tempfile.mkdtemp(prefix="reportlint-libreoffice-")
            atexit.register(shutil.rmtree, cls.folder, True)
        return Path(cls.folder).as_uri()
