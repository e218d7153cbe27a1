"""The bodies that carry out the tasks of a recommendation, as the working group's evaluation names them."""

from django.db import migrations

BODIES = [
    ("SECRETARIAT", "Secretariat"),
    ("MAG", "Multistakeholder Advisory Group (MAG)"),
    ("COMMUNITY", "Community"),
    ("MEMBER_STATES", "Member States"),
    ("HOST_COUNTRY", "Host country"),
    ("UN_DESA", "UN DESA"),
]


def bodies_create(apps, schema_editor):
    body_model = apps.get_model("outcomes", "ResponsibleBody")
    for order, (code, name) in enumerate(BODIES):
        body_model.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0003_citation_notice")]

    operations = [migrations.RunPython(bodies_create, migrations.RunPython.noop)]
