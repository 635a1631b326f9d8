"""Walk CSS with tinycss2: every declaration, in rules, at-rules and ``style`` attributes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import tinycss2
from tinycss2 import ast

MAX_CSS_CHARS = 3_000_000


@dataclass
class Declaration:
    """One ``property: value`` pair; ``at_rule`` names an enclosing at-rule (e.g. font-face)."""

    name: str
    value: list[Any]
    at_rule: str | None = None

    @property
    def text(self) -> str:
        return tinycss2.serialize(self.value).strip()


def _declarations(tokens: list[Any], at_rule: str | None) -> Iterator[Declaration]:
    for item in tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True):
        if isinstance(item, ast.Declaration):
            yield Declaration(name=item.lower_name, value=list(item.value), at_rule=at_rule)
        elif isinstance(item, ast.QualifiedRule) and item.content:
            yield from _declarations(item.content, at_rule)  # CSS nesting


def _rules(rules: Iterable[Any], at_rule: str | None) -> Iterator[Declaration]:
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            yield from _declarations(rule.content, at_rule)
        elif isinstance(rule, ast.AtRule) and rule.content is not None:
            if rule.lower_at_keyword in ("font-face", "page", "property", "counter-style"):
                yield from _declarations(rule.content, rule.lower_at_keyword)
            else:  # @media, @supports, @layer, @container: nested rules
                nested = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                yield from _rules(nested, at_rule)


def iter_declarations(css_texts: Iterable[str]) -> Iterator[Declaration]:
    """Every declaration in the given stylesheets (oversized ones are cut)."""
    for text in css_texts:
        rules = tinycss2.parse_stylesheet(
            text[:MAX_CSS_CHARS], skip_comments=True, skip_whitespace=True
        )
        yield from _rules(rules, None)


def iter_tokens(tokens: Iterable[Any]) -> Iterator[Any]:
    """Tokens depth-first, descending into functions and blocks (the function comes first)."""
    for token in tokens:
        yield token
        if isinstance(token, ast.FunctionBlock):
            yield from iter_tokens(token.arguments)
        elif isinstance(token, ast.SquareBracketsBlock | ast.ParenthesesBlock):
            yield from iter_tokens(token.content)


def var_name(token: Any) -> str | None:
    """``--name`` when ``token`` is ``var(--name, …)``."""
    if isinstance(token, ast.FunctionBlock) and token.lower_name == "var":
        for arg in token.arguments:
            if isinstance(arg, ast.IdentToken) and arg.value.startswith("--"):
                return str(arg.value)
    return None


def var_usage(declarations: Iterable[Declaration]) -> Counter[str]:
    """How often each custom property is referenced with ``var()``."""
    uses: Counter[str] = Counter()
    for decl in declarations:
        for token in iter_tokens(decl.value):
            if name := var_name(token):
                uses[name] += 1
    return uses
