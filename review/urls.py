from django.urls import path

from . import attachments

app_name = "attachments"
urlpatterns = [path("attachments/<int:pk>/", attachments.attachment_download, name="download")]
