"""Rule packs shipped with reportlint (installed as ``reportlint.packs``)."""
