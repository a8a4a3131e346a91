"""Review sessions: lifecycle, sealing, reveal, chair-last, tally and decision (DESIGN.md §2–§7)."""
