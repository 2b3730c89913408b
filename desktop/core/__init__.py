"""Domain types and rules. No Qt, no I/O."""
