from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_translatable_children_bootstrap")]

    operations = [BootstrapTranslatableModel("reference.SubTopic")]
