"""The directory is kept by the portal's administrators."""

import rules

from ort_portal.access import is_portal_admin

rules.add_perm("directory.manage", rules.predicate(is_portal_admin))
