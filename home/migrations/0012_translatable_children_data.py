from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("home", "0011_translatable_children_bootstrap")]

    operations = [BootstrapTranslatableModel("home.Question")]
