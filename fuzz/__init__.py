"""Fuzzing and worst-case inputs for stuckscan (see docs/reliability.md)."""
