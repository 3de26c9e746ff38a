"""The base of every domain error."""


class ApplicationError(Exception):
    """A refusal the caller must hear about, with a stable snake_case `code`.

    HTTP statuses and provider protocol codes are mapped at the edge, never here.
    """

    code = "application_error"
    default_message = "The request was refused."
    # False: a later call can change the answer (what it refers to is not known
    # yet), so a provider's resend is evaluated again instead of replayed.
    definitive = True

    def __init__(
        self,
        message: str | None = None,
        *,
        extra: dict | None = None,
        definitive: bool | None = None,
    ):
        self.message = message or self.default_message
        self.extra = extra or {}
        if definitive is not None:
            self.definitive = definitive
        super().__init__(self.message)
