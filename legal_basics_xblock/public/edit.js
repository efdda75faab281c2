/* Studio editor: settings form, raw OLX and, for legal_quiz, the structured question editor (vanilla JS).
 * For legal_case_study and legal_mock_trial the Scenes tab is scenario_edit.js (window.LegalScenarioEditor).
 * Every user-facing string comes from the template (data-s-* attributes and <template> prototypes).
 * initArgs ({tag}) is not needed, but the workbench only initialises functions taking three arguments. */
function LegalBlockEditor(runtime, element, initArgs) {
    'use strict';
    var root = element && element.jquery ? element[0] : element;
    var editor = root.querySelector('.lb-ed') || root;
    var anchor = editor.getAttribute('data-anchor') || 'lb';
    var data = JSON.parse(editor.getAttribute('data-editor') || '{}');
    var GROUPS_BY_KIND = {single: ['choices'], multiple: ['choices'], ordering: ['steps'],
                          matching: ['pairs', 'distractors']};
    var ID_PREFIX = {choices: 'c', steps: 's', pairs: 'p', distractors: 'x'};
    var doc = copy(data.content || {questions: []});  // the document being edited
    var saved = {settings: {}};  // settings as last saved: only changed ones are sent
    var stale = {form: false, xml: false};  // true once the other tab was saved
    var busy = false;
    var counter = 0;
    var hasQuestions = !!editor.querySelector('[data-role="questions"]');  // scenario editors have a map instead
    var scenes = null;  // the Scenes tab of a scenario editor: {document, check, locate} (scenario_edit.js)

    // --- small helpers ------------------------------------------------------------------------
    function part(role) { return editor.querySelector('[data-role="' + role + '"]'); }
    function text(name) { return editor.getAttribute('data-s-' + name) || ''; }
    function each(list, fn) { Array.prototype.forEach.call(list, fn); }
    function copy(value) { return JSON.parse(JSON.stringify(value)); }
    function nextId() { counter += 1; return anchor + '-ed' + counter; }
    function notify(name, payload) { if (typeof runtime.notify === 'function') { runtime.notify(name, payload); } }

    function make(tag, className, content) {
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (content !== undefined) { node.textContent = content; }
        return node;
    }

    function clone(name) {
        return editor.querySelector('template[data-proto="' + name + '"]').content.firstElementChild.cloneNode(true);
    }

    function setSlot(node, name, value) { node.querySelector('[data-slot="' + name + '"]').textContent = value; }

    // The move/remove buttons of one list item or question (not those of the items inside it).
    function tools(node, op) {
        return node.querySelectorAll(':scope > fieldset > .lb-ed-tools [data-op' + (op ? '="' + op + '"' : '') + ']');
    }

    function announce(message) {
        var status = part('status');
        status.textContent = '';
        window.setTimeout(function () { status.textContent = message || ''; }, 30);
    }

    function csrfToken() {
        var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
        return match ? decodeURIComponent(match[1]) : '';
    }

    function describe(node, help) {
        if (!help) { return; }
        help.id = help.id || nextId();
        node.setAttribute('aria-describedby', help.id);
    }

    // Give every field's control an id, point its label at it and describe it with its help text.
    function linkLabels(scope) {
        each(scope.querySelectorAll('.lb-ed-field'), function (field) {
            var control = field.querySelector('input, select, textarea');
            var label = field.querySelector('label');
            if (!control || !label) { return; }
            control.id = control.id || nextId();
            label.htmlFor = control.id;
            describe(control, field.querySelector('.lb-ed-help'));
        });
        each(scope.querySelectorAll('fieldset.lb-ed-group'), function (group) {
            describe(group, group.querySelector(':scope > .lb-ed-help'));
        });
    }

    // --- binding: a control with data-bind="stem.kk" edits that path of its model ---------------
    function getPath(obj, path) {
        return path.split('.').reduce(function (o, key) { return o ? o[key] : undefined; }, obj);
    }

    function setPath(obj, path, value) {
        var keys = path.split('.');
        var last = keys.pop();
        keys.forEach(function (key) {
            if (!obj[key] || typeof obj[key] !== 'object') { obj[key] = {}; }
            obj = obj[key];
        });
        if (value === undefined) { delete obj[last]; } else { obj[last] = value; }
    }

    function showValue(control, value) {
        var type = control.getAttribute('data-type');
        if (type === 'bool') { control.checked = !!value; return; }
        if (type === 'list') { control.value = (value || []).join(', '); return; }
        control.value = value === undefined || value === null ? (control.getAttribute('data-default') || '') : value;
    }

    function readValue(control) {
        var type = control.getAttribute('data-type');
        if (type === 'bool') { return control.checked; }
        if (type === 'list') { return control.value.split(/[\s,;]+/).filter(Boolean); }
        if (type !== 'number') { return control.value; }
        return control.value === '' || isNaN(Number(control.value)) ? undefined : Number(control.value);
    }

    // Show the model's values in the controls of ``scope`` and write every edit back to the model.
    function bind(scope, model, onChange) {
        each(scope.querySelectorAll('[data-bind]'), function (control) {
            var path = control.getAttribute('data-bind');
            showValue(control, getPath(model, path));
            var event = control.tagName === 'SELECT' || control.type === 'checkbox' ? 'change' : 'input';
            control.addEventListener(event, function () {
                setPath(model, path, readValue(control));
                if (onChange) { onChange(path); }
            });
        });
    }

    // --- lists: add, remove, move -------------------------------------------------------------
    function freshId(prefix, list) {
        var used = list.map(function (item) { return item.id; });
        var number = list.length + 1;
        while (used.indexOf(prefix + number) !== -1) { number += 1; }
        return prefix + number;
    }

    function newItem(name, list) {
        if (name === 'hints') { return {kk: '', ru: ''}; }
        var item = {id: freshId(ID_PREFIX[name], list), text: {kk: '', ru: ''}};
        if (name === 'pairs') { item.prompt = {kk: '', ru: ''}; }
        return item;
    }

    function ensureItems(question) {
        var name = (GROUPS_BY_KIND[question.kind] || [])[0];
        if (!name) { return; }
        question[name] = question[name] || [];
        while (question[name].length < 2) { question[name].push(newItem(name, question[name])); }
    }

    // Apply ``op`` to ``list[index]``; the item's new index, or -1 when it was removed.
    function mutate(list, index, op) {
        if (op === 'remove') { list.splice(index, 1); return -1; }
        var to = op === 'up' ? index - 1 : index + 1;
        if (to < 0 || to >= list.length) { return index; }
        list.splice(to, 0, list.splice(index, 1)[0]);
        return to;
    }

    // After a re-render: keep the keyboard focus where the author was working and say what happened.
    function afterChange(holder, addButton, index, op) {
        var node = index >= 0 ? holder.children[index] : null;
        if (op === 'add' && node) {
            node.querySelector('input, textarea').focus();
            announce(text('added'));
        } else if (!node) {
            addButton.focus();
            announce(text('removed'));
        } else {
            tools(node, op)[0].focus();
            announce(text('moved') + ' ' + (index + 1) + ' ' + text('of') + ' ' + holder.children.length);
        }
    }

    function wireTools(node, onOp) {
        var legend = node.querySelector('legend');
        legend.id = nextId();
        each(tools(node), function (button) {
            button.setAttribute('aria-describedby', legend.id);
            button.addEventListener('click', function () { onOp(button.getAttribute('data-op')); });
        });
    }

    function renderList(group, owner, name) {
        var list = owner[name] = owner[name] || [];
        var holder = group.querySelector('.lb-ed-items');
        holder.textContent = '';
        list.forEach(function (item, index) {
            var node = clone(name);
            setSlot(node, 'number', index + 1);
            bind(node, item);
            linkLabels(node);
            wireTools(node, function (op) {
                var target = mutate(list, index, op);
                renderList(group, owner, name);
                afterChange(holder, group.querySelector(':scope > [data-op="add"]'), target, op);
            });
            holder.appendChild(node);
        });
    }

    function setupGroup(group, owner) {
        var name = group.getAttribute('data-list');
        renderList(group, owner, name);
        group.querySelector(':scope > [data-op="add"]').addEventListener('click', function (event) {
            owner[name].push(newItem(name, owner[name]));
            renderList(group, owner, name);
            afterChange(group.querySelector('.lb-ed-items'), event.currentTarget, owner[name].length - 1, 'add');
        });
    }

    // --- questions ----------------------------------------------------------------------------
    function fits(node, kind) {
        var kinds = node && node.getAttribute('data-kinds');
        return !!node && (!kinds || kinds.split(' ').indexOf(kind) !== -1);
    }

    // Show only the parts (option lists, scoring methods) that fit the question's kind.
    function showKind(node, kind) {
        each(node.querySelectorAll('[data-kinds]'), function (el) {
            el.hidden = !fits(el, kind);
            if (el.tagName === 'OPTION') { el.disabled = el.hidden; }
        });
    }

    function changeKind(question, node) {
        var scoring = node.querySelector('[data-bind="scoring"]');
        if (!fits(scoring.options[scoring.selectedIndex], question.kind)) { delete question.scoring; }
        ensureItems(question);
        var fresh = questionNode(question, doc.questions.indexOf(question));
        node.parentNode.replaceChild(fresh, node);
        fresh.querySelector('[data-bind="kind"]').focus();
    }

    function questionNode(question, index) {
        var node = clone('question');
        setSlot(node, 'number', index + 1);
        setSlot(node, 'id', question.id);
        bind(node, question, function (path) {
            if (path === 'id') { setSlot(node, 'id', question.id); }
            if (path === 'kind') { changeKind(question, node); }
        });
        linkLabels(node);
        each(node.querySelectorAll('[data-list]'), function (group) { setupGroup(group, question); });
        showKind(node, question.kind);
        wireTools(node, function (op) {
            var target = mutate(doc.questions, index, op);
            renderQuestions();
            afterChange(part('questions'), part('add-question'), target, op);
        });
        return node;
    }

    function renderQuestions() {
        var holder = part('questions');
        holder.textContent = '';
        doc.questions.forEach(function (question, index) { holder.appendChild(questionNode(question, index)); });
    }

    function addQuestion() {
        var question = {id: freshId('q', doc.questions), kind: 'single', stem: {kk: '', ru: ''}};
        ensureItems(question);
        doc.questions.push(question);
        renderQuestions();
        afterChange(part('questions'), part('add-question'), doc.questions.length - 1, 'add');
    }

    function questionIndex(id) {
        return doc.questions.map(function (question) { return question.id; }).indexOf(id);
    }

    function gotoQuestion(id) {
        var node = part('questions').children[questionIndex(id)];
        if (!node) { return; }
        selectTab(editor.querySelector('[data-tab="questions"]'), false);
        node.scrollIntoView();
        node.querySelector('[data-bind="id"]').focus();
    }

    // --- settings: a form generated from editor_json.settings ---------------------------------
    function valueName(value) {
        var names = editor.querySelector('template[data-proto="value-names"]').content.querySelectorAll('option');
        var found = Array.prototype.filter.call(names, function (option) { return option.value === value; })[0];
        return found ? found.textContent : String(value);
    }

    function settingControl(setting, value) {
        var control = make(setting.values ? 'select' : 'input');
        (setting.values || []).forEach(function (choice) {
            var isObject = choice !== null && typeof choice === 'object';
            var option = make('option', '', isObject ? choice.display_name : valueName(choice));
            option.value = isObject ? choice.value : choice;
            control.appendChild(option);
        });
        if (!setting.values) {
            control.type = {boolean: 'checkbox', integer: 'number', float: 'number'}[setting.type] || 'text';
            if (control.type === 'number') { control.step = setting.type === 'float' ? 'any' : '1'; }
        }
        if (control.type === 'checkbox') { control.checked = !!value; } else {
            control.value = value === null || value === undefined ? '' : value;
        }
        control.setAttribute('data-setting', setting.name);
        return control;
    }

    function renderSettings() {
        var holder = part('settings');
        holder.textContent = '';
        (data.settings || []).forEach(function (setting) {
            var field = make('div', 'lb-ed-field');
            var control = settingControl(setting, saved.settings[setting.name]);
            field.appendChild(make('label', '', setting.label || setting.name));
            if (control.type === 'checkbox') { field.className += ' lb-ed-check'; }
            field.insertBefore(control, control.type === 'checkbox' ? field.firstChild : null);
            if (setting.help) { field.appendChild(make('p', 'lb-ed-help', setting.help)); }
            holder.appendChild(field);
        });
        linkLabels(holder);
    }

    // Only the settings the author changed; numbers as numbers, anything unparsable as typed.
    function changedSettings() {
        var changed = {};
        (data.settings || []).forEach(function (setting) {
            var control = part('settings').querySelector('[data-setting="' + setting.name + '"]');
            var value = control.type === 'checkbox' ? control.checked : control.value;
            var numeric = setting.type === 'integer' || setting.type === 'float';
            if (numeric && value !== '' && !isNaN(Number(value))) { value = Number(value); }
            if (JSON.stringify(value) !== JSON.stringify(saved.settings[setting.name])) {
                changed[setting.name] = value;
            }
        });
        return changed;
    }

    // --- the document sent to studio_save: drop hidden option lists and empty optional texts -----
    function isBlank(value) {
        return !value || Object.keys(value).every(function (key) { return !String(value[key] || '').trim(); });
    }

    function dropBlank(obj, key) { if (isBlank(obj[key])) { delete obj[key]; } }

    function cleanQuestion(question) {
        var keep = GROUPS_BY_KIND[question.kind] || [];
        ['choices', 'steps', 'pairs', 'distractors'].forEach(function (name) {
            if (keep.indexOf(name) === -1 || !(question[name] || []).length) { delete question[name]; }
        });
        (question.choices || []).forEach(function (choice) {
            dropBlank(choice, 'feedback');
            if (!choice.correct) { delete choice.correct; }
        });
        question.hints = (question.hints || []).filter(function (hint) { return !isBlank(hint); });
        if (!question.hints.length) { delete question.hints; }
        dropBlank(question, 'explanation');
        return question;
    }

    function cleanDocument() {
        if (scenes) { return scenes.document(); }
        if (!hasQuestions) { return copy(doc); }
        var out = copy(doc);
        dropBlank(out, 'intro');
        out.questions = out.questions.map(cleanQuestion);
        return out;
    }

    // --- messages: one line per problem, with a way to the question it names --------------------
    // The first quoted id in a validator line that is a question's (the place words are translated).
    function namedQuestion(line) {
        var quoted = line.match(/["«][^"«»]+["»]/g) || [];
        return quoted.map(function (q) { return q.slice(1, -1); }).filter(function (id) {
            return hasQuestions && questionIndex(id) !== -1;
        })[0];
    }

    // A function showing the question or scene a line names, or null.
    function locate(line) {
        if (activeTab() === 'xml') { return null; }
        if (scenes) { return scenes.locate(line); }
        var id = namedQuestion(line);
        return id ? function () { gotoQuestion(id); } : null;
    }

    function messageItem(line) {
        var item = make('li', '', line);
        var go = locate(line);
        if (go) {
            var button = make('button', 'lb-ed-btn lb-ed-btn--link', text('goto'));
            button.type = 'button';
            button.addEventListener('click', go);
            item.appendChild(document.createTextNode(' '));
            item.appendChild(button);
        }
        return item;
    }

    function showMessages(kind, title, lines) {
        var box = part('messages');
        box.textContent = '';
        box.className = 'lb-ed-messages lb-ed-messages--' + kind;
        box.appendChild(make('p', 'lb-ed-messages__title', title));
        if (lines.length) {
            var list = box.appendChild(make('ul', 'lb-ed-messages__list'));
            lines.forEach(function (line) { list.appendChild(messageItem(line)); });
        }
        box.hidden = false;
        if (kind === 'error') { box.focus(); }
    }

    // --- saving -------------------------------------------------------------------------------
    function activeTab() { return editor.querySelector('[role="tab"][aria-selected="true"]').getAttribute('data-tab'); }

    function onSaved(mode, payload, reply) {
        Object.keys(payload.settings || {}).forEach(function (name) { saved.settings[name] = payload.settings[name]; });
        stale[mode === 'xml' ? 'form' : 'xml'] = true;
        each(editor.querySelectorAll('[data-stale]'), function (notice) {
            notice.hidden = !stale[notice.getAttribute('data-stale')];
        });
        var warnings = (reply.warnings || []).map(function (issue) {
            return [issue.where, issue.message].filter(Boolean).join(': ');
        });
        showMessages(warnings.length ? 'warning' : 'success', text(warnings.length ? 'warnings' : 'saved'), warnings);
        announce(text('saved'));
        // Studio's "Saving…" notice is only raised once the save has succeeded: a refused save never leaves it up.
        notify('save', {state: 'start'});
        notify('save', {state: 'end'});
    }

    function onFailed(message) {
        var lines = message.split('\n');
        announce(text('not-saved'));
        showMessages('error', lines[0], lines.slice(1));
        notify('error', {title: lines[0], message: lines.slice(1).join('\n')});
    }

    function setBusy(value) {
        busy = value;
        part('save').setAttribute('aria-disabled', value ? 'true' : 'false');
    }

    function send(mode, payload) {
        var request = new XMLHttpRequest();
        setBusy(true);
        announce(text('saving'));
        request.open('POST', runtime.handlerUrl(root, mode === 'xml' ? 'studio_save_xml' : 'studio_save'));
        request.setRequestHeader('Content-Type', 'application/json');
        request.setRequestHeader('X-CSRFToken', csrfToken());
        request.onload = function () {
            var reply = null;
            setBusy(false);
            try { reply = JSON.parse(request.responseText); } catch (e) { reply = null; }
            if (request.status >= 200 && request.status < 300 && reply && reply.saved) {
                onSaved(mode, payload, reply);
            } else {
                onFailed(reply && typeof reply.error === 'string' ? reply.error : text('bad-reply'));
            }
        };
        request.onerror = function () { setBusy(false); onFailed(text('network')); };
        request.send(JSON.stringify(payload));
    }

    function save() {
        var mode = activeTab() === 'xml' ? 'xml' : 'form';
        if (busy) { return; }
        if (stale[mode]) { showMessages('error', text('stale'), []); return; }
        if (mode === 'form' && scenes && !scenes.check()) { return; }
        send(mode, mode === 'xml' ? {xml: part('xml').value} : {settings: changedSettings(), content: cleanDocument()});
    }

    // --- tabs (WAI-ARIA tabs, automatic activation) -------------------------------------------
    function selectTab(tab, focus) {
        each(editor.querySelectorAll('[role="tab"]'), function (other) {
            var selected = other === tab;
            other.setAttribute('aria-selected', selected ? 'true' : 'false');
            other.tabIndex = selected ? 0 : -1;
            editor.querySelector('[data-panel="' + other.getAttribute('data-tab') + '"]').hidden = !selected;
        });
        if (focus) { tab.focus(); }
    }

    function onTabKey(event) {
        var list = Array.prototype.slice.call(editor.querySelectorAll('[role="tab"]'));
        var index = list.indexOf(event.target);
        var moves = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: list.length - 1};
        if (index === -1 || !Object.prototype.hasOwnProperty.call(moves, event.key)) { return; }
        event.preventDefault();
        selectTab(list[(moves[event.key] + list.length) % list.length], true);
    }

    // --- start --------------------------------------------------------------------------------
    (data.settings || []).forEach(function (setting) { saved.settings[setting.name] = setting.value; });
    renderSettings();
    linkLabels(editor.querySelector('[data-panel="xml"]'));
    if (hasQuestions) {
        doc.questions = Array.isArray(doc.questions) ? doc.questions : [];
        bind(part('intro'), doc);
        linkLabels(part('intro'));
        renderQuestions();
        part('add-question').addEventListener('click', addQuestion);
    } else if (editor.querySelector('[data-panel="scenes"]') && typeof window.LegalScenarioEditor === 'function') {
        scenes = window.LegalScenarioEditor(editor, doc, {tag: data.tag, announce: announce, linkLabels: linkLabels,
            nextId: nextId, selectTab: selectTab, showMessages: showMessages, getPath: getPath, setPath: setPath});
    }
    each(editor.querySelectorAll('[role="tab"]'), function (tab) {
        tab.addEventListener('click', function () { selectTab(tab, false); });
        tab.addEventListener('keydown', onTabKey);
    });
    part('save').addEventListener('click', save);
    part('cancel').addEventListener('click', function () { notify('cancel', {}); });
    editor.setAttribute('data-lb-ready', 'true');
}
