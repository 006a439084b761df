"""A catalog's ``Plural-Forms`` checked as GNU msgfmt checks it.

The expression grammar is gettext's (``plural-exp.y``): ``n``, decimal
numbers, parentheses, ``! * / % + - < > <= >= == != && || ?:`` with C's
precedence, unsigned arithmetic and no unary minus. As ``msgfmt --check``
does, the expression is then evaluated for n = 0..1000: a division by zero or
a value outside ``0 .. nplurals-1`` is an error. Anything else in the header
(Python calls, names, strings) is an invalid expression: it never reaches an
evaluator that could run it.
"""

from __future__ import annotations

import functools
import re

MAX_EXPRESSION = 1000  # characters; CLDR's longest rule is ~200
MAX_DEPTH = 40  # nesting levels (CLDR rules need < 10); msgfmt allows more (bison's stack)
_CHECKED_N = range(0, 1001)
_MASK = (1 << 64) - 1
_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(&&|\|\||==|!=|<=|>=|[-+*/%<>!?:()]))")
# Binary operators by precedence, loosest first (after ?: which is handled apart).
_LEVELS = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_PLURAL = re.compile(r"plural\s*=")


class PluralError(ValueError):
    """What msgfmt would say about the Plural-Forms value."""


@functools.lru_cache(maxsize=64)  # every catalog of a language has the same header: evaluate it once
def check_plural_forms(value: str) -> int:
    """Validate a ``Plural-Forms`` header value; return nplurals. Raises PluralError."""
    found = _NPLURALS.search(value)
    if not found or len(found.group(1)) > 4 or not 1 <= int(found.group(1)) <= 1000:
        raise PluralError("header Plural-Forms has no valid nplurals=N")
    nplurals = int(found.group(1))
    expression = _PLURAL.search(value)
    if expression is None:
        return nplurals  # msgfmt accepts a header without plural= (it then uses n != 1)
    tree = parse_plural(value[expression.end():].split(";", 1)[0])
    largest = 0
    for n in _CHECKED_N:
        result = evaluate(tree, n)
        largest = max(largest, result)
    if largest >= nplurals:
        raise PluralError(f"nplurals = {nplurals} but plural expression can produce values as large as {largest}")
    return nplurals


def parse_plural(text: str):
    """The expression as a tree of tuples; PluralError("invalid plural expression") if it is not one."""
    if len(text) > MAX_EXPRESSION:
        raise PluralError("invalid plural expression (too long)")
    tokens = _tokens(text)
    parser = _Parser(tokens)
    tree = parser.conditional(0)
    if parser.pos != len(tokens):
        raise PluralError("invalid plural expression")
    return tree


def evaluate(tree, n: int) -> int:
    kind = tree[0]
    if kind == "num":
        return tree[1]
    if kind == "n":
        return n
    if kind == "!":
        return int(not evaluate(tree[1], n))
    if kind == "?":
        return evaluate(tree[2], n) if evaluate(tree[1], n) else evaluate(tree[3], n)
    a = evaluate(tree[1], n)
    if kind == "&&":
        return int(bool(a) and bool(evaluate(tree[2], n)))
    if kind == "||":
        return int(bool(a) or bool(evaluate(tree[2], n)))
    b = evaluate(tree[2], n)
    if kind in ("/", "%") and b == 0:
        raise PluralError("plural expression can produce division by zero")
    ops = {
        "*": lambda: a * b, "/": lambda: a // b, "%": lambda: a % b, "+": lambda: a + b, "-": lambda: a - b,
        "<": lambda: a < b, ">": lambda: a > b, "<=": lambda: a <= b, ">=": lambda: a >= b,
        "==": lambda: a == b, "!=": lambda: a != b,
    }
    return int(ops[kind]()) & _MASK  # unsigned long, as in libintl


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise PluralError("invalid plural expression")
        number, n, op = m.groups()
        out.append(("num", int(number[:20]) & _MASK) if number else ("n",) if n else op)
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, want=None):
        tok = self.peek()
        if tok is None or (want is not None and tok != want):
            raise PluralError("invalid plural expression")
        self.pos += 1
        return tok

    def conditional(self, depth: int):
        if depth > MAX_DEPTH:
            raise PluralError("invalid plural expression (nested too deeply)")
        cond = self.binary(0, depth)
        if self.peek() == "?":
            self.take("?")
            yes = self.conditional(depth + 1)
            self.take(":")
            no = self.conditional(depth + 1)
            return ("?", cond, yes, no)
        return cond

    def binary(self, level: int, depth: int):
        if level == len(_LEVELS):
            return self.unary(depth)
        left = self.binary(level + 1, depth)
        while self.peek() in _LEVELS[level]:
            op = self.take()
            left = (op, left, self.binary(level + 1, depth))
        return left

    def unary(self, depth: int):
        if depth > MAX_DEPTH:
            raise PluralError("invalid plural expression (nested too deeply)")
        tok = self.take()
        if tok == "!":
            return ("!", self.unary(depth + 1))
        if tok == "(":
            inner = self.conditional(depth + 1)
            self.take(")")
            return inner
        if isinstance(tok, tuple):
            return tok
        raise PluralError("invalid plural expression")
