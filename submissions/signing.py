"""The portal's Ed25519 key: it signs each receipt and each day's head of the receipt chain.

The private key comes from RECEIPT_SIGNING_KEY (base64 of the raw 32 bytes, or a PEM); the public key is
published at /.well-known/input-portal-receipt-key with its key id, the first 16 hex digits of the SHA-256 of
its raw 32 bytes. Reading and verifying need no database, so that `receipt_verify` runs offline.
"""

import base64
import binascii
import functools
import hashlib
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from django.conf import settings
from django.core import checks

ALGORITHM = "Ed25519"


class UnreadableKey(ValueError):
    """A key that cannot be read: the message says what was expected."""


def private_key_read(text: str) -> Ed25519PrivateKey:
    text = (text or "").strip()
    if not text:
        raise UnreadableKey("RECEIPT_SIGNING_KEY is empty.")
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_private_key(text.encode(), password=None)
        except ValueError as error:
            raise UnreadableKey(f"RECEIPT_SIGNING_KEY is not a readable PEM private key ({error}).") from error
        if not isinstance(key, Ed25519PrivateKey):
            raise UnreadableKey("RECEIPT_SIGNING_KEY is a PEM key, but not an Ed25519 one.")
        return key
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise UnreadableKey("RECEIPT_SIGNING_KEY is neither a PEM nor base64.") from error
    if len(raw) != 32:
        raise UnreadableKey(f"RECEIPT_SIGNING_KEY holds {len(raw)} bytes; an Ed25519 private key is 32.")
    return Ed25519PrivateKey.from_private_bytes(raw)


@functools.cache
def portal_key(text: str | None = None) -> Ed25519PrivateKey:
    return private_key_read(settings.RECEIPT_SIGNING_KEY if text is None else text)


def public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(public_raw(key)).hexdigest()[:16]


def portal_public_key() -> Ed25519PublicKey:
    return portal_key(settings.RECEIPT_SIGNING_KEY).public_key()


def portal_key_id() -> str:
    return key_id(portal_public_key())


def public_key_document() -> dict:
    """What the well-known URL serves, and what `receipt_verify --key` reads."""
    key = portal_public_key()
    pem = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return {
        "algorithm": ALGORITHM,
        "key_id": key_id(key),
        "public_key": base64.b64encode(public_raw(key)).decode(),
        "pem": pem.decode(),
    }


def sign(message: bytes) -> str:
    """The portal's signature of `message`, in base64."""
    return base64.b64encode(portal_key(settings.RECEIPT_SIGNING_KEY).sign(message)).decode()


def public_key_read(text: str) -> Ed25519PublicKey:
    """A public key as published (the well-known JSON), as a PEM, or as base64 of its raw 32 bytes."""
    text = text.strip()
    if text.startswith("{"):
        try:
            text = json.loads(text)["public_key"]
        except (ValueError, KeyError, TypeError) as error:
            raise UnreadableKey('The key file is JSON but has no "public_key".') from error
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text.encode())
        except ValueError as error:
            raise UnreadableKey(f"The key file is not a readable PEM public key ({error}).") from error
        if not isinstance(key, Ed25519PublicKey):
            raise UnreadableKey("The key file holds a key that is not Ed25519.")
        return key
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise UnreadableKey("The key file is neither the published JSON, a PEM, nor base64.") from error
    if len(raw) != 32:
        raise UnreadableKey(f"The key holds {len(raw)} bytes; an Ed25519 public key is 32.")
    return Ed25519PublicKey.from_public_bytes(raw)


def signature_valid(key: Ed25519PublicKey, message: bytes, signature: str) -> bool:
    try:
        key.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


@checks.register(checks.Tags.security, deploy=False)
def signing_key_check(app_configs, **kwargs) -> list:
    """`manage.py check` (and so every start) fails on a receipt key that cannot be read."""
    try:
        private_key_read(settings.RECEIPT_SIGNING_KEY)
    except UnreadableKey as error:
        return [checks.Error(str(error), hint="See README, Configuration.", id="submissions.E001")]
    return []
