"""Published inputs holding Chinese get its pairs of characters in their public search vector
(review.search.cjk_bigrams), so that a Chinese word is found through the index."""

import re

from django.db import migrations

CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def pairs(text):
    grams = []
    for run in CJK_RUN.findall(text):
        grams += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return grams


def chinese_pairs_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Review = apps.get_model("review", "Review")
    with schema_editor.connection.cursor() as cursor:
        holding_chinese = Review.objects.filter(status="published", public_text__regex="[\u3400-\u9fff\uf900-\ufaff]")
        for pk, text in holding_chinese.values_list("pk", "public_text").iterator():
            if grams := pairs(text):
                cursor.execute(
                    "UPDATE review_review SET public_vector = public_vector || to_tsvector('simple', %s) "
                    "WHERE submission_id = %s",
                    [" ".join(grams), pk],
                )


class Migration(migrations.Migration):
    dependencies = [("review", "0006_public_reading_indexes")]

    operations = [migrations.RunPython(chinese_pairs_index, migrations.RunPython.noop)]
