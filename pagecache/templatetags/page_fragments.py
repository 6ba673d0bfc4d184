"""``{% pagefragment "name" value… %}…{% endpagefragment %}``: a part of a page cached on its own.

The name and values make the part's key, with the language. A value that is a
model instance (``article``, ``article.section``) also names a row the part
shows, which the part then depends on: the row was read before the part began,
so the part could not record it itself.
Outside a render for the page cache the block renders as if the tag were not
there. See ``pagecache/fragments.py``.
"""

from django import template
from django.db.models import Model
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.translation import get_language

from core.dependencies import is_recording, object_key
from pagecache.fragments import fragment

register = template.Library()


class PageFragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, parts: list[FilterExpression]):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context: template.Context) -> str:
        if not is_recording():
            return self.nodelist.render(context)
        names, rows = [], []
        for part in self.parts:
            value = part.resolve(context)
            if isinstance(value, Model):
                # The part shows this row: its key is one the fragment depends on.
                value = object_key(value, value.pk)
                rows.append(value)
            names.append(str(value))
        key = ":".join(["fragment", get_language() or "", *names])
        return fragment(key, lambda: self.nodelist.render(context), depends_on=rows)


@register.tag
def pagefragment(parser: Parser, token: Token) -> PageFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("pagefragment needs a name")
    nodelist = parser.parse(("endpagefragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])
