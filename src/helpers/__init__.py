"""helpers: read Arabic news articles, extract what each outlet reports, compare outlets.

The functions below are the package's public API, for notebooks and scripts.  Each one
imports its stage only when called, so ``import helpers`` stays cheap and extracting
mentions never loads pandas, matplotlib or the Jupyter stack (the comparison does).
"""
__version__ = "0.1.0"

__all__ = [
    "extract",
    "load_article",
    "load_corpus",
    "load_story",
    "story_facts",
    "build_comparison",
    "build_profile",
    "find_reuse",
    "fact_reuse",
    "__version__",
]


def extract(*args, **kwargs):
    """Mentions (counts, dates, legal articles) of an article, a file or a text; see
    :func:`helpers.extractors.pipeline.extract`."""
    from .extractors.pipeline import extract as _extract

    return _extract(*args, **kwargs)


def load_article(*args, **kwargs):
    """Read, decode and clean one article file into an Article; see
    :func:`helpers.read.corpus.load_article`."""
    from .read.corpus import load_article as _load_article

    return _load_article(*args, **kwargs)


def load_corpus(*args, **kwargs):
    """Every article of a folder and the files refused; see :func:`helpers.read.corpus.load_corpus`."""
    from .read.corpus import load_corpus as _load_corpus

    return _load_corpus(*args, **kwargs)


def load_story(*args, **kwargs):
    """Read and check a story file (the facts to compare); see :func:`helpers.compare.story.load_story`."""
    from .compare.story import load_story as _load_story

    return _load_story(*args, **kwargs)


def story_facts(*args, **kwargs):
    """The story's facts one article reports; see :func:`helpers.compare.facts.story_facts`."""
    from .compare.facts import story_facts as _story_facts

    return _story_facts(*args, **kwargs)


def build_comparison(*args, **kwargs):
    """Load a folder of articles and compare what each outlet reports (imports pandas);
    see :func:`helpers.compare.build.build_comparison`."""
    from .compare.build import build_comparison as _build_comparison

    return _build_comparison(*args, **kwargs)


def build_profile(*args, **kwargs):
    """A one-outlet comparison, for the outlet profile; see :func:`helpers.compare.build.build_profile`."""
    from .compare.build import build_profile as _build_profile

    return _build_profile(*args, **kwargs)


def find_reuse(*args, **kwargs):
    """The pairs of articles that share text, with the shared spans in both; see
    :func:`helpers.reuse.detect.find_reuse`."""
    from .reuse.detect import find_reuse as _find_reuse

    return _find_reuse(*args, **kwargs)


def fact_reuse(*args, **kwargs):
    """Facts read against the shared text: carried values, independent reports, edited
    figures; see :func:`helpers.reuse.facts.fact_reuse`."""
    from .reuse.facts import fact_reuse as _fact_reuse

    return _fact_reuse(*args, **kwargs)
