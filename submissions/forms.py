"""The input form: one field per guiding question of the call, the submitter's details, files, and guards."""

import time
import unicodedata
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from portal.i18n import localized_all
from reference.models import Country, StakeholderGroup

from .files import attachments_check
from .models import PublicationChoice, Submission
from .services import submission_rules_check

GENERAL_COMMENT_MAX = 10_000
FORM_MAX_AGE = 3 * 24 * 3600


JOINERS = "\u200c\u200d"  # zero-width (non-)joiner: ordinary in Persian, Arabic and Indic names


def hidden_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf") and char not in JOINERS


def single_line(value: str) -> None:
    """Names and emails end up in mail headers: no line breaks or other control characters."""
    if any(hidden_control(char) for char in value):
        raise ValidationError(_("Use a single line of ordinary text (no line breaks or control characters)."))


def plain_text(value: str) -> None:
    if any(hidden_control(char) and char not in "\t\n\r" for char in value):
        raise ValidationError(_("The text contains invisible control characters. Remove them and try again."))


class CountrySelect(forms.Select):
    """The same markup as Django's select, built directly: through the template engine each of the two hundred
    options cost a form page about 7 ms of CPU."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>\n',
            ((key, mark_safe(" selected") if str(key) in selected else "", label) for key, label in self.choices),
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>\n{}</select>', name, flatatt(final_attrs), options)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.Field):
    """Hands the raw uploads to `attachments_check`, which gives the messages."""

    widget = MultipleFileInput

    def to_python(self, data):
        if not data:
            return []
        return [item for item in (data if isinstance(data, list | tuple) else [data]) if item]


def form_token_make() -> str:
    return signing.dumps({"key": uuid.uuid4().hex, "t": time.time()}, salt="submissions.form")


def form_token_read(token: str) -> dict:
    """The form's key (one input per form) and when the form was served; refuses what was altered."""
    try:
        return signing.loads(token, salt="submissions.form", max_age=FORM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(_("This form was opened too long ago. Reload the page and send it again.")) from error
    except signing.BadSignature as error:
        raise ValidationError(_("The form could not be checked. Reload the page and send it again.")) from error


def submission_for_form(token: str) -> Submission | None:
    """The input an earlier send of this very form made, or None.

    Only the signature is checked, not the form's age: the same form sent again, whenever, finds its input.
    """
    try:
        key = signing.loads(token, salt="submissions.form")["key"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return Submission.objects.select_related("call").filter(form_key=key).first()


def honeypot_check(cleaned: dict) -> None:
    """A field people do not see: only software fills it in."""
    if cleaned.get("website"):
        raise ValidationError(_("Leave the field “Website” empty; it is there to catch automated submissions."))


def limit_hint(max_length: int):
    return ngettext_lazy("Up to %(count)d character.", "Up to %(count)d characters.", max_length) % {
        "count": max_length
    }


class SubmissionForm(forms.Form):
    stakeholder_group = forms.ModelChoiceField(
        label=_("You are sending this input as"), queryset=StakeholderGroup.objects.none(), widget=forms.RadioSelect
    )
    organisation = forms.CharField(
        label=_("Organisation, government or institution"),
        max_length=255,
        required=False,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        required=False,
        empty_label=_("— Choose a country —"),
        help_text=_("Required for governments; optional for others."),
        widget=CountrySelect(attrs={"autocomplete": "country-name"}),
    )
    is_official = forms.BooleanField(
        label=_("I am submitting officially on behalf of a government or intergovernmental organisation"),
        required=False,
    )
    official_role = forms.CharField(
        label=_("Your role or title"),
        max_length=255,
        required=False,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send the receipt here. Never published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(label=_("Language of your input"), choices=settings.LANGUAGES)
    general_comment = forms.CharField(
        label=_("General comment"),
        required=False,
        max_length=GENERAL_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        validators=[plain_text],
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}),
    )
    publication = forms.ChoiceField(label=_("Publication"), choices=PublicationChoice.choices, widget=forms.RadioSelect)
    wants_updates = forms.BooleanField(
        label=_("Email me when recommendations cite my input"),
        required=False,
        initial=True,
        help_text=_("One email per publication of recommendations, with a link to stop them."),
    )
    accept_privacy = forms.BooleanField(label=_("I have read and accept the privacy notice"))
    website = forms.CharField(label=_("Website (leave this empty)"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, call, editing: Submission | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.editing = editing
        self.fields["general_comment"].help_text = limit_hint(GENERAL_COMMENT_MAX)
        self.fields["attachments"].help_text = _(
            "PDF, DOCX, ODT or plain text (TXT); up to %(count)d files of %(size)d MB each."
        ) % {"count": settings.SUBMISSION_MAX_FILES, "size": settings.SUBMISSION_MAX_FILE_BYTES // (1024 * 1024)}
        self.fields["attachments"].widget.attrs.update(attachment_limits(already_attached=editing))
        groups = StakeholderGroup.objects.filter(locale=call.locale)
        self.fields["stakeholder_group"].queryset = groups
        shown_groups = {group.pk: shown for group, shown in zip(groups, localized_all(groups), strict=True)}
        self.fields["stakeholder_group"].label_from_instance = lambda group: str(shown_groups.get(group.pk, group))
        countries = sorted(Country.objects.all(), key=lambda country: str(country).casefold())
        self.fields["country"].choices = [("", self.fields["country"].empty_label)] + [
            (country.pk, str(country)) for country in countries
        ]
        # The questions are the original call's (answers belong to them), worded in the reader's language.
        self.questions = list(call.questions.select_related("topic_area"))
        for question, shown in zip(self.questions, localized_all(self.questions), strict=True):
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=f"{question.topic_area.code}. {shown.text}" if question.topic_area else shown.text,
                required=False,
                max_length=question.max_length,
                widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
                validators=[plain_text],
                help_text=limit_hint(question.max_length),
            )
        if editing is not None:
            del self.fields["accept_privacy"], self.fields["form_token"]
            self.current_attachments = list(editing.current_attachments())
            self.fields["remove_attachments"] = forms.ModelMultipleChoiceField(
                label=_("Remove attachments"),
                queryset=editing.current_attachments(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def answer_fields(self):
        return [(question, self[f"answer_{question.pk}"]) for question in self.questions]

    def answers(self) -> dict:
        return {question: self.cleaned_data.get(f"answer_{question.pk}", "") for question in self.questions}

    def clean_form_token(self):
        token = form_token_read(self.cleaned_data["form_token"])
        if time.time() - token["t"] < settings.SUBMISSION_MIN_FILL_SECONDS:
            raise ValidationError(
                _("The form was sent faster than a person can fill it in. Check your answers and send it again.")
            )
        return token

    def clean_attachments(self):
        uploads = self.cleaned_data["attachments"]
        kept = len(self.current_attachments) if self.editing else 0
        return attachments_check(uploads, already_attached=kept) if uploads else []

    def clean(self):
        cleaned = super().clean()
        honeypot_check(cleaned)
        try:
            submission_rules_check(data=cleaned, answers=self.answers())
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def submitted_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in Submission.SUBMITTED_FIELDS}
        data["wants_updates"] = self.cleaned_data["wants_updates"]
        if not data["is_official"]:
            data["official_role"] = ""
        return data


def attachment_limits(*, already_attached: Submission | None) -> dict:
    """The limits the browser checks before sending (static/js/attachments.js), with its messages."""
    megabytes = settings.SUBMISSION_MAX_FILE_BYTES // (1024 * 1024)
    return {
        "data-max-file-bytes": settings.SUBMISSION_MAX_FILE_BYTES,
        "data-max-files": settings.SUBMISSION_MAX_FILES,
        "data-already-attached": already_attached.current_attachments().count() if already_attached else 0,
        "data-too-large-message": _("Not sent: each file must be at most %(size)d MB. Choose a smaller copy of:")
        % {"size": megabytes},
        "data-too-many-message": _("Not sent: an input holds at most %(count)d files. Choose fewer files.")
        % {"count": settings.SUBMISSION_MAX_FILES},
    }


def submission_initial(submission: Submission) -> dict:
    """The edit form starts from the input as it stands."""
    initial = {
        field: getattr(submission, field)
        for field in ("organisation", "is_official", "official_role", "contact_name", "contact_email")
    }
    initial.update(
        stakeholder_group=submission.stakeholder_group_id,
        country=submission.country_id,
        language=submission.language,
        general_comment=submission.general_comment,
        publication=submission.publication,
        wants_updates=submission.wants_updates,
    )
    for answer in submission.answers.all():
        initial[f"answer_{answer.question_id}"] = answer.text
    return initial


EMAIL_WIDGET = forms.EmailInput(attrs={"autocomplete": "email"})


class CallSubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254, widget=EMAIL_WIDGET)
    website = forms.CharField(label=_("Website (leave this empty)"), required=False)

    def clean(self):
        cleaned = super().clean()
        honeypot_check(cleaned)
        return cleaned


class PrivateLinkRequestForm(forms.Form):
    """A fresh private link, asked for with the input's reference and the address it was sent from."""

    reference = forms.CharField(label=_("Reference of your input"), max_length=40, validators=[single_line])
    email = forms.EmailField(label=_("The email address you sent it from"), max_length=254, widget=EMAIL_WIDGET)
    website = forms.CharField(label=_("Website (leave this empty)"), required=False)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        example = f"{call.process.code}-{call.opens_at.year}-000123"
        self.fields["reference"].help_text = _("As on your receipt, for example %(example)s.") % {"example": example}

    def clean(self):
        cleaned = super().clean()
        honeypot_check(cleaned)
        return cleaned
