"""`manage.py seed_demo`: load the WGIGF demo content (idempotent) and print the demo logins."""

from django.core.management.base import BaseCommand

from demo.content import demo_content_load


class Command(BaseCommand):
    help = "Load the demo content (the CSTD WGIGF case). Running it again changes nothing."

    def handle(self, *args, **options):
        result = demo_content_load()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        for username, password in result["accounts"]:
            self.stdout.write(f"  demo login: {username} / {password}")
        if not result["accounts"]:
            self.stdout.write("  No demo accounts: these settings do not allow them (DEMO_ACCOUNTS is off).")
