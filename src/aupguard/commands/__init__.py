"""Sub-commands of `aupguard`. Each module has `add_parser(subparsers)`, which adds its
parser and sets `func` to a handler taking the parsed args and returning an exit code."""
