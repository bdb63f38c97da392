"""GitHub Actions expressions, evaluated the way GitHub does, for the workflow tests.

Covers what workflows commonly use: literals ('text', numbers, true, false, null),
contexts (``github.ref``, ``steps.pages.outputs.base_url``; a missing property is null),
``!``, ``==``, ``!=``, ``&&``, ``||`` (which return one of their operands, as in GitHub),
parentheses and the functions ``format``, ``success``, ``always``, ``contains``,
``startsWith``. Anything else raises ``ValueError``, so that a new construct in the
workflow makes the test say what it cannot run instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)"
                    r"|(?P<op>==|!=|&&|\|\||[!(),])|(?P<name>[A-Za-z_][\w.-]*))")


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ValueError(f"cannot read the expression at {text[pos:]!r}")
        kind = match.lastgroup
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def _truthy(value: Any) -> bool:
    return value not in (None, False, 0, "") and value == value  # NaN is false


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.casefold() == b.casefold()  # GitHub compares strings ignoring case
    return a == b


class _Parser:
    def __init__(self, text: str, contexts: dict[str, Any]) -> None:
        self.tokens, self.pos, self.contexts = _tokens(text), 0, contexts

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise ValueError(f"expected {value!r}, found {token!r}")
        self.pos += 1
        return token

    def parse(self) -> Any:
        value = self.or_()
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()!r}")
        return value

    def or_(self) -> Any:
        return self._logical("||", self.and_, lambda left, right: left if _truthy(left) else right)

    def and_(self) -> Any:
        return self._logical("&&", self.compare,
                             lambda left, right: right if _truthy(left) else left)

    def _logical(self, op: str, operand: Callable[[], Any],
                 pick: Callable[[Any, Any], Any]) -> Any:
        """``operand (op operand)*``, left to right, each step's value ``pick(left, right)``."""
        value = operand()
        while self.peek() == ("op", op):
            self.take()
            value = pick(value, operand())
        return value

    def compare(self) -> Any:
        value = self.unary()
        while self.peek() in (("op", "=="), ("op", "!=")):
            op = self.take()[1]
            right = self.unary()
            value = _equal(value, right) if op == "==" else not _equal(value, right)
        return value

    def unary(self) -> Any:
        if self.peek() == ("op", "!"):
            self.take()
            return not _truthy(self.unary())
        return self.primary()

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if kind == "num":
            return float(text) if "." in text else int(text)
        if text == "(":
            value = self.or_()
            self.take(")")
            return value
        if kind != "name":
            raise ValueError(f"unexpected {text!r}")
        if self.peek() == ("op", "("):
            return self.call(text)
        if text in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[text]
        value: Any = self.contexts
        for part in text.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def call(self, name: str) -> Any:
        self.take("(")
        args = []
        while self.peek() != ("op", ")"):
            args.append(self.or_())
            if self.peek() == ("op", ","):
                self.take()
        self.take(")")
        if name in ("success", "always") and not args:
            return True  # the runs the tests make have no failed step before
        if name == "format":
            return re.sub(r"\{(\d+)\}", lambda m: _text(args[1 + int(m.group(1))]), args[0])
        if name == "contains":
            return str(args[1]).casefold() in str(args[0]).casefold()
        if name == "startsWith":
            return str(args[0]).casefold().startswith(str(args[1]).casefold())
        raise ValueError(f"function {name}() is not known to the tests")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def evaluate(expression: str, contexts: dict[str, Any]) -> Any:
    """The value of ``expression`` (with or without ``${{ }}``) in ``contexts``.

    ``evaluate("github.event_name == 'push' && '1' || ''", {"github": {"event_name":
    "push"}})`` -> ``'1'``.
    """
    expression = expression.strip()
    if expression.startswith("${{") and expression.endswith("}}"):
        expression = expression[3:-2]
    return _Parser(expression, contexts).parse()


def substitute(text: str, contexts: dict[str, Any]) -> str:
    """``text`` with every ``${{ expression }}`` replaced by its value as text."""
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _text(evaluate(m.group(1), contexts)), text)
