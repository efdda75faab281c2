"""Workbench-only services."""

from xblock.reference.user_service import UserService, XBlockUser


class DevUserService(UserService):
    """Like the workbench's user service; learners whose id starts with ``staff`` are course staff.

    The LMS sets ``edx-platform.user_is_staff`` the same way, so staff-only handlers can be
    exercised in the workbench and the tests.
    """

    runtime = None

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def get_current_user(self):
        uid = str(getattr(self.runtime, "user_id", "") or "")
        user = XBlockUser(is_current_user=True, emails=["user@example.com"], full_name=f"Learner {uid}")
        user.opt_attrs["xblock-workbench.user_id"] = uid
        user.opt_attrs["edx-platform.user_is_staff"] = uid.startswith("staff")
        return user
