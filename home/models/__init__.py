"""Models of the public site: page types and the reference data they show."""

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
from .reference import Country, Process, RegionalGroup, StakeholderGroup, SubTopic, TopicArea

__all__ = [
    "CallIndexPage",
    "CallPage",
    "CallStatus",
    "CompilationFile",
    "CompilationFormat",
    "CompilationStatus",
    "CompositionSeat",
    "Country",
    "HomePage",
    "InputIndexPage",
    "MandatePage",
    "Process",
    "PublicVersion",
    "Question",
    "RegionalGroup",
    "StakeholderGroup",
    "SubTopic",
    "TopicArea",
    "TopicAreaIndexPage",
]
