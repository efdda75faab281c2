"""Keep the workbench from overwriting real block fields.

``WorkbenchRuntime._patch_xblock`` sets ``block.due = utcnow()`` (and a few more attributes
for the LTI block) before every render and handler call. For a block that has a real
``due`` field this makes every quiz past due and persists the value, so the patch is
limited to attributes that are not fields of the block.
"""

from django.apps import AppConfig


class DevserverConfig(AppConfig):
    name = "devserver"

    def ready(self):
        from workbench.runtime import WorkbenchRuntime  # pylint: disable=import-outside-toplevel

        original = WorkbenchRuntime._patch_xblock  # pylint: disable=protected-access

        def patch_only_non_fields(runtime, block):
            if getattr(block, "fields", {}).get("due") is not None:
                return
            original(runtime, block)

        WorkbenchRuntime._patch_xblock = patch_only_non_fields  # pylint: disable=protected-access
