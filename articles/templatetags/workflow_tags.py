from django import template

from articles import workflow

register = template.Library()


@register.simple_tag(takes_context=True)
def my_work(context) -> list[workflow.WorkQueue]:
    """The workflow queues waiting for the logged-in user ("Việc của tôi")."""
    request = context.get("request")
    return workflow.work_queues(user=request.user) if request is not None else []
