"""Rule packs: YAML loaded with ruamel.yaml, validated against schema.json, compiled into rules."""

from .loader import Pack, Rule, SectionDef, TableDef, builtin_pack_path, load_pack

__all__ = ["Pack", "Rule", "SectionDef", "TableDef", "builtin_pack_path", "load_pack"]
