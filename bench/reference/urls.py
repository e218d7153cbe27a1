from django.shortcuts import render
from django.urls import path


def page(request):
    """A small page from a template with a loop, as a reference for what a Django view costs here."""
    return render(request, "reference.html", {"items": range(10), "title": "Reference"})


urlpatterns = [path("", page)]
