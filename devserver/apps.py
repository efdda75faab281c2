"""Workbench set-up for the demo and the tests: the real-fields fix (workbench_fix.py) and the
course units as scenarios."""

from django.apps import AppConfig


class DevserverConfig(AppConfig):
    name = "devserver"

    def ready(self):
        from workbench.runtime import WorkbenchRuntime  # pylint: disable=import-outside-toplevel

        from .workbench_fix import keep_real_fields  # pylint: disable=import-outside-toplevel

        keep_real_fields(WorkbenchRuntime)
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
        try:
            units = unit_scenarios()
        except Exception:  # noqa: BLE001 - a course source being edited must not empty the workbench
            import logging  # pylint: disable=import-outside-toplevel
            logging.getLogger(__name__).warning("Course units not loaded", exc_info=True)
            units = []
        for name, title, xml in units:
            try:
                scenarios.add_xml_scenario(name, title, xml)
            except Exception:  # noqa: BLE001 - one broken unit must not take the workbench down
                import logging  # pylint: disable=import-outside-toplevel
                logging.getLogger(__name__).warning("Course unit %s not loaded", name, exc_info=True)

    init_with_units.with_course_units = True
    scenarios.init_scenarios = init_with_units
