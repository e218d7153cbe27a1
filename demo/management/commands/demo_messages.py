"""`manage.py demo_messages`: write demo/locale/<language>.po with every English string of the loaded demo."""

from wagtail.models import Locale

from django.core.management.base import BaseCommand

from demo.translations import demo_messages_write
from home.models import HomePage


class Command(BaseCommand):
    help = "Refresh the demo's translation catalogues from the loaded English demo (run seed_demo first)."

    def handle(self, *args, **options):
        home = HomePage.objects.get(slug="home", locale=Locale.get_default())
        for language, missing in demo_messages_write(home).items():
            self.stdout.write(f"demo/locale/{language}.po: {missing} strings to translate")
