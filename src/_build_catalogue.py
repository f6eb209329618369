"""Build step: the message catalogues (src/reportlint/locale/*/LC_MESSAGES/reportlint.po) compiled to .mo with Babel,
into the build (a wheel) or, for an editable install, beside the .po. Named in pyproject.toml
([tool.setuptools.cmdclass]); Babel is a build requirement only: at run time gettext reads the .mo."""

from __future__ import annotations

from pathlib import Path

from setuptools.command.build_py import build_py

LOCALE = Path("src") / "reportlint" / "locale"


def compile_catalogues(source: Path, target: Path) -> list[Path]:
    """Every .po under ``source`` compiled to the same place under ``target``; the .mo files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo = target / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fh:
            catalogue = read_po(fh)
        with mo.open("wb") as fh:
            write_mo(fh, catalogue)
        written.append(mo)
    return written


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            compile_catalogues(LOCALE, LOCALE)  # the package is the source tree
        else:
            compile_catalogues(LOCALE, Path(self.build_lib) / "reportlint" / "locale")
