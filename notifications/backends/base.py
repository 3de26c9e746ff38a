class SmsTransientError(Exception):
    """Worth trying again later: timeouts, refused connections, 5xx, 429."""


class SmsPermanentError(Exception):
    """Will fail again: the gateway refused this message."""


class BaseSmsBackend:
    def send(self, *, to: str, text: str) -> str:
        """Send one SMS; return the gateway's message id (may be empty).

        Raise SmsTransientError or SmsPermanentError on failure.
        """
        raise NotImplementedError
