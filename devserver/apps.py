"""Workbench fixes for the demo and the tests, and the course units as scenarios.

Keep the workbench from overwriting real block fields:

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
        _add_course_units()


def _add_course_units():
    """Wrap the workbench's scenario loading so course units are listed after the blocks' own scenarios."""
    from workbench import scenarios  # pylint: disable=import-outside-toplevel

    from .course_units import unit_scenarios  # pylint: disable=import-outside-toplevel

    original = scenarios.init_scenarios
    if getattr(original, "with_course_units", False):
        return

    def init_with_units():
        original()
        for name, title, xml in unit_scenarios():
            try:
                scenarios.add_xml_scenario(name, title, xml)
            except Exception:  # noqa: BLE001 - one broken unit must not take the workbench down
                import logging  # pylint: disable=import-outside-toplevel
                logging.getLogger(__name__).warning("Course unit %s not loaded", name, exc_info=True)

    init_with_units.with_course_units = True
    scenarios.init_scenarios = init_with_units
