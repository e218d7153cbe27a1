"""Loads the reference data every deployment needs: UN regional groups, the 195 states, stakeholder groups."""

import csv
import uuid
from pathlib import Path

from django.conf import settings
from django.db import migrations

STATES_CSV = Path(__file__).resolve().parent.parent / "data" / "un_states.csv"

REGIONAL_GROUPS = [
    ("AFRICAN", "African States"),
    ("ASIA_PACIFIC", "Asia-Pacific States"),
    ("EASTERN_EUROPEAN", "Eastern European States"),
    ("GRULAC", "Latin American and Caribbean States"),
    ("WEOG", "Western European and other States"),
]

STAKEHOLDER_GROUPS = [
    ("GOVERNMENT", "Government", "A UN member or observer state.", True),
    ("IGO", "Intergovernmental organisation", "", False),
    ("PRIVATE_SECTOR", "Private sector", "", False),
    ("CIVIL_SOCIETY", "Civil society", "", False),
    ("TECHNICAL_ACADEMIC", "Technical and academic community", "", False),
]

def load(apps, schema_editor):
    RegionalGroup = apps.get_model("home", "RegionalGroup")
    Country = apps.get_model("home", "Country")
    StakeholderGroup = apps.get_model("home", "StakeholderGroup")
    Locale = apps.get_model("wagtailcore", "Locale")

    groups = {}
    for order, (code, name) in enumerate(REGIONAL_GROUPS):
        groups[code], _ = RegionalGroup.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    with STATES_CSV.open(encoding="utf-8") as states:
        for row in csv.DictReader(states):
            Country.objects.get_or_create(
                iso3=row["iso3"],
                defaults={
                    "name": row["name"],
                    "regional_group": groups[row["regional_group"]],
                    "is_member_state": row["is_member_state"] == "true",
                },
            )

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for order, (code, name, description, requires_country) in enumerate(STAKEHOLDER_GROUPS):
        if not StakeholderGroup.objects.filter(code=code, locale=locale).exists():
            StakeholderGroup.objects.create(
                code=code,
                name=name,
                description=description,
                requires_country=requires_country,
                sort_order=order,
                locale=locale,
                translation_key=uuid.uuid4(),
            )

class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
