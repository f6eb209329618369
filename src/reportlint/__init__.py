"""reportlint — compliance linter for 政府信息公开工作年度报告.

The version has one source, the package metadata (``version`` in pyproject.toml); ``__version__`` reads it when
asked (importlib.metadata costs a run's start-up a few milliseconds it does not need)."""


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("reportlint")
        except PackageNotFoundError:  # a source tree on sys.path, never installed
            return "0+unknown"
    raise AttributeError(f"module 'reportlint' has no attribute {name!r}")
