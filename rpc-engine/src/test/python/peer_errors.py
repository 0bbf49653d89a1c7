"""An exception module of our own, so a remote failure can name a non-builtin class.

Both peers list this module in allowed_remote_exmods, the way nova lists nova.exception.
"""


class PeerError(Exception):
    """Raised by the Python server; the Java side may raise one with the same name."""

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        super().__init__(message or "peer error %s" % kwargs)
