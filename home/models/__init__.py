"""Models of the public site: its page types."""

from .outcomes import MeetingIndexPage, RecommendationIndexPage
from .pages import (
    CallIndexPage,
    CallPage,
    CallStatus,
    Question,
    TopicAreaIndexPage,
)
from .reading import InputIndexPage
from .site import CompositionSeat, HomePage, MandatePage

__all__ = [
    "CallIndexPage",
    "CallPage",
    "CallStatus",
    "CompositionSeat",
    "HomePage",
    "InputIndexPage",
    "MandatePage",
    "MeetingIndexPage",
    "Question",
    "RecommendationIndexPage",
    "TopicAreaIndexPage",
]
