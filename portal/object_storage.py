"""The private storage on S3-compatible object storage (django-storages), imported only where a bucket is named."""

from storages.backends.s3 import S3Storage

from .storage import NoUrl


class PrivateS3Storage(NoUrl, S3Storage):
    """Objects stay private (no ACL given: the bucket's own, which must not be public), and have no URL."""
