"""Names that are in no gazetteer, found from the words around them.

* people after a title or role (``الرئيس الروسي X``, ``المتحدثة باسم الخارجية، X``), before
  an apposition (``X، سفير دمشق لدى روسيا``) or as the subject of a speech verb followed by
  a comma or colon (``قال X Y،``): :mod:`.people`;
* places after a head word (``مدينة``, ``بلدة``, ``محافظات حماة وإدلب``): :mod:`.places`;
* organisations from a head word and its complement (``وزارة الدفاع الروسية``), the
  country given by a nisba adjective, and clubs: :mod:`.orgs`, their English from
  :mod:`.english`.

What they share (:class:`Found`, the word classes, :func:`name_like`) is in :mod:`.common`.
All word lists come from ``titles.yml``, ``heads.yml`` and ``common.yml``.
``[f.ar for f in find_people(paragraph("قال الجنرال إيغور كوناشينكوف، إن"), [])]`` ->
``["إيغور كوناشينكوف"]``.
"""

from .common import Found, name_like
from .orgs import find_clubs, find_foreign_clubs, find_orgs
from .people import find_listed_people, find_people
from .places import find_listed_places, find_places

__all__ = ["Found", "find_clubs", "find_foreign_clubs", "find_orgs", "find_listed_people", "find_listed_places", "find_people", "find_places", "name_like"]
