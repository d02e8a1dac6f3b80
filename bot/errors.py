"""One error root; the CLI and Slack edges turn these into user messages."""


class ReadoutError(Exception):
    """Base of every error Readout reports to a user."""


class ArticleError(ReadoutError):
    """An input could not be read as an article (empty, binary, no body, too large...)."""


class FetchError(ArticleError):
    """A URL could not be fetched (timeout, refused address, too large, HTTP error)."""


class QueryError(ReadoutError):
    """A search query names an unknown theme, speaker, side or a bad date."""


class ConfigError(ReadoutError):
    """A user TOML file (people, themes, outlets) is malformed."""


class NotFoundError(ReadoutError):
    """A meeting, statement or subscription asked for does not exist."""
