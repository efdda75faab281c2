/* Shared by the legal-basics learner views: server round trips, live announcements, focus. */
(function (window) {
    'use strict';
    if (window.LegalBasics) { return; }

    function csrfToken() {
        var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
        return match ? decodeURIComponent(match[1]) : '';
    }

    function View(runtime, element, bodySelector) {
        this.runtime = runtime;
        this.root = element && element.jquery ? element[0] : element;
        this.block = this.root.querySelector('.lb-block') || this.root;
        this.body = this.block.querySelector(bodySelector);
        this.status = this.block.querySelector('.lb-status');
        this.busy = false;
    }

    View.prototype.string = function (name) {
        var holder = this.body.querySelector('.lb-strings');
        return holder ? holder.getAttribute('data-' + name) : '';
    };

    View.prototype.announce = function (text) {
        var status = this.status;
        status.textContent = '';
        window.setTimeout(function () { status.textContent = text || ''; }, 30);
    };

    View.prototype.focus = function (selectors) {
        for (var i = 0; i < selectors.length; i += 1) {
            var target = this.body.querySelector(selectors[i]);
            if (target) {
                if (!target.matches('button, input, select, a, [tabindex]')) { target.setAttribute('tabindex', '-1'); }
                target.focus();
                return;
            }
        }
    };

    // ``done(reply)`` after a 2xx (the body is replaced); ``failed(message)``, when given, shows a refusal where
    // the learner is working instead of the status line (the body, and what the learner typed, stay as they are).
    View.prototype.post = function (handler, payload, done, failed) {
        if (this.busy) { return; }
        var view = this;
        view.busy = true;
        view.announce(view.string('sending'));
        var request = new XMLHttpRequest();
        request.open('POST', view.runtime.handlerUrl(view.root, handler));
        request.setRequestHeader('Content-Type', 'application/json');
        request.setRequestHeader('X-CSRFToken', csrfToken());
        request.onload = function () {
            view.busy = false;
            var reply = {};
            try { reply = JSON.parse(request.responseText); } catch (e) { reply = {}; }
            if (request.status >= 200 && request.status < 300 && reply.html !== undefined) {
                view.body.innerHTML = reply.html;
                var section = view.body.querySelector('[lang]');
                if (section) { view.block.setAttribute('lang', section.getAttribute('lang')); }
                view.announce(reply.message || '');
                if (done) { done(reply); }
            } else {
                view.refused(reply.error || view.string('error'), failed);
            }
        };
        request.onerror = function () {
            view.busy = false;
            view.refused(view.string('error'), failed);
        };
        request.send(JSON.stringify(payload || {}));
    };

    View.prototype.refused = function (message, failed) {
        if (failed) {
            this.announce('');
            failed(message);
        } else {
            this.announce(message);
        }
    };

    window.LegalBasics = {View: View};
}(window));
