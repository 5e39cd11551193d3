"""The learner's language: one message catalogue (``messages/*.json``, one file per area: the atlas, the pages,
the widgets, the command line) for every label a page, a widget or the command line shows a learner.

Each key has an English and a Chinese text with the same ``{placeholders}``. Python formats them with
:func:`t`; a page carries its language's slice (:func:`messages`) and the front end looks keys up there
(``js/i18n.js``), so no label is written twice.

The language is, first to last: the ``lang=`` a function is given, the process default set by
:func:`set_language` (``vizkit --lang zh ...``), the ``VIZKIT_LANG`` variable, the locale (``LANG``,
``LC_ALL``, ``LC_MESSAGES`` starting ``zh``), English.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib import resources

from ..errors import InputError

__all__ = ["LANGUAGES", "resolve", "set_language", "t", "t_html", "messages", "html_lang", "error_text"]

#: the interface languages, by code
LANGUAGES = {"en": "English", "zh": "中文"}

_DEFAULT: str | None = None


def _normalise(code: str) -> str | None:
    code = code.strip().lower().replace("_", "-")
    if code in ("", "c", "posix"):
        return None
    return code.split("-")[0].split(".")[0] if code.split("-")[0].split(".")[0] in LANGUAGES else None


def resolve(lang: str | None = None) -> str:
    """The language code to use (``"en"`` or ``"zh"``); a given ``lang`` must be one of them (``zh-CN`` is zh)."""
    if lang is not None:
        code = _normalise(str(lang))
        if code is None:
            raise InputError(f"unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
        return code
    if _DEFAULT is not None:
        return _DEFAULT
    env = os.environ.get("VIZKIT_LANG")
    if env:
        return resolve(env)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return _normalise(value) or "en"
    return "en"


def set_language(lang: str | None) -> None:
    """Make ``lang`` the process's default (``None``: back to ``VIZKIT_LANG`` / the locale)."""
    global _DEFAULT
    _DEFAULT = None if lang is None else resolve(lang)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every key with its texts by language (read once from ``messages/*.json``; a key lives in one file)."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("vizkit.render").joinpath("messages")
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if not item.name.endswith(".json"):
            continue
        for key, texts in json.loads(item.read_text(encoding="utf-8")).items():
            if key in merged:
                raise RuntimeError(f"the message {key!r} is in two files of vizkit/render/messages ({item.name})")
            merged[key] = texts
    return merged


_FIELD = re.compile(r"\{(\w+)\}")


def t(key: str, lang: str | None = None, **values) -> str:
    """The message ``key`` in ``lang`` with its ``{placeholders}`` filled from ``values``."""
    try:
        text = catalogue()[key][resolve(lang)]
    except KeyError:
        raise KeyError(f"no message {key!r} in vizkit/render/messages/") from None
    return _FIELD.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def t_html(key: str, lang: str | None = None, **fragments) -> str:
    """The message ``key`` as HTML: its text escaped, its ``{placeholders}`` filled with HTML ``fragments``.

    The caller escapes what it puts in: ``t_html("widgets.sentences.nearest", lang, query=f"<b>{html.escape(q)}</b>")``.
    """
    import html

    text = html.escape(t(key, lang), quote=False)
    return _FIELD.sub(lambda m: str(fragments[m.group(1)]) if m.group(1) in fragments else m.group(0), text)


def error_text(exc: BaseException, lang: str | None = None) -> str:
    """What an error says to a learner, in ``lang``: a word not in the vocabulary (:class:`UnknownWordError`, the
    error met most) in the learner's words; any other error as it says itself."""
    from ..errors import UnknownWordError

    if not isinstance(exc, UnknownWordError) or type(exc).__str__ is not UnknownWordError.__str__:
        return str(exc)  # a kind of unknown word that words itself (an unknown film title) says it its way
    word = repr(exc.word)
    text = (t("errors.unknown_word.in", lang, word=word, source=exc.source) if exc.source
            else t("errors.unknown_word", lang, word=word))
    if exc.hint:
        text += t("errors.unknown_word.hint", lang, hint=exc.hint)
    if exc.suggestions:
        text += t("errors.unknown_word.closest", lang, words=t("figure.list", lang).join(exc.suggestions))
    return text


def messages(prefixes, lang: str | None = None) -> dict[str, str]:
    """The messages whose keys start with one of ``prefixes`` (``"atlas."``), in ``lang``: what a page carries."""
    code = resolve(lang)
    prefixes = (prefixes,) if isinstance(prefixes, str) else tuple(prefixes)
    return {key: texts[code] for key, texts in catalogue().items() if key.startswith(prefixes)}


def html_lang(lang: str | None = None) -> str:
    """The ``<html lang>`` value: ``en`` or ``zh-CN``."""
    return "zh-CN" if resolve(lang) == "zh" else "en"
