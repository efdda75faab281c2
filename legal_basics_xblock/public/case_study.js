/* legal_case_study / legal_mock_trial learner view: the server renders every step. */
function LegalCaseStudyView(runtime, element, initArgs) {
    'use strict';
    var view = new window.LegalBasics.View(runtime, element, '.lb-block__body');
    view.block.setAttribute('data-lb-ready', 'true');

    view.block.addEventListener('click', function (event) {
        var button = event.target.closest('button[data-action]');
        if (!button || !view.block.contains(button)) { return; }
        var action = button.getAttribute('data-action');
        event.preventDefault();
        if (action === 'print') { window.print(); return; }
        var payload = {};
        if (action === 'choose') { payload.choice = button.getAttribute('data-choice'); }
        if (action === 'choose_role') { payload.role = button.getAttribute('data-role'); }
        if (action === 'set_language') { payload.language = button.getAttribute('data-lang'); }
        view.post(action, payload, function () {
            if (action === 'set_language') {
                view.focus(['[data-lang="' + payload.language + '"]']);
            } else {
                view.focus(['.lb-ending', '.lb-last', '.lb-scene .lb-choice', '.lb-title']);
            }
        });
    });
}
