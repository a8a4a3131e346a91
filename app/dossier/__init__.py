"""The signed dossier (案卷): an official-format PDF of a decided session, signed PAdES B-B (DESIGN.md §9)."""
