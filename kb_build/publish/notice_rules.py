"""The case assistant's rules, /api/v1/notice-rules.json: what identifies each kind of notice.

Built from the `notice:` block of each violation entry (data/violations/) and from the
account-level kinds in data/notices/. The page (docs/javascripts/case/) and
`python -m kb_build notice` both read this shape; kb_build/notice.py decodes with it.
Phrases are exported with their folded form, so both twins match exactly the same keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb_build import project
from kb_build.load.corpus import Corpus, Entry
from kb_build.notice import fold_phrase
from kb_build.publish.json_out import write_json

SCHEMA_VERSION = 1
Json = dict[str, Any]

# Store domains (amazon.<tld>) and other words that name a store. Seller Central hosts and
# region words rank below a store domain (kb_build/notice_extract.marketplace).
STORES = {
    "com": "US", "ca": "CA", "com.mx": "MX", "com.br": "BR", "co.uk": "UK", "de": "DE", "fr": "FR", "it": "IT",
    "es": "ES", "nl": "NL", "pl": "PL", "se": "SE", "com.be": "BE", "com.tr": "TR", "co.jp": "JP", "in": "IN",
    "sa": "SA", "ae": "AE", "eg": "EG", "sg": "SG", "com.au": "AU",
}
MARKERS = {
    **{f"sellercentral.amazon.{tld}": code for tld, code in STORES.items()},
    "sellercentral-europe.amazon.com": "EU", "sellercentral-japan.amazon.com": "JP", "amazon's eu stores": "EU",
    "amazon payments europe": "EU", "amazon services europe": "EU", "亚马逊支付欧洲": "EU", "美国站": "US",
    "欧洲站": "EU", "英国站": "UK", "德国站": "DE", "法国站": "FR", "意大利站": "IT", "西班牙站": "ES",
    "加拿大站": "CA", "日本站": "JP", "印度站": "IN", "墨西哥站": "MX", "澳洲站": "AU", "中东站": "AE",
}
# Points a cause kind needs once a deactivation (an after-cause kind) is found: the deactivation
# says there is a cause, so weaker evidence names it (kb_build/notice.score_kinds).
CAUSE_FALLBACK = 4
# Words by which a notice addresses the seller (kb_build/notice.addressed): a text with none of them – a
# blog, a law firm's page naming a right – gets no kind however many kind phrases it has.
CONTEXT = [
    "your account", "your seller account", "your selling", "your Amazon", "your listing", "your product",
    "your ASIN", "your inventory", "your offer", "your store", "your brand", "your funds", "your items",
    "Seller Central", "we have removed", "we removed", "we are reviewing", "we received a report",
    "we have received", "we are reaching out", "we are contacting you", "dear seller", "sell on Amazon",
    "selling on Amazon", "selling privileges", "at the end of this email", "at the bottom of this message",
    "Sincerely, Amazon", "Seller Performance", "您的账户", "您的帐户", "您的商品", "您的产品", "您的销售",
    "您的店铺", "您的卖家", "您的亚马逊", "您的库存", "您的listing", "卖家平台", "亲爱的卖家", "我们已移除", "我们收到",
]
# Amazon's own addresses as notices give them; an address glued to a neighbouring word is cut back to one.
AMAZON_DOMAINS = ["amazon.com", "amazon.co.uk", "amazon.de", "amazon.fr", "amazon.it", "amazon.es", "amazon.ca",
                  "amazon.co.jp", "amazon.com.mx", "amazon.in", "amazon.sa", "amazon.ae", "amazon.com.au"]
AMAZON_EMAILS = [
    "notice", "notice-dispute", "notice-retraction", "patent-evaluation", "payments-funds", "pq-review",
    "pq-product-review", "seller-performance-policy", "seller-performance", "seller-guidance", "ip-appeal",
    "seller-verification", "counterfeit-review",
]


def _text(t: Any) -> Json:
    return {"zh": t.zh, "en": t.en}


def _source(entry: Entry | None) -> Json | None:
    if entry is None:
        return None
    sources = entry.model.sources
    best = next((s for s in sources if s.kind == "official"), sources[0])
    return {"url": best.url, "title": best.title, "publisher": best.publisher, "kind": best.kind}


def _kind(corpus: Corpus, entry: Entry, position: str) -> Json:
    m = entry.model
    n = m.notice
    plan = []
    for step in n.plan:
        target = corpus.get(step.ref)
        collection, _, ident = step.ref.partition("/")
        plan.append({
            "when": step.when,
            "text": _text(step.text),
            "ref": step.ref,
            "ref_title": _text(target.model.title) if target is not None else None,
            "url": {lang: project.page_path(collection, ident, lang) for lang in project.LANGS},
            "source": _source(target),
        })
    out: Json = {
        "source_file": entry.relpath,
        "collection": entry.collection,
        "position": position,
        "title": _text(m.title),
        "summary": _text(m.summary),
        "threshold": n.threshold,
        "phrases": [{"text": p.text, "folded": fold_phrase(p.text), "weight": p.weight} for p in n.phrases],
        "deadlines_days": list(n.deadlines_days),
        "plan": plan,
        "sources": [{"url": s.url, "title": s.title, "publisher": s.publisher, "kind": s.kind} for s in m.sources],
        "url": None,
    }
    if entry.collection == "violations":
        out["url"] = {lang: project.page_path("violations", m.id, lang) for lang in project.LANGS}
        out["counts_toward_ahr"] = m.counts_toward_ahr
    return out


def notice_rules_from_corpus(corpus: Corpus) -> Json:
    kinds: Json = {}
    for vid in sorted(corpus.entries.get("violations", {})):
        entry = corpus.entries["violations"][vid]
        if entry.model.notice is not None:
            kinds[vid] = _kind(corpus, entry, "cause")
    for kid in sorted(corpus.entries.get("notices", {})):
        entry = corpus.entries["notices"][kid]
        kinds[kid] = _kind(corpus, entry, entry.model.position)
    return {
        "schema_version": SCHEMA_VERSION,
        "order": list(kinds),
        "kinds": kinds,
        "cause_fallback": CAUSE_FALLBACK,
        "context": [{"text": c, "folded": fold_phrase(c)} for c in CONTEXT],
        "marketplaces": {"stores": STORES, "markers": MARKERS},
        "amazon_domains": AMAZON_DOMAINS,
        "amazon_emails": AMAZON_EMAILS,
    }


def write_notice_rules(corpus: Corpus, site_dir: Path) -> Path:
    """Write <site_dir>/api/v1/notice-rules.json and return its path."""
    return write_json(site_dir, project.NOTICE_RULES, notice_rules_from_corpus(corpus))
