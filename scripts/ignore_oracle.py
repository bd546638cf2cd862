#!/usr/bin/env python3
"""Holds `cookie-fix --add-ignore` to Python's own reading of a file.

Each case of the manifest (JSON lines) names a file before and after its markers were
added, and the findings of the file before, as 1-based line spans: `targets`, which
must now be silenced, and `kept`, which nothing new may silence (findings still
reported, or fixable). For every case this checks, with `ast` and
nothing of the engine's:

- the program is the same: equal ASTs (a marker written into a string would change
  its value, one after a backslash would break the syntax);
- the only change is markers: each line is as it was, or is that line followed by
  `  # cookie-fix: ignore[RULES]`, or is such a marker alone on a new line;
- every target is covered by a new marker naming its rule, on a line it spans or alone
  on the line above it, and no kept finding of that rule is.

`--self-test` runs the checks on cases written here, good and bad.
"""

from __future__ import annotations

import ast
import json
import re
import sys



LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n|$)")
SUFFIX = re.compile(rb"(.*?)  # cookie-fix: ignore\[([a-z-]+(?:, [a-z-]+)*)\](\r\n|\r|\n|)", re.DOTALL)
OWN_LINE = re.compile(rb"[ \t]*# cookie-fix: ignore\[([a-z-]+(?:, [a-z-]+)*)\](?:\r\n|\r|\n)")


def physical_lines(source: bytes) -> list[bytes]:
    """Lines as Python ends them (CRLF, CR, LF), with their endings."""
    return [line for line in LINE.findall(source) if line]


def check(before: bytes, after: bytes, targets, kept) -> list[str]:
    try:
        tree = ast.dump(ast.parse(before))
    except (SyntaxError, ValueError):
        # Python rejects what tree-sitter reads (the generators write such files too):
        # only the lines can be compared.
        tree = None
    try:
        # A marker inside a string changes its value; one after a backslash breaks
        # the syntax; one in code is a comment.
        if tree is not None and tree != ast.dump(ast.parse(after)):
            return ["the AST changed"]
    except (SyntaxError, ValueError) as error:
        return [f"the marked file does not parse: {error}"]

    # Walk both files' lines: each line of `before` is in `after` as it was or with a
    # marker appended; the other lines of `after` are markers alone.
    problems = []
    old, new = physical_lines(before), physical_lines(after)
    markers = []  # (1-based line of `after`, rules, alone)
    moved = {}  # 1-based line of `before` -> of `after`
    at = 0
    for number, line in enumerate(new, start=1):
        if at < len(old) and line == old[at]:
            at += 1
            moved[at] = number
            continue
        suffix = SUFFIX.fullmatch(line)
        if at < len(old) and suffix and suffix.group(1) + suffix.group(3) == old[at]:
            at += 1
            moved[at] = number
            markers.append((number, set(suffix.group(2).decode().split(", ")), False))
            continue
        own = OWN_LINE.fullmatch(line)
        if own:
            markers.append((number, set(own.group(1).decode().split(", ")), True))
            continue
        problems.append(f"line {number} of the marked file is neither a line of the original nor a marker: {line!r}")
        return problems
    if at != len(old):
        return problems + [f"lines of the original lost from line {at + 1}"]

    def covered(rule: str, first: int, last: int) -> bool:
        lo, hi = moved[first], moved[last]
        return any(
            rule in rules and (lo <= line <= hi or (alone and line == lo - 1))
            for line, rules, alone in markers
        )

    for rule, first, last in targets:
        if not covered(rule, first, last):
            problems.append(f"{rule} finding at lines {first}-{last}: no marker covers it")
    for rule, first, last in kept:
        if covered(rule, first, last):
            problems.append(f"{rule} finding at lines {first}-{last}: a new marker silences it")
    return problems


def self_test() -> int:
    R = "secure-cookie"
    call = b"r.set_cookie('a', v, secure=x)"
    cases = [
        # (before, after, targets, kept, expected to pass)
        (call + b"\n", call + b"  # cookie-fix: ignore[secure-cookie]\n", [(R, 1, 1)], [], True),
        (call + b"  # why\n", call + b"  # why  # cookie-fix: ignore[secure-cookie]\n", [(R, 1, 1)], [], True),
        (call + b"\n", b"# cookie-fix: ignore[secure-cookie]\n" + call + b"\n", [(R, 1, 1)], [], True),
        (b"if x:\n    " + call + b"\n", b"if x:\n    # cookie-fix: ignore[secure-cookie]\n    " + call + b"\n", [(R, 2, 2)], [], True),
        # The wrong rule, no marker, a marker too far up, a comment changed.
        (call + b"\n", call + b"  # cookie-fix: ignore[secure-cookie-header]\n", [(R, 1, 1)], [], False),
        (call + b"\n", call + b"\n", [(R, 1, 1)], [], False),
        (call + b"\nx = 1\n", call + b"\n# cookie-fix: ignore[secure-cookie]\nx = 1\n", [(R, 1, 1)], [], False),
        (call + b"  # why\n", call + b"  # who  # cookie-fix: ignore[secure-cookie]\n", [(R, 1, 1)], [], False),
        # Code changed; a kept finding silenced too.
        (call + b"\n", call.replace(b"x", b"y") + b"  # cookie-fix: ignore[secure-cookie]\n", [(R, 1, 1)], [], False),
        (call + b"; " + call + b"\n", call + b"; " + call + b"  # cookie-fix: ignore[secure-cookie]\n", [(R, 1, 1)], [(R, 1, 1)], False),
        # A multi-line string's end line is not the place: a marker in the string is text.
        (b"x = '''\n" + call + b"\n'''\n", b"x = '''\n" + call + b"  # cookie-fix: ignore[secure-cookie]\n'''\n", [(R, 1, 3)], [], False),
    ]
    failures = 0
    for number, (before, after, targets, kept, good) in enumerate(cases):
        problems = check(before, after, targets, kept)
        if (not problems) != good:
            failures += 1
            print(f"self-test case {number}: expected {'pass' if good else 'failure'}, got {problems}")
    print(f"ignore oracle self-test: {len(cases) - failures} of {len(cases)} cases judged right")
    return 1 if failures else 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        sys.exit("usage: ignore_oracle.py MANIFEST.jsonl | --self-test")
    manifest = sys.argv[1]
    root = manifest.rsplit("/", 1)[0] if "/" in manifest else "."
    checked = failed = 0
    with open(manifest, encoding="utf-8") as file:
        for line in file:
            case = json.loads(line)
            with open(f"{root}/{case['before']}", "rb") as f:
                before = f.read()
            with open(f"{root}/{case['after']}", "rb") as f:
                after = f.read()
            problems = check(before, after, case["targets"], case["kept"])
            checked += 1
            if problems:
                failed += 1
                for problem in problems:
                    print(f"{case['name']}: {problem}")
    print(f"ignore oracle: {checked} marked files checked, {failed} with violations")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
