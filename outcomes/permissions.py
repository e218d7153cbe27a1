"""Who drafts and tracks a process's outcomes: its secretariat (and administrators), with Wagtail's model
permissions on top. Every admin URL that names an object of another process answers 404."""

from urllib.parse import unquote

from django.db.models import QuerySet
from django.http import Http404

from reference.models import Process
from review.permissions import is_administrator


def processes_kept_by(user) -> QuerySet[Process]:
    """The processes whose outcomes `user` may keep: all for administrators, else those whose secretariat
    they belong to."""
    if not (user.is_authenticated and user.is_active):
        return Process.objects.none()
    if is_administrator(user):
        return Process.objects.all()
    return Process.objects.filter(secretariat__user=user)


def scoped(queryset: QuerySet, user, process_path: str) -> QuerySet:
    """The rows of `queryset` that belong to a process `user` keeps."""
    return queryset.filter(**{f"{process_path}__in": processes_kept_by(user)})


def object_view_scoped(view, model, process_path: str):
    """An admin view taking `pk` that answers 404 when the object is not in a process the user keeps."""

    def wrapper(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            rows = scoped(model.objects.filter(pk=unquote(str(pk))), request.user, process_path)
            if not rows.exists():
                raise Http404
        return view(request, *args, **kwargs)

    return wrapper
