"""The reference data's models now live in the `reference` app (its 0001 renames their tables): here
they leave the state of `home`, and the pages' foreign keys follow them. Nothing changes in the database."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0006_compilation_file'),
        ('reference', '0001_initial'),
        ('review', '0009_reference_data_moves'),
        ('submissions', '0004_reference_data_moves'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='topicareaindexpage',
                    name='process',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reference.process', verbose_name='process'),
                ),
                migrations.AlterField(
                    model_name='callpage',
                    name='process',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='calls', to='reference.process', verbose_name='process'),
                ),
                migrations.AlterField(
                    model_name='mandatepage',
                    name='process',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reference.process', verbose_name='process'),
                ),
                migrations.AlterField(
                    model_name='compositionseat',
                    name='stakeholder_group',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reference.stakeholdergroup', verbose_name='stakeholder group'),
                ),
                migrations.AlterField(
                    model_name='compilationfile',
                    name='topic_area',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='reference.topicarea'),
                ),
                migrations.AlterField(
                    model_name='question',
                    name='topic_area',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='questions', to='reference.topicarea', verbose_name='topic area'),
                ),
                migrations.AlterField(
                    model_name='callpage',
                    name='topic_areas',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='calls', to='reference.topicarea', verbose_name='topic areas'),
                ),
                migrations.DeleteModel(name="SubTopic"),
                migrations.DeleteModel(name="Country"),
                migrations.DeleteModel(name="TopicArea"),
                migrations.DeleteModel(name="RegionalGroup"),
                migrations.DeleteModel(name="StakeholderGroup"),
                migrations.DeleteModel(name="Process"),
            ],
            database_operations=[],
        ),
    ]
