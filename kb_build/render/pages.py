"""Render validated entries into Markdown pages: `x.md` (Chinese) and `x.en.md` (English).

Every value printed by a template goes through `md_escape` (plain text, Markdown-inert) unless
the template marks it as trusted (labels, links it builds itself) or renders it as a rich field
(`rich`, `rich_inline`: Markdown -> nh3 -> inert HTML). Front matter comes from the YAML
emitter. See kb_build/render/markdown_safe.py and README "Which fields are rich text".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from kb_build.diagnostics import DiagnosticError
from kb_build.load.corpus import Corpus, Entry
from kb_build.model.entries import PAGE_COLLECTIONS, Text
from kb_build.parallel import map_ordered
from kb_build.project import LANGS, REPO_EDIT_BASE, md_suffix
from kb_build.render import glossary_order, labels
from kb_build.render.cache import RenderCache
from kb_build.render.guard import guarded
from kb_build.render.markdown_safe import (
    front_matter,
    html_text,
    link_html,
    md_escape,
    md_inline,
    plain,
    rich,
    rich_inline,
)
from kb_build.render.rich import rich_html

TEMPLATE_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, e.g. "violations/x.en.md"
    text: str | None  # None: the file in docs/ is already this page (kb_build/render/cache.py)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        finalize=md_escape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        inline=md_inline,
        block=rich,
        rich_inline=rich_inline,
        excerpt=lambda v, n: md_inline(_shorten(plain(v), n)),
        fm=lambda title: front_matter({"title": html_text(str(title))}),
        source_refs=lambda ns: Markup("".join(f' <a href="#source-{int(n)}">&#91;{int(n)}&#93;</a>' for n in ns)),
    )
    return env


class Ctx:
    """Helpers a template needs, bound to one language and one page location."""

    def __init__(self, corpus: Corpus, lang: str, here: str, edit_base: str = REPO_EDIT_BASE) -> None:
        self.corpus = corpus
        self.edit_base = edit_base
        self.lang = lang
        self.here = here  # collection folder of the page being rendered
        assert corpus.vocab is not None
        self.vocab = corpus.vocab
        self.links: dict[str, str] = {}  # other entries this page printed: ref -> title shown

    def tr(self, text: Text | None) -> str:
        return "" if text is None else text.get(self.lang)

    def t(self, key: str, **fmt: object) -> Markup:
        # Labels are our own constants; only the interpolated values need escaping.
        safe = {k: md_inline(v) for k, v in fmt.items()}
        return Markup(labels.t(key, self.lang, **safe))

    def v(self, vocab_name: str, key: str | None) -> str:
        if key is None:
            return ""
        return getattr(self.vocab, vocab_name)[key].title.get(self.lang)

    def href(self, ref: str) -> str:
        collection, _, entry_id = ref.partition("/")
        if collection == "glossary":
            target = f"index.md#{entry_id}" if self.here == "glossary" else f"../glossary/index.md#{entry_id}"
        else:
            target = f"{entry_id}.md" if collection == self.here else f"../{collection}/{entry_id}.md"
        return target

    def link(self, ref: str) -> Markup:
        entry = self.corpus.get(ref)
        if entry is None:  # check_corpus reports KB018 first; a page must never carry a dead link
            raise LookupError(ref)
        title = self.links[ref] = self.tr(entry.model.title)
        return Markup(f"[{md_inline(title)}]({self.href(ref)})")

    def ext_link(self, url: str, text: object) -> Markup:
        return link_html(url, text)

    def front_matter(self, e: Any, entry: Entry) -> Markup:
        meta: dict[str, Any] = {
            "title": html_text(self.tr(e.title)),
            "description": " ".join(plain(self.tr(e.summary)).split()),  # docs/overrides/main.html escapes it
            "kb_source": quote(entry.relpath),
            "kb_reviewed": e.reviewed.isoformat(),
        }
        if e.tags:
            meta["tags"] = [html_text(self.v("tags", tag)) for tag in e.tags]
        return front_matter(meta)

    def items(self, texts: list[Text], tag: str = "ul", suffixes: list[str] | None = None) -> Markup:
        """A list of rich items as one line of HTML (a raw block MkDocs passes through as is)."""
        lis = []
        for i, text in enumerate(texts):
            body = rich_html(self.tr(text))
            if body.startswith("<p>") and body.endswith("</p>") and body.count("<p>") == 1:
                body = body[3:-4]
            lis.append(f"<li>{body}{suffixes[i] if suffixes else ''}</li>")
        return Markup(f'<{tag} class="kb-list">{"".join(lis)}</{tag}>')

    def vlink(self, violation_id: str) -> Markup:
        return self.link(f"violations/{violation_id}")

    def badge(self, kind: str) -> Markup:
        return Markup(f'<span class="kb-badge kb-{kind}">{md_escape(labels.t(kind, self.lang))}</span>')

    def edit_url(self, entry: Entry) -> str:
        return self.edit_base + quote(entry.relpath)


def render_entry(corpus: Corpus, entry: Entry, lang: str, edit_base: str = REPO_EDIT_BASE) -> str:
    return render_entry_links(corpus, entry, lang, edit_base)[0]


def render_entry_links(
    corpus: Corpus, entry: Entry, lang: str, edit_base: str = REPO_EDIT_BASE
) -> tuple[str, dict[str, str]]:
    """The page, and the other entries' titles it printed (what the render cache keys on)."""
    ctx = Ctx(corpus, lang, entry.collection, edit_base)
    template = environment().get_template(f"{entry.collection}.md.j2")
    return template.render(e=entry.model, entry=entry, c=ctx, lang=lang), ctx.links


