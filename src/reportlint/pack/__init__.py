"""Rule packs: YAML read with ruamel.yaml, validated against schema.json, layered (``extends``) into one pack.
Compiling its rules is the rule kinds' business: :func:`reportlint.rulepack.load_pack` gives a pack ready to use."""

from .loader import Pack, ReportDef, Rule, SectionDef, TableDef, builtin_pack_path

__all__ = ["Pack", "ReportDef", "Rule", "SectionDef", "TableDef", "builtin_pack_path"]
