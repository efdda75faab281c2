/* Studio editor of legal_case_study and legal_mock_trial: the structured Scenes tab (vanilla JS).
 *
 * edit.js owns the tabs, the settings form, the messages and saving. When the template has a Scenes panel it
 * calls window.LegalScenarioEditor(editor, doc, api), which renders the scenario document ``doc`` as a form,
 * edits it in place and returns {document, check, locate}:
 *   document() - a cleaned, typed copy to send to studio_save (doc itself is never changed by saving);
 *   check()    - false (after listing them) when a number field is empty or holds no number;
 *   locate(line) - a function that shows the place a validator or check message names, or null.
 * LegalScenarioEditor.cleanDocument(doc) is the same cleaning as a pure function (used by the tests).
 * Every user-facing string comes from the template: data-s-* attributes and <template data-proto> prototypes. */
(function (window) {
    'use strict';

    var NUMBER_FIELDS = ['max_steps'];

    // --- pure data: values typed by their variable, blank optional texts dropped ------------------
    function isBlank(value) {
        return !value || Object.keys(value).every(function (key) { return !String(value[key] || '').trim(); });
    }

    function dropBlank(obj, key) { if (isBlank(obj[key])) { delete obj[key]; } }

    function dropEmpty(obj, key) { if (!Array.isArray(obj[key]) || !obj[key].length) { delete obj[key]; } }

    // ``value`` as the variable type wants it: true/false for flags, a number (or undefined) otherwise.
    function typed(value, type) {
        if (type === 'flag') { return value === true || value === 'true' || value === 1; }
        if (typeof value === 'number') { return value; }
        if (typeof value === 'boolean') { return value ? 1 : 0; }
        if (value === undefined || value === null || !String(value).trim() || isNaN(Number(value))) { return undefined; }
        return Number(value);
    }

    function typeOf(doc, id) {
        var found = (doc.variables || []).filter(function (v) { return v.id === id; })[0];
        return found ? found.type : 'number';
    }

    function setTyped(obj, key, type) {
        var value = typed(obj[key], type);
        if (value === undefined) { delete obj[key]; } else { obj[key] = value; }
    }

    function cleanChoice(doc, choice) {
        dropBlank(choice, 'feedback');
        ['requires', 'effects'].forEach(function (key) {
            (choice[key] || []).forEach(function (item) { setTyped(item, 'value', typeOf(doc, item.var)); });
            dropEmpty(choice, key);
        });
        if (choice.deadline) {
            setTyped(choice.deadline, 'max', 'number');
            dropBlank(choice.deadline, 'message');
        }
        setTyped(choice, 'points', 'number');
        dropEmpty(choice, 'cites');
    }

    // A draft's part keeps only what its kind uses: options for a choice part, the text-field settings for a text part.
    function cleanPart(part) {
        ['points', 'max_length', 'min_length'].forEach(function (key) { setTyped(part, key, 'number'); });
        ['label', 'placeholder', 'explanation'].forEach(function (key) { dropBlank(part, key); });
        if (!String(part.pattern || '').trim()) { delete part.pattern; }
        dropEmpty(part, 'cites');
        if (part.kind === 'choice') {
            ['pattern', 'max_length', 'min_length', 'placeholder'].forEach(function (key) { delete part[key]; });
            (part.options || []).forEach(function (option) {
                dropBlank(option, 'feedback');
                if (option.correct !== true) { delete option.correct; }
            });
            return;
        }
        delete part.options;
    }

    function cleanStep(step) {
        ['authority', 'deadline', 'documents'].forEach(function (key) { dropBlank(step, key); });
        dropEmpty(step, 'cites');
    }

    function cleanNode(doc, node) {
        dropBlank(node, 'title');
        if (node.image && !String(node.image.src || '').trim()) { delete node.image; }
        if (node.image) { dropBlank(node.image, 'alt'); }
        if (!node.stage) { delete node.stage; }
        if (node.kind !== 'draft') { ['target', 'heading', 'parts'].forEach(function (key) { delete node[key]; }); }
        if (node.kind === 'draft') {
            ['choices', 'rating', 'credit', 'plan', 'cites'].forEach(function (key) { delete node[key]; });
            dropBlank(node, 'heading');
            node.target = node.target || '';
            node.parts = node.parts || [];
            node.parts.forEach(cleanPart);
            return;
        }
        if (node.kind === 'ending') {
            delete node.choices;
            setTyped(node, 'credit', 'number');
            (node.plan || []).forEach(cleanStep);
            dropEmpty(node, 'plan');
            dropEmpty(node, 'cites');
            return;
        }
        ['rating', 'credit', 'plan', 'cites'].forEach(function (key) { delete node[key]; });
        node.choices = node.choices || [];
        node.choices.forEach(function (choice) { cleanChoice(doc, choice); });
    }

    function cleanTrial(doc) {
        dropBlank(doc, 'case_file');
        (doc.roles || []).forEach(function (role) { dropBlank(role, 'about'); });
        (doc.stages || []).forEach(function (stage) {
            setTyped(stage, 'minutes', 'number');
            dropBlank(stage, 'script');
        });
        ['criteria', 'debrief'].forEach(function (key) {
            if (Array.isArray(doc[key])) { doc[key] = doc[key].filter(function (text) { return !isBlank(text); }); }
        });
        ['roles', 'stages', 'criteria', 'debrief'].forEach(function (key) { dropEmpty(doc, key); });
    }

    // The document studio_save receives: a typed copy without empty optional parts.
    function cleanDocument(source) {
        var doc = JSON.parse(JSON.stringify(source || {}));
        doc.variables = doc.variables || [];
        doc.nodes = doc.nodes || [];
        doc.start = doc.start || '';
        NUMBER_FIELDS.forEach(function (key) { setTyped(doc, key, 'number'); });
        doc.variables.forEach(function (variable) {
            setTyped(variable, 'initial', variable.type);
            dropBlank(variable, 'label');
            (variable.values || []).forEach(function (value) { setTyped(value, 'n', 'number'); });
            if (variable.values && !variable.values.length) { delete variable.values; }
        });
        doc.nodes.forEach(function (node) { cleanNode(doc, node); });
        cleanTrial(doc);
        return doc;
    }

    // --- the form -------------------------------------------------------------------------------
    function LegalScenarioEditor(editor, doc, api) {
        var panel = editor.querySelector('[data-role="scenes"]');
        var isTrial = api.tag === 'legal_mock_trial';
        var bound = new WeakMap();     // control → {model, path}
        var elements = new WeakMap();  // model object → the list item showing it
        var holders = new WeakMap();   // value holder → the condition, effect or variable it edits
        var opened = new WeakSet();    // nodes whose <details> is open
        var stash = new WeakMap();     // choice → its deadline while the author switched it off
        var pending = {};              // a line of the last check() → the control it names

        function each(list, fn) { Array.prototype.forEach.call(list, fn); }
        function text(name) { return editor.getAttribute('data-s-' + name) || ''; }
        function part(role) { return editor.querySelector('[data-role="' + role + '"]'); }
        function clone(name) {
            return editor.querySelector('template[data-proto="' + name + '"]').content.firstElementChild.cloneNode(true);
        }

        // The elements matching ``selector`` that belong to ``item`` itself, not to a list item inside it.
        function own(item, selector) {
            return Array.prototype.filter.call(item.querySelectorAll(selector), function (el) {
                return el.closest('[data-item]') === item;
            });
        }

        function ids(list) { return (list || []).map(function (x) { return x.id; }); }

        function freshId(prefix, list) {
            var used = ids(list);
            var number = list.length + 1;
            while (used.indexOf(prefix + number) !== -1) { number += 1; }
            return prefix + number;
        }

        function plain(html) {
            return new window.DOMParser().parseFromString(html || '', 'text/html').body.textContent.replace(/\s+/g, ' ').trim();
        }

        // --- binding: a control with data-bind="label.kk" edits that path of its model (edit.js) -----
        var getPath = api.getPath;
        var setPath = api.setPath;

        function option(value, label) {
            var node = document.createElement('option');
            node.value = value;
            node.textContent = label;
            return node;
        }

        var SOURCES = {
            nodes: {empty: 'choose-node', ids: function () { return ids(doc.nodes); }},
            variables: {empty: 'choose-variable', ids: function () { return ids(doc.variables); }},
            stages: {empty: 'no-stage', ids: function () { return ids(doc.stages); }}
        };

        // A select of node, variable or stage ids; an id that no longer exists stays, marked as not found.
        function fillOptions(control) {
            var source = SOURCES[control.getAttribute('data-options')];
            var link = bound.get(control);
            var value = String(getPath(link.model, link.path) || '');
            var known = source.ids().filter(function (id, index, all) { return id && all.indexOf(id) === index; });
            control.textContent = '';
            control.appendChild(option('', text(source.empty)));
            known.forEach(function (id) { control.appendChild(option(id, id)); });
            if (value && known.indexOf(value) === -1) { control.appendChild(option(value, value + ' ' + text('missing'))); }
            control.value = value;
        }

        function showValue(control) {
            var link = bound.get(control);
            var value = getPath(link.model, link.path);
            var type = control.getAttribute('data-type');
            if (control.hasAttribute('data-options')) { fillOptions(control); return; }
            if (type === 'list') { control.value = (value || []).join(', '); return; }
            if (type === 'flag') { control.value = value === true ? 'true' : 'false'; return; }
            control.value = value === undefined || value === null ? '' : String(value);
        }

        function readValue(control) {
            var type = control.getAttribute('data-type');
            if (type === 'list') { return control.value.split(/[\s,;]+/).filter(Boolean); }
            if (type === 'flag') { return control.value === 'true'; }
            if (type === 'number') { return typed(control.value, 'number'); }
            return control.value;
        }

        function bindControl(control, model, onChange) {
            var path = control.getAttribute('data-bind');
            bound.set(control, {model: model, path: path});
            showValue(control);
            var event = control.tagName === 'SELECT' ? 'change' : 'input';
            control.addEventListener(event, function () {
                setPath(model, path, readValue(control));
                if (onChange) { onChange(path, control); }
            });
        }

        function bind(scope, model, onChange) {
            each(scope.querySelectorAll('[data-bind]'), function (control) {
                if (!bound.has(control)) { bindControl(control, model, onChange); }
            });
        }

        // Show the model's current values again (after a rename or a changed list of ids).
        function refresh(scope) {
            each(scope.querySelectorAll('[data-bind]'), function (control) {
                if (bound.has(control)) { showValue(control); }
            });
        }

        // --- values typed by their variable: a true/false select for flags, a number field otherwise ----
        function renderValue(holder, item) {
            var self = holder.getAttribute('data-value') === 'self';
            var type = self ? item.type : typeOf(doc, item.var);
            var path = self ? 'initial' : 'value';
            var kind = type === 'flag' ? 'flag' : 'number';
            var old = holder.querySelector('[data-bind]');
            setTyped(item, path, type);
            if (old && old.getAttribute('data-type') === kind) {
                showValue(old);
            } else {
                var control = clone('value-' + kind);
                control.setAttribute('data-bind', path);
                if (old) { holder.replaceChild(control, old); } else { holder.appendChild(control); }
                bindControl(control, item);
                api.linkLabels(holder.parentNode);
            }
            var add = own(holder.closest('[data-item]'), '[data-bind="op"] option[value="add"]')[0];
            if (add) {
                add.disabled = kind === 'flag';  // a flag can only be set
                if (add.disabled && item.op === 'add') { item.op = 'set'; }
                refresh(add.parentNode.parentNode);
            }
        }

        function refreshValues() {
            each(panel.querySelectorAll('[data-value]'), function (holder) {
                if (holders.has(holder)) { renderValue(holder, holders.get(holder)); }
            });
        }

        function refreshOptions() {
            each(panel.querySelectorAll('select[data-options]'), function (control) {
                if (bound.has(control)) { fillOptions(control); }
            });
        }

        // --- renaming an id updates what names it ----------------------------------------------------
        var LIST_OF = {nodes: function () { return doc.nodes; }, variables: function () { return doc.variables; },
                       stages: function () { return doc.stages || []; }};

        function eachChoice(fn) {
            doc.nodes.forEach(function (node) { (node.choices || []).forEach(fn); });
        }

        function rename(name, from, to) {
            var list = LIST_OF[name] ? LIST_OF[name]() : null;
            var holding = (list || []).filter(function (x) { return x.id === from || x.id === to; });
            if (!list || !from || from === to || holding.length !== 1) { return; }  // no clash: one item holds it
            function swap(obj, key) { if (obj && obj[key] === from) { obj[key] = to; } }
            if (name === 'nodes') {
                swap(doc, 'start');
                doc.nodes.forEach(function (node) { if (node.kind === 'draft') { swap(node, 'target'); } });
                eachChoice(function (choice) { swap(choice, 'target'); swap(choice.deadline, 'late_target'); });
                (doc.roles || []).forEach(function (role) { swap(role, 'start'); });
            } else if (name === 'variables') {
                eachChoice(function (choice) {
                    (choice.requires || []).concat(choice.effects || []).forEach(function (item) { swap(item, 'var'); });
                    swap(choice.deadline, 'var');
                });
            } else {
                doc.nodes.forEach(function (node) { swap(node, 'stage'); });
            }
        }

        function listChanged(name) {
            if (LIST_OF[name]) { refreshOptions(); }
            if (name === 'variables') { refreshValues(); }
        }

        // --- lists: add, move, remove, keeping the focus and saying what happened ------------------------
        function emptyText() { return {kk: '', ru: ''}; }

        function firstVariable() { return doc.variables.length ? doc.variables[0].id : ''; }

        function newChoice(list) { return {id: freshId('c', list), label: emptyText(), target: ''}; }

        function newOption(list) { return {id: freshId('o', list), text: emptyText()}; }

        function newPart(list) {
            var options = [];
            options.push(newOption(options));
            options.push(newOption(options));
            return {id: freshId('part', list), kind: 'choice', label: emptyText(), options: options};
        }

        function newCondition(op) {
            var type = typeOf(doc, firstVariable());
            return {var: firstVariable(), op: op, value: type === 'flag' ? true : 0};
        }

        var NEW_ITEM = {
            variables: function (list) {
                return {id: freshId('var', list), type: 'counter', initial: 0, label: emptyText()};
            },
            choices: newChoice,
            parts: newPart,
            options: newOption,
            requires: function () { return newCondition('eq'); },
            effects: function () { return newCondition('set'); },
            plan: function () { return {text: emptyText()}; },
            roles: function (list) {
                return {id: freshId('role', list), start: '', name: emptyText(), about: emptyText(), brief: emptyText()};
            },
            stages: function (list) { return {id: freshId('stage', list), minutes: 10, title: emptyText()}; },
            criteria: emptyText,
            debrief: emptyText,
            values: function (list) {
                var used = list.map(function (v) { return Number(v.n); });
                var n = 1;
                while (used.indexOf(n) !== -1) { n += 1; }
                return {n: n, label: emptyText()};
            }
        };

        function newNode(kind) {
            var node = {id: freshId(kind, doc.nodes), kind: kind, body: emptyText()};
            return withKind(node);
        }

        // Give a node what its kind needs: an ending a rating and credit, a draft a target and a first part,
        // a scene a first choice.
        function withKind(node) {
            if (node.kind === 'ending') {
                node.rating = node.rating || 'poor';
                node.credit = typeof node.credit === 'number' ? node.credit : 0;
            } else if (node.kind === 'draft') {
                node.target = node.target || '';
                node.parts = (node.parts || []).length ? node.parts : [newPart([])];
            } else if (!(node.choices || []).length) {
                node.choices = [newChoice([])];
            }
            return node;
        }

        function mutate(list, index, op) {
            if (op === 'remove') { list.splice(index, 1); return -1; }
            var to = op === 'up' ? index - 1 : index + 1;
            if (to < 0 || to >= list.length) { return index; }
            list.splice(to, 0, list.splice(index, 1)[0]);
            return to;
        }

        function tools(item, op) {
            return own(item, op ? '[data-op="' + op + '"]' : '[data-op="up"], [data-op="down"], [data-op="remove"]');
        }

        function afterChange(holder, addButton, index, op) {
            var item = index >= 0 ? holder.children[index] : null;
            if (op === 'add' && item) {
                item.querySelector('input, select, textarea').focus();
                api.announce(text('added'));
            } else if (!item) {
                addButton.focus();
                api.announce(text('removed'));
            } else {
                tools(item, op)[0].focus();
                api.announce(text('moved') + ' ' + (index + 1) + ' ' + text('of') + ' ' + holder.children.length);
            }
        }

        function addButtonOf(group) { return group.querySelector(':scope > [data-op="add"]'); }

        function renderList(group, owner, name) {
            var list = owner[name] = Array.isArray(owner[name]) ? owner[name] : [];
            var holder = group.querySelector(':scope > .lb-ed-items');
            holder.textContent = '';
            list.forEach(function (item, index) {
                holder.appendChild(itemNode(name, item, index, function (op) {
                    var target = mutate(list, index, op);
                    renderList(group, owner, name);
                    afterChange(holder, addButtonOf(group), target, op);
                    listChanged(name);
                }));
            });
        }

        function setupGroup(group, owner) {
            var name = group.getAttribute('data-list');
            renderList(group, owner, name);
            addButtonOf(group).addEventListener('click', function () {
                owner[name].push(NEW_ITEM[name](owner[name]));
                renderList(group, owner, name);
                afterChange(group.querySelector(':scope > .lb-ed-items'), addButtonOf(group), owner[name].length - 1, 'add');
                listChanged(name);
            });
        }

        // --- one list item: a node, choice, condition, effect, plan step, variable, role, stage, text -----
        function setSlot(item, name, value) {
            var slot = own(item, '[data-slot="' + name + '"]')[0];
            if (slot) { slot.textContent = value; }
        }

        function showTitle(item, node) {
            var slot = own(item, '[data-slot="title"]')[0];
            var lang = ['kk', 'ru'].filter(function (code) { return plain((node.title || {})[code]); })[0];
            var title = lang ? plain(node.title[lang]) : plain((node.body || {}).kk || (node.body || {}).ru);
            slot.textContent = title.length > 80 ? title.slice(0, 79) + '…' : title;
            slot.lang = lang || ((node.body || {}).kk ? 'kk' : 'ru');
        }

        function showKind(item, kind) {
            each(item.querySelectorAll('[data-kinds]'), function (el) {
                if (el.closest('[data-item]') === item) { el.hidden = el.getAttribute('data-kinds') !== kind; }
            });
        }

        function setupNode(item, node) {
            var details = own(item, 'details')[0];
            var body = own(item, '[role="group"]')[0];
            body.setAttribute('aria-labelledby', own(item, 'summary')[0].id);
            details.open = opened.has(node);
            details.addEventListener('toggle', function () {
                if (details.open) { opened.add(node); } else { opened.delete(node); }
            });
            own(item, '[data-role="stage-field"]')[0].hidden = !isTrial && !node.stage;
            showKind(item, node.kind);
            showTitle(item, node);
        }

        function setupDeadline(item, choice) {
            var toggle = own(item, '[data-role="has-deadline"]')[0];
            var box = own(item, '[data-role="deadline"]')[0];
            toggle.checked = !!choice.deadline;
            box.hidden = !choice.deadline;
            toggle.addEventListener('change', function () {
                if (toggle.checked) {
                    choice.deadline = stash.get(choice) ||
                        {var: firstVariable(), max: 30, late_target: '', message: emptyText()};
                } else {
                    stash.set(choice, choice.deadline);
                    delete choice.deadline;
                }
                box.hidden = !toggle.checked;
                refresh(box);
            });
        }

        // An id field: the legend follows as the author types; references follow when the edit is done.
        function watchId(item, name, model) {
            var field = own(item, '[data-bind="id"]')[0];
            var before = model.id;
            if (!field) { return; }
            field.addEventListener('focus', function () { before = model.id; });
            field.addEventListener('change', function () {
                rename(name, before, model.id);
                before = model.id;
                if (LIST_OF[name]) { refresh(panel); }  // every select of ids, with the renamed references
                if (name === 'variables') { refreshValues(); }
            });
        }

        function onEdit(name, model, item, path) {
            if (path === 'id') { setSlot(item, 'id', model.id); }
            if (name === 'nodes' && /^(title|body)\./.test(path)) { showTitle(item, model); }
            if (name === 'nodes' && path === 'kind') { changeKind(model); }
            if (name === 'parts' && path === 'kind') { changePartKind(item, model); }
            if ((name === 'requires' || name === 'effects') && path === 'var') {
                renderValue(own(item, '[data-value]')[0], model);
            }
            if (name === 'variables' && path === 'type') { refreshValues(); }
        }

        function itemNode(name, model, index, onOp) {
            var item = clone(name);
            var head = own(item, 'legend, summary')[0];
            head.id = api.nextId();
            elements.set(model, item);
            setSlot(item, 'number', index + 1);
            setSlot(item, 'id', model.id || '');
            bind(item, model, function (path) { onEdit(name, model, item, path); });
            each(own(item, '[data-list]'), function (group) { setupGroup(group, model); });
            each(own(item, '[data-value]'), function (holder) {
                holders.set(holder, model);
                renderValue(holder, model);
            });
            if (name === 'nodes') { setupNode(item, model); }
            if (name === 'choices') { setupDeadline(item, model); }
            if (name === 'parts') { showKind(item, model.kind); }
            watchId(item, name, model);
            api.linkLabels(item);
            tools(item).forEach(function (button) {
                button.setAttribute('aria-describedby', head.id);
                button.addEventListener('click', function () { onOp(button.getAttribute('data-op')); });
            });
            return item;
        }

        // --- scenes and endings -------------------------------------------------------------------------
        function renderNodes() {
            var holder = part('nodes');
            holder.textContent = '';
            doc.nodes.forEach(function (node, index) {
                holder.appendChild(itemNode('nodes', node, index, function (op) {
                    var target = mutate(doc.nodes, index, op);
                    renderNodes();
                    afterChange(holder, part('add-scene'), target, op);
                    listChanged('nodes');
                }));
            });
        }

        function addNode(kind) {
            var node = newNode(kind);
            doc.nodes.push(node);
            opened.add(node);
            renderNodes();
            afterChange(part('nodes'), part('add-' + kind), doc.nodes.length - 1, 'add');
            listChanged('nodes');
        }

        // A part switched to "choice" gets two empty options; the form shows what the new kind uses.
        function changePartKind(item, part) {
            part.options = Array.isArray(part.options) ? part.options : [];
            while (part.kind === 'choice' && part.options.length < 2) { part.options.push(newOption(part.options)); }
            renderList(own(item, '[data-list="options"]')[0], part, 'options');
            showKind(item, part.kind);
        }

        function changeKind(node) {
            withKind(node);
            opened.add(node);
            renderNodes();
            own(elements.get(node), '[data-bind="kind"]')[0].focus();
        }

        // --- check before saving, and the way to what a message names -----------------------------------
        function itemName(item) {
            var head = own(item, 'legend, summary')[0];
            var words = [];
            each(head.children, function (child) {
                var slot = child.getAttribute('data-slot');
                if (child.hidden || slot === 'title' || !child.textContent.trim()) { return; }
                words.push(slot === 'id' ? '"' + child.textContent.trim() + '"' : child.textContent.trim());
            });
            return words.join(' ');
        }

        function placeOf(control) {
            var names = [];
            for (var item = control.closest('[data-item]'); item; item = item.parentNode.closest('[data-item]')) {
                names.unshift(itemName(item));
            }
            var label = editor.querySelector('label[for="' + control.id + '"]');
            names.push(label ? label.textContent.trim() : '');
            return names.join(' › ');
        }

        function check() {
            pending = {};
            var bad = Array.prototype.filter.call(panel.querySelectorAll('input[type="number"]'), function (control) {
                return !control.closest('[hidden]') && (control.validity.valueMissing || control.validity.badInput);
            });
            if (!bad.length) { return true; }
            var lines = bad.map(function (control) {
                var line = placeOf(control);
                pending[line] = pending[line] || control;
                return line;
            });
            api.showMessages('error', text('invalid'), lines.filter(function (line, i) { return lines.indexOf(line) === i; }));
            return false;
        }

        function reveal(control) {
            api.selectTab(editor.querySelector('[role="tab"][data-tab="scenes"]'), false);
            for (var el = control.parentNode; el && el !== editor; el = el.parentNode) {
                if (el.tagName === 'DETAILS') { el.open = true; }
            }
            control.scrollIntoView({block: 'center'});
            control.focus();
        }

        function firstControl(item) {
            return own(item, '[data-bind="id"]')[0] || item.querySelector('input, select, textarea');
        }

        function byId(list, id) { return (list || []).filter(function (x) { return x.id === id; })[0]; }

        // The item a validator line names: node "a", choice "b" / plan step "2"; variable, role or stage "x".
        function named(line) {
            var quoted = (line.match(/["«][^"«»]+["»]/g) || []).map(function (q) { return q.slice(1, -1); });
            var node = byId(doc.nodes, quoted[0]);
            if (node) {
                var step = /^\d+$/.test(quoted[1] || '') ? (node.plan || [])[Number(quoted[1]) - 1] : null;
                var part = byId(node.parts, quoted[1]);
                var option = part ? byId(part.options, quoted[2]) : null;
                return elements.get(option || part || byId(node.choices, quoted[1]) || step || node);
            }
            var other = byId(doc.variables, quoted[0]) || byId(doc.roles, quoted[0]) || byId(doc.stages, quoted[0]);
            return other ? elements.get(other) : null;
        }

        function locate(line) {
            var control = pending[line] || null;
            var item = control ? null : named(line);
            if (item && item.isConnected) { control = firstControl(item); }
            return control ? function () { reveal(control); } : null;
        }

        // --- start --------------------------------------------------------------------------------------
        doc.start = doc.start || '';
        doc.variables = Array.isArray(doc.variables) ? doc.variables : [];
        doc.nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
        bind(part('scenario-head'), doc);
        api.linkLabels(part('scenario-head'));
        if (isTrial) {
            part('trial').hidden = false;
            bind(part('case-file'), doc);
            api.linkLabels(part('case-file'));
        }
        each(panel.querySelectorAll('[data-list]'), function (group) {
            if (!group.closest('[data-item]') && (isTrial || !group.closest('[data-role="trial"]'))) {
                setupGroup(group, doc);
            }
        });
        renderNodes();
        part('add-scene').addEventListener('click', function () { addNode('scene'); });
        part('add-draft').addEventListener('click', function () { addNode('draft'); });
        part('add-ending').addEventListener('click', function () { addNode('ending'); });
        return {
            document: function () { return cleanDocument(doc); },
            check: check,
            locate: locate
        };
    }

    LegalScenarioEditor.cleanDocument = cleanDocument;
    window.LegalScenarioEditor = LegalScenarioEditor;
}(typeof window !== 'undefined' ? window : this));
