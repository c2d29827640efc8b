"""Find user-facing text that is not marked for translation, in templates and in Python.

Templates: visible text and the text of the attributes people read (alt, title, placeholder,
aria-label, …) must come from {% translate %} / {% blocktranslate %} or a variable. Ignored:
whitespace, punctuation, numbers, template tags and variables, {# comments #} / {% comment %},
<script> and <style>, and any element with the HTML attribute translate="no" (a name, a code).
A whole file can opt out with `{# i18n: ikke oversatt – <why> #}` in its first line (e.g. an
EHF/XML template whose words are a standard's, not ours).

Acronyms and codes (2–5 capitals: NOK, KID, EHF) count as no text.

Python: plain string literals where Django shows text to people — verbose_name/help_text/label/
description keywords, Meta.verbose_name(_plural), the labels of TextChoices/IntegerChoices,
ValidationError(...) and messages.<level>(request, ...).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import tag_re

LETTER = re.compile(r"[^\W\d_]")
# Acronyms and codes read the same in English: NOK, KID, EHF, PDF, KS.
ACRONYM = re.compile(r"\b[A-ZÆØÅ]{2,5}\b")
PLACEHOLDER = "\x00"
OPT_OUT = re.compile(r"\{#\s*i18n:\s*ikke oversatt\b")

# Attributes whose values people read or hear.
READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "aria-placeholder", "label"}
# `value` is read on these input types (the button's caption).
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
RAW_TEXT_TAGS = {"script", "style"}
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def has_words(text: str) -> bool:
    """Whether `text` has words to translate: letters beyond placeholders and acronyms."""
    return bool(LETTER.search(ACRONYM.sub("", text.replace(PLACEHOLDER, " "))))


def template_skeleton(source: str) -> str:
    """The template with tags and variables replaced by a placeholder and untranslatable parts blanked.

    Line breaks are kept, so HTML line numbers are the template's line numbers.
    """
    parts: list[str] = []
    skip_until: str | None = None
    for raw in tag_re.split(source):
        if not raw:
            continue
        kind = raw[:2] if raw[:2] in ("{%", "{{", "{#") and raw[-2:] in ("%}", "}}", "#}") else "text"
        words = raw[2:-2].split() if kind == "{%" else []
        name = words[0] if words else ""
        if skip_until is not None:
            if name == skip_until:
                skip_until = None
                parts.append(PLACEHOLDER)
            else:
                parts.append("\n" * raw.count("\n"))
        elif kind == "text":
            parts.append(raw)
        elif kind == "{#":
            parts.append("")
        else:
            if name in ("blocktranslate", "blocktrans", "comment", "verbatim"):
                skip_until = "end" + name
            parts.append(PLACEHOLDER)
    return "".join(parts)


class _VisibleText(HTMLParser):
    def __init__(self, path: str):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.findings: list[Finding] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, translate="no" in force)

    @property
    def untranslated_scope(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _report(self, text: str) -> None:
        cleaned = " ".join(text.replace(PLACEHOLDER, " … ").split())
        self.findings.append(Finding(self.path, self.getpos()[0], cleaned))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        no_translate = self.untranslated_scope or (attributes.get("translate") or "").lower() == "no"
        if not no_translate:
            for name, value in attrs:
                readable = name in READ_ATTRIBUTES or (
                    name == "value" and tag == "input" and (attributes.get("type") or "").lower() in BUTTON_INPUT_TYPES
                )
                if readable and value and has_words(value):
                    self._report(f"{name}={value}")
        if tag not in VOID_TAGS:
            self.stack.append((tag, no_translate))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in RAW_TEXT_TAGS:
            return
        if self.untranslated_scope:
            return
        if has_words(data):
            self._report(data)


def untranslated_template_text(path: Path, *, root: Path) -> list[Finding]:
    source = path.read_text(encoding="utf-8")
    if OPT_OUT.match(source):
        return []
    parser = _VisibleText(str(path.relative_to(root)))
    parser.feed(template_skeleton(source))
    parser.close()
    return parser.findings


# --- Python --------------------------------------------------------------------------------

TEXT_KEYWORDS = {
    "verbose_name",
    "verbose_name_plural",
    "help_text",
    "label",
    "description",
    "empty_label",
    "empty_value_display",
    "message",
}
META_ATTRIBUTES = {"verbose_name", "verbose_name_plural"}
MESSAGE_FUNCTIONS = {"debug", "info", "success", "warning", "error", "add_message"}


def _plain_text(node: ast.AST | None) -> str | None:
    """The literal if `node` is a plain string (or f-string) with letters; None if marked or not text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and has_words(node.value):
        return node.value
    if isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return literal if has_words(literal) else None
    return None


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


class _PythonText(ast.NodeVisitor):
    def __init__(self, path: str):
        self.path = path
        self.findings: list[Finding] = []
        self.classes: list[ast.ClassDef] = []

    def _report(self, node: ast.AST, text: str) -> None:
        self.findings.append(Finding(self.path, node.lineno, text))

    def visit_ClassDef(self, node: ast.ClassDef):
        self.classes.append(node)
        bases = {b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases}
        if bases & {"TextChoices", "IntegerChoices", "Choices"}:
            for statement in node.body:
                if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple):
                    label = _plain_text(statement.value.elts[-1]) if len(statement.value.elts) > 1 else None
                    if label:
                        self._report(statement, label)
        if node.name == "Meta":
            for statement in node.body:
                if isinstance(statement, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id in META_ATTRIBUTES for t in statement.targets
                ):
                    text = _plain_text(statement.value)
                    if text:
                        self._report(statement, text)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call):
        name = _called_name(node)
        for keyword in node.keywords:
            if keyword.arg in TEXT_KEYWORDS:
                text = _plain_text(keyword.value)
                if text:
                    self._report(keyword.value, text)
        if name == "ValidationError" and node.args:
            text = _plain_text(node.args[0])
            if text:
                self._report(node, text)
        if (
            name in MESSAGE_FUNCTIONS
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "messages"
        ):
            for argument in node.args[1:3]:
                text = _plain_text(argument)
                if text:
                    self._report(node, text)
        self.generic_visit(node)


def untranslated_python_text(path: Path, *, root: Path) -> list[Finding]:
    visitor = _PythonText(str(path.relative_to(root)))
    visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return visitor.findings
