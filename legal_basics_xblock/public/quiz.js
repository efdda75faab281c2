/* legal_quiz learner view: vanilla JS, server renders every state (no answers in the page). */
function LegalQuizView(runtime, element, initArgs) {
    'use strict';
    var root = element && element.jquery ? element[0] : element;
    var quiz = root.querySelector('.lb-quiz') || root;
    var body = quiz.querySelector('.lb-quiz__body');
    var statusBox = quiz.querySelector('.lb-status');
    var busy = false;
    var announceTimer = null;
    var saveTimer = null;
    var pendingConfirm = null;

    function strings() {
        return body.querySelector('.lb-strings') || document.createElement('div');
    }

    function csrfToken() {
        var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
        return match ? decodeURIComponent(match[1]) : '';
    }

    /* Clear, then write: screen readers announce a repeated message again. */
    function announce(text) {
        window.clearTimeout(announceTimer);
        statusBox.textContent = '';
        announceTimer = window.setTimeout(function () { statusBox.textContent = text || ''; }, 30);
    }

    function firstControl() {
        return body.querySelector('.lb-q input:not([disabled]), .lb-q select:not([disabled]), ' +
            '.lb-q button:not([disabled])');
    }

    /* After the server's new markup arrives, put the focus where the learner's next step is,
       never on <body> (a disabled or removed control cannot keep it). */
    function focusAfterUpdate(action, detail) {
        var target = null;
        if (action === 'set_language') {
            target = body.querySelector('.lb-lang__btn[data-lang="' + detail + '"]');
        } else if (action === 'hint') {
            var question = body.querySelector('.lb-q[data-q="' + detail + '"]');
            var hints = question ? question.querySelectorAll('.lb-hint') : [];
            target = hints.length ? hints[hints.length - 1] : question;
        } else if (action === 'show_answer_handler') {
            target = body.querySelector('.lb-explanation, .lb-answer, .lb-option--key, .lb-match__key');
        } else if (action === 'reset') {
            target = firstControl();
        }
        target = target || body.querySelector('.lb-score') || body.querySelector('.lb-result') ||
            firstControl() || body.querySelector('.lb-actions button') || body.querySelector('.lb-title');
        if (target) {
            if (!target.matches('button, input, select, a[href]')) { target.setAttribute('tabindex', '-1'); }
            target.focus();
        }
    }

    function note(text) {
        var box = body.querySelector('.lb-submit-note');
        if (box) { box.textContent = text || ''; }
    }

    function call(handler, payload, detail) {
        if (busy) { return; }
        window.clearTimeout(saveTimer);
        busy = true;
        announce(strings().getAttribute('data-sending'));
        var request = new XMLHttpRequest();
        request.open('POST', runtime.handlerUrl(root, handler));
        request.setRequestHeader('Content-Type', 'application/json');
        request.setRequestHeader('X-CSRFToken', csrfToken());
        request.onload = function () {
            busy = false;
            var reply = {};
            try { reply = JSON.parse(request.responseText); } catch (e) { reply = {}; }
            if (request.status >= 200 && request.status < 300 && reply.html !== undefined) {
                body.innerHTML = reply.html;
                fillOptions(body);
                markEnds(body);
                quiz.setAttribute('lang', body.querySelector('[lang]').getAttribute('lang'));
                announce(reply.message || '');
                focusAfterUpdate(handler, detail);
            } else {
                var text = reply.error || strings().getAttribute('data-error');
                if (handler === 'submit') {
                    note(text);
                    markMissing(reply.missing || []);
                } else {
                    announce(text);
                }
            }
        };
        request.onerror = function () {
            busy = false;
            announce(strings().getAttribute('data-error'));
        };
        request.send(JSON.stringify(payload || {}));
    }

    function answerFor(fieldset) {
        var kind = fieldset.getAttribute('data-kind');
        if (kind === 'single' || kind === 'multiple') {
            var picked = fieldset.querySelectorAll('input:checked');
            return {choices: Array.prototype.map.call(picked, function (input) { return input.value; })};
        }
        if (kind === 'ordering') {
            var items = fieldset.querySelectorAll('.lb-order__item');
            return {order: Array.prototype.map.call(items, function (li) { return li.getAttribute('data-token'); })};
        }
        var matches = {};
        Array.prototype.forEach.call(fieldset.querySelectorAll('select[data-prompt]'), function (select) {
            if (select.value) { matches[select.getAttribute('data-prompt')] = select.value; }
        });
        return {matches: matches};
    }

    function answered(answer) {
        if (answer.choices) { return answer.choices.length > 0; }
        if (answer.order) { return answer.order.length > 0; }
        return Object.keys(answer.matches).length > 0;
    }

    function complete(fieldset, answer) {
        var selects = fieldset.querySelectorAll('select[data-prompt]').length;
        return answer.matches ? Object.keys(answer.matches).length === selects : answered(answer);
    }

    /* The answers given so far, by question token (what the server keeps as a draft). */
    function collect(all) {
        var answers = {};
        Array.prototype.forEach.call(body.querySelectorAll('.lb-q'), function (fieldset) {
            var answer = answerFor(fieldset);
            if (all || answered(answer)) { answers[fieldset.getAttribute('data-q')] = answer; }
        });
        return answers;
    }

    function markMissing(tokens) {
        var first = null;
        Array.prototype.forEach.call(body.querySelectorAll('.lb-q'), function (fieldset) {
            var missing = tokens.indexOf(fieldset.getAttribute('data-q')) >= 0;
            fieldset.classList.toggle('lb-q--missing', missing);
            fieldset.querySelector('.lb-q__missing').hidden = !missing;
            if (missing) { fieldset.setAttribute('aria-invalid', 'true'); } else { fieldset.removeAttribute('aria-invalid'); }
            first = first || (missing ? fieldset : null);
        });
        if (first) { (first.querySelector('input, select, button') || first).focus(); }
        return first;
    }

    function unanswered() {
        return Array.prototype.filter.call(body.querySelectorAll('.lb-q'), function (fieldset) {
            return !complete(fieldset, answerFor(fieldset));
        }).map(function (fieldset) { return fieldset.getAttribute('data-q'); });
    }

    function submitAnswers() {
        var missing = unanswered();
        if (missing.length) {
            markMissing(missing);
            note(strings().getAttribute('data-missing').replace('{count}', missing.length));
            return;
        }
        call('submit', {answers: collect(true)});
    }

    function countAnswered() {
        var line = body.querySelector('.lb-answered');
        if (!line) { return; }
        var total = line.getAttribute('data-total');
        line.textContent = line.getAttribute('data-template').replace('{answered}', total - unanswered().length)
            .replace('{total}', total);
    }

    /* Keep the draft on the server a moment after each change; retry later while offline. */
    function saveSoon(delay) {
        window.clearTimeout(saveTimer);
        saveTimer = window.setTimeout(function () {
            if (busy || !body.querySelector('button[data-action="submit"]')) { return; }
            var request = new XMLHttpRequest();
            request.open('POST', runtime.handlerUrl(root, 'save_draft'));
            request.setRequestHeader('Content-Type', 'application/json');
            request.setRequestHeader('X-CSRFToken', csrfToken());
            request.onerror = function () { saveSoon(10000); };
            request.send(JSON.stringify({draft: collect(false)}));
        }, delay);
    }

    function changed() {
        countAnswered();
        saveSoon(700);
    }

    function confirmFirst(button) {
        var box = body.querySelector('.lb-confirm');
        pendingConfirm = button;
        box.querySelector('.lb-confirm__text').textContent = button.getAttribute('data-confirm');
        box.hidden = false;
        box.querySelector('[data-action="confirm_yes"]').focus();
    }

    /* The answers of a matching question are sent once, in its first list; the other lists copy them and
       keep the learner's choice (the server sends each list only the option already chosen). */
    function fillOptions(scope) {
        Array.prototype.forEach.call(scope.querySelectorAll('select[data-options-from]'), function (select) {
            var source = scope.querySelector('#' + select.getAttribute('data-options-from'));
            var chosen = select.value;
            select.innerHTML = source.innerHTML;
            select.value = chosen;
        });
    }

    /* The first step cannot move up nor the last one down: say so (aria-disabled keeps them focusable). */
    function markEnds(scope) {
        Array.prototype.forEach.call(scope.querySelectorAll('.lb-order'), function (list) {
            var items = list.children;
            Array.prototype.forEach.call(items, function (item, index) {
                var up = item.querySelector('[data-move="up"]');
                var down = item.querySelector('[data-move="down"]');
                if (up) { up.setAttribute('aria-disabled', index === 0 ? 'true' : 'false'); }
                if (down) { down.setAttribute('aria-disabled', index === items.length - 1 ? 'true' : 'false'); }
            });
        });
    }

    function move(button) {
        var item = button.closest('.lb-order__item');
        var list = item.parentNode;
        var up = button.getAttribute('data-move') === 'up';
        var sibling = up ? item.previousElementSibling : item.nextElementSibling;
        if (!sibling) { return; }
        list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
        markEnds(list.parentNode);
        button.focus();
        var position = Array.prototype.indexOf.call(list.children, item) + 1;
        announce(strings().getAttribute('data-moved').replace('{position}', position)
            .replace('{total}', list.children.length));
        changed();
    }

    quiz.addEventListener('click', function (event) {
        var button = event.target.closest('button');
        if (!button || !quiz.contains(button)) { return; }
        if (button.hasAttribute('data-move')) { event.preventDefault(); move(button); return; }
        var action = button.getAttribute('data-action');
        if (!action) { return; }
        event.preventDefault();
        if (action === 'submit') { submitAnswers(); return; }
        if (action === 'first_unanswered') { markMissing(unanswered().slice(0, 1)); return; }
        if (button.hasAttribute('data-confirm')) { confirmFirst(button); return; }
        if (action === 'confirm_no') {
            body.querySelector('.lb-confirm').hidden = true;
            if (pendingConfirm) { pendingConfirm.focus(); }
            return;
        }
        if (action === 'confirm_yes') { action = pendingConfirm.getAttribute('data-action'); }
        var payload = {};
        if (action === 'set_language') { payload.language = button.getAttribute('data-lang'); }
        if (action === 'hint') { payload.question = button.getAttribute('data-q'); }
        if ((action === 'set_language' || action === 'hint') && body.querySelector('[data-action="submit"]')) {
            payload.draft = collect(false);
        }
        call(action, payload, payload.language || payload.question);
    });

    quiz.addEventListener('change', function (event) {
        if (event.target.closest && event.target.closest('.lb-q')) { changed(); }
    });

    // Enter on a choice would submit the whole attempt (implicit form submission): only Submit submits.
    quiz.addEventListener('keydown', function (event) {
        var target = event.target;
        if (event.key === 'Enter' && target.matches && target.matches('input[type="radio"], input[type="checkbox"]')) {
            event.preventDefault();
        }
    });

    quiz.addEventListener('submit', function (event) {
        event.preventDefault();
        submitAnswers();
    });

    fillOptions(body);
    markEnds(body);
    quiz.setAttribute('data-lb-ready', 'true');
}