def title_in(corpus: Corpus, lang: str) -> Callable[[str], str | None]:
    def title(ref: str) -> str | None:
        entry = corpus.get(ref)
        return None if entry is None else entry.model.title.get(lang)

    return title


def render_index(corpus: Corpus, collection: str, lang: str, edit_base: str = REPO_EDIT_BASE) -> str:
    ctx = Ctx(corpus, lang, collection, edit_base)
    order = {name: i for i, name in enumerate(ctx.vocab.categories)}
    risk_order = {name: i for i, name in enumerate(ctx.vocab.risk_levels)}  # vocab lists the highest first
    entries = sorted(corpus.entries[collection].values(), key=lambda e: _sort_key(e, order, risk_order, lang))
    template = environment().get_template(f"{collection}_index.md.j2")
    return template.render(
        entries=entries,
        c=ctx,
        lang=lang,
        title=labels.COLLECTION_TITLES[collection][lang],
        intro=labels.COLLECTION_INTROS[collection][lang],
        groups=glossary_order.letter_groups(entries, lang) if collection == "glossary" else [],
    )


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 3].rstrip() + "..."


def _sort_key(entry: Entry, vocab_order: dict[str, int], risk_order: dict[str, int], lang: str) -> tuple[Any, ...]:
    m = entry.model
    if entry.collection == "violations":
        # the order of data/vocab.yml, which follows the Account Health page
        return (not m.counts_toward_ahr, vocab_order.get(m.category, 99), m.id)
    if entry.collection == "warnings":
        return (risk_order.get(m.risk, 99), m.id)
    if entry.collection == "glossary":
        return glossary_order.sort_key(entry, lang)  # pinyin on the Chinese page
    return (m.id,)


# What forked render workers read (kb_build/parallel.py): set before the pool starts.
_WORK: dict[str, Any] = {}
Task = tuple[str, str, str, str]  # (kind "index" | "entry", collection, entry id or "", lang)
Rendered = tuple[str | None, dict[str, str], DiagnosticError | None]


def _render_task(task: Task) -> Rendered:
    kind, collection, entry_id, lang = task
    corpus, edit_base = _WORK["corpus"], _WORK["edit_base"]
    try:
        if kind == "index":
            return guarded(corpus, lambda: render_index(corpus, collection, lang, edit_base)), {}, None
        entry = corpus.entries[collection][entry_id]
        links: dict[str, str] = {}

        def render_one() -> str:
            text, found = render_entry_links(corpus, entry, lang, edit_base)
            links.update(found)
            return text

        return guarded(corpus, render_one, entry), links, None
    except DiagnosticError as exc:
        return None, {}, exc


def render_all(corpus: Corpus, edit_base: str = REPO_EDIT_BASE, cache: RenderCache | None = None) -> list[Page]:
    """Every generated page; with a cache, pages whose inputs did not change come back as text=None.

    The pages to render are spread over the cores (kb_build/parallel.py); the first failing page,
    in page order, is reported, as a serial render would."""
    paths: list[str] = []
    tasks: list[Task] = []
    sources: dict[str, tuple[str, str, bytes]] = {}  # path -> (lang, relpath, source) for the cache
    for collection in PAGE_COLLECTIONS:
        for lang in LANGS:
            paths.append(f"{collection}/index{md_suffix(lang)}.md")
            tasks.append(("index", collection, "", lang))
            if collection == "glossary":
                continue  # terms live on the glossary page, each with its own anchor
            title_of = title_in(corpus, lang)
            for entry in sorted(corpus.entries[collection].values(), key=lambda e: e.id):
                path = f"{collection}/{entry.id}{md_suffix(lang)}.md"
                paths.append(path)
                source = entry.path.read_bytes() if cache else b""
                if cache and cache.fresh(path, lang, entry.relpath, source, title_of):
                    continue
                sources[path] = (lang, entry.relpath, source)
                tasks.append(("entry", collection, entry.id, lang))
    _WORK.update(corpus=corpus, edit_base=edit_base)
    try:
        results = map_ordered(_render_task, tasks)
    finally:
        _WORK.clear()
    rendered: dict[str, Rendered] = {}
    for task, result in zip(tasks, results, strict=True):
        kind, collection, entry_id, lang = task
        name = "index" if kind == "index" else entry_id
        rendered[f"{collection}/{name}{md_suffix(lang)}.md"] = result
    pages: list[Page] = []
    for path in paths:
        if path not in rendered:
            pages.append(Page(path, None))
            continue
        text, links, error = rendered[path]
        if error is not None:
            raise error
        assert text is not None
        if cache and path in sources:
            lang, relpath, source = sources[path]
            cache.store(path, lang, relpath, source, links, text)
        pages.append(Page(path, text))
    return pages


def write_pages(docs_dir: Path, pages: list[Page]) -> tuple[int, int]:
    """Write pages that changed and delete orphans in the generated folders.

    Returns (written, deleted). Unchanged files are not touched, so `mkdocs serve`
    does not loop on its own output.
    """
    written = deleted = 0
    wanted = {docs_dir / p.path: p.text for p in pages}
    for path, text in wanted.items():
        if text is None:
            continue  # unchanged since the last build (the render cache checked the file)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            written += 1
    for collection in PAGE_COLLECTIONS:
        folder = docs_dir / collection
        if not folder.is_dir():
            continue
        for path in folder.glob("*.md"):
            if path not in wanted:
                path.unlink()
                deleted += 1
    return written, deleted
