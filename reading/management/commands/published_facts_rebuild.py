from django.core.management.base import BaseCommand

from reading.facts import published_facts_rebuild


class Command(BaseCommand):
    help = "Compute the published facts and their counts again from the inputs (a backfill, or after bulk data)."

    def handle(self, *args, **options):
        rows = published_facts_rebuild()
        self.stdout.write(f"{rows} published inputs")
