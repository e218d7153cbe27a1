from django.db import migrations, models


class Migration(migrations.Migration):
    """The public content version becomes one number per scope; the one row there was keeps its number as
    the site's (so compilation documents built before stay current)."""

    dependencies = [
        ("reading", "0002_published_facts"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicversion",
            name="scope",
            field=models.CharField(default="site", max_length=80, unique=True),
        ),
    ]
