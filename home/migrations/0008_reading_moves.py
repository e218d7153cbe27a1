"""The public content version and the compilation documents now live in the `reading` app (its 0001
renames their tables): here they leave the state of `home`. Nothing changes in the database."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0007_reference_data_moves'),
        ('reading', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="CompilationFile"),
                migrations.DeleteModel(name="PublicVersion"),
            ],
            database_operations=[],
        ),
    ]
