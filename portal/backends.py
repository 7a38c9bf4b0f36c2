"""Authentication backends."""

from django.contrib.auth.backends import ModelBackend


class StaffModelBackend(ModelBackend):
    """Django's model permissions, read only for staff (who may enter the admin, the only
    place that grants or uses them). Everyone else's rights come from the rules, which
    read the user's scope: so `{% if perms.… %}` in the navbar costs no query for them,
    where the plain ModelBackend would load user and group permissions on every page."""

    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_staff:
            return set()
        return super()._get_permissions(user_obj, obj, from_name)
