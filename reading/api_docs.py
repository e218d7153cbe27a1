"""The API's documentation page: every path with its parameters as plain HTML, light enough for a slow
link and read without script; Swagger UI (about 1.7 MB) loads only when the reader asks for it."""

from ninja.openapi.docs import Swagger

from django.shortcuts import render
from django.urls import reverse


class ApiDocs(Swagger):
    """Ninja's Swagger page with the operations in the page itself. Deep links are off (Swagger writes
    them as links inside its buttons, which a keyboard or a screen reader cannot reach apart), and so is
    the colouring of answers, whose colours are too faint on its dark background."""

    template = "reading/api_docs.html"

    def __init__(self):
        super().__init__(settings={"deepLinking": False, "syntaxHighlight": False})

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            "info": schema["info"],
            "operations": api_operations(schema),
            "swagger_settings": self.settings,
            "index_url": reverse(f"{api.urls_namespace}:api-root"),
        }
        return render(request, self.template, context)


def api_operations(schema: dict) -> list[dict]:
    """Each operation of the OpenAPI document: method, path, summary, description, parameters."""
    return [
        {"method": method.upper(), "path": path, "anchor": operation["operationId"], **operation}
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
