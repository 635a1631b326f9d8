"""Measuring Kata's output: realism of a composite, and benchmarks of known answer."""
