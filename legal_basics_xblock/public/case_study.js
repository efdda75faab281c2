/* legal_case_study / legal_mock_trial learner view: the server renders every step. */
function LegalCaseStudyView(runtime, element, initArgs) {
    'use strict';
    var view = new window.LegalBasics.View(runtime, element, '.lb-block__body');
    view.block.setAttribute('data-lb-ready', 'true');
    var AFTER_STEP = ['.lb-ending', '.lb-last', '.lb-scene .lb-choice', '.lb-title'];

    // A draft: one answer per part (the checked option or the typed text); a refusal is shown by the submit
    // button and the form, with everything the learner typed, stays as it is.
    view.block.addEventListener('submit', function (event) {
        var form = event.target.closest('form.lb-draft');
        if (!form || !view.block.contains(form)) { return; }
        event.preventDefault();
        var parts = {};
        Array.prototype.forEach.call(form.querySelectorAll('[data-part]'), function (part) {
            var input = part.querySelector('input[type="radio"]:checked, input[type="text"]');
            if (input) { parts[part.getAttribute('data-part')] = input.value; }
        });
        var error = form.querySelector('.lb-draft__error');
        error.textContent = '';
        view.post('submit_draft', {draft: form.getAttribute('data-draft'), parts: parts}, function () {
            view.focus(AFTER_STEP);
        }, function (message) { error.textContent = message; });
    });

    view.block.addEventListener('click', function (event) {
        var button = event.target.closest('button[data-action]');
        if (!button || !view.block.contains(button)) { return; }
        var action = button.getAttribute('data-action');
        event.preventDefault();
        var confirmBox = view.block.querySelector('.lb-confirm');
        if (action === 'restart' && button.hasAttribute('data-confirm') && confirmBox) {
            confirmBox.querySelector('.lb-confirm__text').textContent = button.getAttribute('data-confirm');
            confirmBox.hidden = false;
            confirmBox.querySelector('[data-action="confirm_restart"]').focus();
            return;
        }
        if (action === 'cancel_restart' && confirmBox) {
            confirmBox.hidden = true;
            view.focus(['[data-action="restart"]']);
            return;
        }
        var payload = {};
        if (action === 'confirm_restart') { action = 'restart'; payload.confirm = true; }
        if (action === 'choose') { payload.choice = button.getAttribute('data-choice'); }
        if (action === 'choose_role') { payload.role = button.getAttribute('data-role'); }
        if (action === 'set_language') { payload.language = button.getAttribute('data-lang'); }
        view.post(action, payload, function () {
            if (action === 'set_language') {
                view.focus(['[data-lang="' + payload.language + '"]']);
            } else if (action === 'choose_role') {
                view.focus(['.lb-role'].concat(AFTER_STEP));
            } else {
                view.focus(AFTER_STEP);
            }
        });
    });
}
