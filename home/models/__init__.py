"""Models of the public site: page types, the public content version and compilation files."""

from .compilation import CompilationFile, CompilationFormat, CompilationStatus
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
from .reading import InputIndexPage, PublicVersion

__all__ = [
    "CallIndexPage",
    "CallPage",
    "CallStatus",
    "CompilationFile",
    "CompilationFormat",
    "CompilationStatus",
    "CompositionSeat",
    "HomePage",
    "InputIndexPage",
    "MandatePage",
    "PublicVersion",
    "Question",
    "TopicAreaIndexPage",
]
