"""Models of the public site: its page types."""

from .pages import (
    CallIndexPage,
    CallPage,
    CallStatus,
    CompositionSeat,
    HomePage,
    MandatePage,
    Question,
    TopicAreaIndexPage,
)
from .reading import InputIndexPage

__all__ = [
    "CallIndexPage",
    "CallPage",
    "CallStatus",
    "CompositionSeat",
    "HomePage",
    "InputIndexPage",
    "MandatePage",
    "Question",
    "TopicAreaIndexPage",
]
