"""``python -m benchmarks <name> [options]`` — one subcommand per benchmark."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from types import ModuleType

from benchmarks import (
    associations,
    attestation,
    broadcast,
    consult,
    diagnosis,
    faq,
    indicators,
    mentoring,
    practices,
    registration,
    routes,
    walk,
)

# name -> module with add_arguments(parser) and main(args) -> exit code
BENCHMARKS: dict[str, ModuleType] = {
    "registration": registration,
    "diagnosis": diagnosis,
    "routes": routes,
    "mentoring": mentoring,
    "broadcast": broadcast,
    "indicators": indicators,
    "walk": walk,
    "faq": faq,
    "practices": practices,
    "consult": consult,
    "associations": associations,
    "attestation": attestation,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="Load benchmarks of the bot.")
    commands = parser.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    for name, module in BENCHMARKS.items():
        summary = (module.__doc__ or name).strip().splitlines()[0]
        sub = commands.add_parser(
            name,
            help=summary,
            description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(sub)
        run: Callable[[argparse.Namespace], int] = module.main
        sub.set_defaults(run=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
