"""The published facts, their groups and their counts (reading.facts), filled from the inputs already published.

The GIN indexes of the topic arrays exist on PostgreSQL only: the embedded SQLite of `make run` keeps the
tables empty and reads its listing straight from the inputs."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models


class AddIndexOnPostgreSQL(migrations.AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def facts_fill(apps, schema_editor):
    from reading.facts import published_facts_rebuild

    published_facts_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("reading", "0001_initial"),
        ("review", "0012_redaction_ranges"),
        ("submissions", "0008_receipt_chain"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("given_facet", models.CharField(max_length=20)),
                ("given_value", models.CharField(max_length=20)),
                ("facet", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=20)),
                ("count", models.IntegerField()),
            ],
            options={
                "verbose_name": "count of published inputs",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("given_facet", "given_value", "facet", "value"), name="published_count_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PublishedFact",
            fields=[
                (
                    "submission",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="submissions.submission",
                    ),
                ),
                ("call_id", models.IntegerField()),
                ("stakeholder_group_id", models.IntegerField()),
                ("country_id", models.IntegerField(null=True)),
                ("regional_group_id", models.IntegerField(null=True)),
                ("language", models.CharField(max_length=10)),
                ("official", models.BooleanField()),
                (
                    "topic_areas",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), default=list, size=None
                    ),
                ),
                (
                    "sub_topics",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), default=list, size=None
                    ),
                ),
            ],
            options={
                "verbose_name": "published input's facts",
                "indexes": [
                    models.Index(fields=["call_id", "submission"], name="fact_call_idx"),
                    models.Index(fields=["stakeholder_group_id", "submission"], name="fact_group_idx"),
                    models.Index(fields=["country_id", "submission"], name="fact_country_idx"),
                    models.Index(fields=["regional_group_id", "submission"], name="fact_region_idx"),
                    models.Index(fields=["language", "submission"], name="fact_language_idx"),
                    models.Index(
                        condition=models.Q(("official", True)), fields=["submission"], name="fact_official_idx"
                    ),
                ],
            },
        ),
        AddIndexOnPostgreSQL(
            model_name="publishedfact",
            index=django.contrib.postgres.indexes.GinIndex(fields=["topic_areas"], name="fact_topic_areas_idx"),
        ),
        AddIndexOnPostgreSQL(
            model_name="publishedfact",
            index=django.contrib.postgres.indexes.GinIndex(fields=["sub_topics"], name="fact_sub_topics_idx"),
        ),
        migrations.CreateModel(
            name="PublishedFactGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("call_id", models.IntegerField()),
                ("stakeholder_group_id", models.IntegerField()),
                ("country_id", models.IntegerField(null=True)),
                ("regional_group_id", models.IntegerField(null=True)),
                ("language", models.CharField(max_length=10)),
                ("official", models.BooleanField()),
                (
                    "topic_areas",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), default=list, size=None
                    ),
                ),
                (
                    "sub_topics",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), default=list, size=None
                    ),
                ),
                ("count", models.IntegerField()),
            ],
            options={
                "verbose_name": "group of published inputs with the same facts",
                "constraints": [
                    models.UniqueConstraint(
                        fields=(
                            "call_id",
                            "stakeholder_group_id",
                            "country_id",
                            "regional_group_id",
                            "language",
                            "official",
                            "topic_areas",
                            "sub_topics",
                        ),
                        name="published_fact_group_unique",
                        nulls_distinct=False,
                    )
                ],
                "indexes": [
                    models.Index(fields=["stakeholder_group_id"], name="fact_group_group_idx"),
                    models.Index(fields=["country_id"], name="fact_group_country_idx"),
                    models.Index(fields=["regional_group_id"], name="fact_group_region_idx"),
                    models.Index(fields=["language"], name="fact_group_language_idx"),
                ],
            },
        ),
        AddIndexOnPostgreSQL(
            model_name="publishedfactgroup",
            index=django.contrib.postgres.indexes.GinIndex(fields=["topic_areas"], name="fact_group_topic_areas_idx"),
        ),
        AddIndexOnPostgreSQL(
            model_name="publishedfactgroup",
            index=django.contrib.postgres.indexes.GinIndex(fields=["sub_topics"], name="fact_group_sub_topics_idx"),
        ),
        migrations.RunPython(facts_fill, migrations.RunPython.noop),
    ]
