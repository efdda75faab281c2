/* legal_quiz learner view: vanilla JS, server renders every state (no answers in the page). */
function LegalQuizView(runtime, element, initArgs) {
    'use strict';
    var root = element && element.jquery ? element[0] : element;
    var quiz = root.querySelector('.lb-quiz') || root;
    var body = quiz.querySelector('.lb-quiz__body');
    var statusBox = quiz.querySelector('.lb-status');
    var busy = false;
    var announceTimer = null;

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

    function call(handler, payload, detail) {
        if (busy) { return; }
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
                markEnds(body);
                quiz.setAttribute('lang', body.querySelector('[lang]').getAttribute('lang'));
                announce(reply.message || '');
                focusAfterUpdate(handler, detail);
            } else {
                announce(reply.error || strings().getAttribute('data-error'));
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

    function submitAnswers() {
        var answers = {};
        Array.prototype.forEach.call(body.querySelectorAll('.lb-q'), function (fieldset) {
            answers[fieldset.getAttribute('data-q')] = answerFor(fieldset);
        });
        call('submit', {answers: answers});
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
    }

    quiz.addEventListener('click', function (event) {
        var button = event.target.closest('button');
        if (!button || !quiz.contains(button)) { return; }
        if (button.hasAttribute('data-move')) { event.preventDefault(); move(button); return; }
        var action = button.getAttribute('data-action');
        if (!action) { return; }
        event.preventDefault();
        if (action === 'submit') { submitAnswers(); return; }
        var payload = {};
        if (action === 'set_language') { payload.language = button.getAttribute('data-lang'); }
        if (action === 'hint') { payload.question = button.getAttribute('data-q'); }
        call(action, payload, payload.language || payload.question);
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

    markEnds(body);
    quiz.setAttribute('data-lb-ready', 'true');
}
