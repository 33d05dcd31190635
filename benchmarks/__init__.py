"""Load benchmarks: the real bot polling a fake Bot API over HTTP, driven by simulated people.

Run ``python -m benchmarks --help``; the shared machinery is in :mod:`benchmarks.harness`.
"""
