"""Benchmarks: one command that measures ipps against baselines in the same run and prints ratios."""
