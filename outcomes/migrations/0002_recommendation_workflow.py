"""The recommendations' workflow: the working group's chair records the text as agreed, then the
secretariat publishes it; both roles are groups with the outcomes' permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CHAIR, SECRETARIAT = "Working group chair", "Secretariat"
WORKFLOW = "Recommendations: agreement and publication"
TASKS = [("Agreed by the working group", CHAIR), ("Published by the secretariat", SECRETARIAT)]
CHAIR_PERMISSIONS = {"recommendation": ["add", "change", "lock", "unlock"]}
SECRETARIAT_PERMISSIONS = {
    "recommendation": ["add", "change", "delete", "publish", "lock", "unlock"],
    "task": ["add", "change", "delete"],
    "progress": ["add", "change", "delete"],
    "meeting": ["add", "change", "delete"],
    "member": ["add", "change", "delete"],
    "milestone": ["add", "change", "delete"],
    "snapshot": ["add", "change", "delete"],
    "responsiblebody": ["add", "change", "delete"],
}


def workflow_create(apps, schema_editor):
    app_config = apps.get_app_config("outcomes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    recommendation_type, _created = ContentType.objects.get_or_create(app_label="outcomes", model="recommendation")
    for action in ("publish", "lock", "unlock"):  # what Wagtail adds after migrating, named as it names them
        Permission.objects.get_or_create(
            content_type=recommendation_type,
            codename=f"{action}_recommendation",
            defaults={"name": f"Can {action} recommendation"},
        )
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name, granted in [(CHAIR, CHAIR_PERMISSIONS), (SECRETARIAT, SECRETARIAT_PERMISSIONS)]:
        group, _created = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for model, actions in granted.items() for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="outcomes", codename__in=codenames), *admin_access
        )
        groups[name] = group

    task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        for order, (name, group) in enumerate(TASKS):
            task = GroupApprovalTask.objects.create(name=name, content_type=task_type, active=True)
            task.groups.add(groups[group])
            WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=order)
    WorkflowContentType.objects.get_or_create(content_type=recommendation_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(workflow_create, migrations.RunPython.noop)]
