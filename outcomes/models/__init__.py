"""What the process produces from the inputs: its members and meetings, recommendations with their
alternatives and citations, and the implementation tracker."""

from .meetings import AgendaItem, Agreement, Meeting, MeetingDocument, Member, MemberRole
from .notices import CitationNotice
from .recommendations import Alternative, Citation, Recommendation, Standing, number_slug
from .tracker import Milestone, Progress, ResponsibleBody, Snapshot, Task, TaskStatus

__all__ = [
    "AgendaItem",
    "Agreement",
    "Alternative",
    "Citation",
    "CitationNotice",
    "Meeting",
    "MeetingDocument",
    "Member",
    "MemberRole",
    "Milestone",
    "Progress",
    "Recommendation",
    "ResponsibleBody",
    "Snapshot",
    "Standing",
    "Task",
    "TaskStatus",
    "number_slug",
]
