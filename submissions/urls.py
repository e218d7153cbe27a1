"""The public addresses of the receipts: the portal's key (a well-known URL) and the receipt chain."""

from django.urls import path, re_path

from . import receipt_views

app_name = "receipts"
urlpatterns = [
    path(".well-known/input-portal-receipt-key", receipt_views.receipt_key, name="key"),
    path("receipts/chain/", receipt_views.chain_index, name="chain"),
    re_path(r"^receipts/chain/(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})\.jsonl$", receipt_views.chain_day, name="chain_day"),
]
