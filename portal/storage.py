"""Where private files live (attachments, originals of entered inputs, built documents): the storages named in
`settings.STORAGES`, local directories or buckets of S3-compatible object storage; none of them gives a URL."""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty


class NoUrl:
    """Private files have no address of their own: only the checked views stream them, after their checks."""

    def url(self, name, *args, **kwargs):
        raise NotImplementedError("Private files have no URL: a checked view serves them.")


class PrivateFileSystemStorage(NoUrl, FileSystemStorage):
    pass


_named: list = []  # a list, not a set: a LazyObject hashes as the storage it wraps


class NamedStorage(LazyObject):
    """`storages[alias]`, looked up when first used and again after STORAGES changes (as Django's
    `default_storage` is): a model field given one follows the settings, not the settings at import."""

    def __init__(self, alias: str):
        super().__init__()
        self.__dict__["alias"] = alias
        _named.append(self)

    def _setup(self):
        self._wrapped = storages[self.__dict__["alias"]]

    def __copy__(self):
        return self  # a copied field keeps following the settings (LazyObject would copy the storage, or fail)

    def __deepcopy__(self, memo):
        return self


def _reset(*, setting, **kwargs):
    if setting == "STORAGES":
        for storage in _named:
            storage._wrapped = empty


setting_changed.connect(_reset)
