"""Formatters: findings in, text out. A formatter never re-reads a document."""

from . import json_format, text

FORMATTERS = {"text": text.render, "json": json_format.render}
