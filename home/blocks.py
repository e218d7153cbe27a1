"""StreamField blocks editors use to lay out free text and documents."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from django.utils.translation import gettext_lazy as _


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=255, label=_("Heading"), template="components/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    quote = blocks.BlockQuoteBlock(label=_("Quotation"))


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, label=_("Title"))
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        template = "components/blocks/link.html"


class DocumentBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, required=False, label=_("Title"))
    document = DocumentChooserBlock(label=_("Document"))

    class Meta:
        template = "components/blocks/document.html"


class DocumentsBlock(blocks.StreamBlock):
    document = DocumentBlock(label=_("Document"))
    link = LinkBlock(label=_("Link"))
