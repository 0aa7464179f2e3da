"""helpers: read Arabic news articles, extract what each outlet reports, compare outlets."""
__version__ = "0.1.0"


def extract(*args, **kwargs):
    """Mentions from an article or text; see :func:`helpers.extraction.extract`."""
    from .extraction import extract as _extract

    return _extract(*args, **kwargs)
