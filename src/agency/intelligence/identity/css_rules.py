"""Selector-aware CSS reading: which rule sets which colour or font, with var() resolved."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import tinycss2
from tinycss2 import ast

from agency.intelligence.brand.css import MAX_CSS_CHARS, iter_tokens, var_name
from agency.intelligence.crawl.models import Stylesheet

MAX_VAR_DEPTH = 5


@dataclass(frozen=True)
class RuleDecl:
    """One declaration with the selector of its rule and the stylesheet it came from."""

    selector: str
    name: str
    value: str
    sheet_url: str
    tokens: tuple[Any, ...]

    @property
    def quote(self) -> str:
        """``name: value`` as a citation quote (whitespace is normalised when matched)."""
        return f"{self.name}: {self.value}"

    def selectors(self) -> list[str]:
        return [s.strip().lower() for s in self.selector.split(",") if s.strip()]


def _walk(rules: Iterable[Any], url: str) -> Iterator[RuleDecl]:
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selector = " ".join(tinycss2.serialize(rule.prelude).split())
            for item in tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            ):
                if isinstance(item, ast.Declaration):
                    yield RuleDecl(
                        selector=selector,
                        name=item.lower_name,
                        value=" ".join(tinycss2.serialize(item.value).split()),
                        sheet_url=url,
                        tokens=tuple(item.value),
                    )
        elif (
            isinstance(rule, ast.AtRule)
            and rule.content is not None
            and rule.lower_at_keyword in ("media", "supports", "layer", "container")
        ):
            nested = tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            yield from _walk(nested, url)


def rule_declarations(sheets: Iterable[Stylesheet]) -> list[RuleDecl]:
    """Every declaration of every stylesheet (not ``@font-face``), in document order."""
    found: list[RuleDecl] = []
    for sheet in sheets:
        rules = tinycss2.parse_stylesheet(
            sheet.text[:MAX_CSS_CHARS], skip_comments=True, skip_whitespace=True
        )
        found.extend(_walk(rules, sheet.url))
    return found


class Variables:
    """Custom properties (``--name: value``) and the declarations that set them."""

    def __init__(self, decls: Iterable[RuleDecl]) -> None:
        self.by_name: dict[str, RuleDecl] = {}
        for decl in decls:
            if decl.name.startswith("--"):
                self.by_name.setdefault(decl.name, decl)

    def resolve(self, decl: RuleDecl) -> tuple[str, list[RuleDecl]]:
        """The value with ``var()`` followed, and the variable declarations passed through."""
        chain: list[RuleDecl] = []
        current = decl
        for _ in range(MAX_VAR_DEPTH):
            name = next((n for t in iter_tokens(current.tokens) if (n := var_name(t))), None)
            if name is None or name not in self.by_name:
                break
            current = self.by_name[name]
            chain.append(current)
        return current.value, chain
