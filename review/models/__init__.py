"""What reviewers decide about inputs: status, assignment, mappings of inputs and passages, notes, second
coding, balance targets, and the bulk jobs that do the same to many inputs at once."""

from .balance import BALANCE_ALERT_DAYS, BalanceAlert, BalanceSettings, BalanceTarget
from .coding import Adjudication, AdjudicationOutcome, CodingSample, SecondCodedTopic, SecondCoding
from .jobs import BulkJob, BulkJobStatus
from .log import SubmissionLogEntry, SubmissionLogEntryManager
from .mappings import (
    Mapping,
    MappingOrigin,
    Note,
    Passage,
    PassageSource,
    Redaction,
    RedactionCategory,
    Stance,
    Suggestion,
    SuggestionDecision,
    TaggedMapping,
)
from .reviews import DuplicateCluster, NotPublishedReason, Review, ReviewStatus
from .roles import AlertFrequency, CallReviewer, ProcessSecretariat, ReviewerPreference

__all__ = [
    "BALANCE_ALERT_DAYS",
    "Adjudication",
    "AdjudicationOutcome",
    "AlertFrequency",
    "BalanceAlert",
    "BalanceSettings",
    "BalanceTarget",
    "BulkJob",
    "BulkJobStatus",
    "CallReviewer",
    "CodingSample",
    "DuplicateCluster",
    "Mapping",
    "MappingOrigin",
    "Note",
    "NotPublishedReason",
    "Passage",
    "PassageSource",
    "ProcessSecretariat",
    "Redaction",
    "RedactionCategory",
    "Review",
    "ReviewStatus",
    "ReviewerPreference",
    "SecondCodedTopic",
    "SecondCoding",
    "Stance",
    "SubmissionLogEntry",
    "SubmissionLogEntryManager",
    "Suggestion",
    "SuggestionDecision",
    "TaggedMapping",
]
