from django.urls import path

from . import downloads

app_name = "submissions"
urlpatterns = [path("attachments/<int:pk>/", downloads.attachment_download, name="attachment")]
