/* The generic form of one record, made from its screen descriptor.
 *
 * Looking never locks: a record opens to be read, and the edit lock is
 * taken at the first change (or with F3); when somebody else has it, the
 * line says who and since when and the form stays read-only, as it does
 * for a role that may not change the record (the model's rights table
 * says so). A save names the version it edited: a conflicting save is
 * refused, the input kept as a draft, and the conflict screen shows field
 * by field what differs. Unsaved input goes to the server as a draft
 * (leaving a field, every few seconds of typing, on hang-up) with the
 * version it started from, and is offered again at the next login; a
 * draft of a record saved by somebody else since keeps that old version,
 * so its save is refused as a conflict instead of writing over theirs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "model/date.h"
#include "model/rights.h"
#include "screens.h"

#define HOLDER_SIZE 160

struct form_state {
	const struct screen_desc *desc;
	const struct record_def *def;
	void *rec;    /* as loaded or last saved */
	void *parent; /* the record REC belongs to (a child type), or NULL */
	struct ui_form *form;
	WINDOW *formwin;
	bool locked;   /* this session holds the edit lock */
	bool readonly; /* not (yet) editable: only looking, locked by another, or no right */
	bool may_edit; /* the role may change it: the lock is taken at the first change */
	char holder[HOLDER_SIZE];
	uint64_t draft_id;
	const struct draft *resume; /* continue this draft once open */
	struct ui_key keys[8];
	char title[96];
};

enum { ACT_SAVE = 1, ACT_BACK, ACT_RELOAD, ACT_EDIT, ACT_CHILDREN };

static const char *const form_help[] = {
        "Tab, Enter oder Pfeil ab: nächstes Feld; Umschalt-Tab oder Pfeil auf: voriges",
        "Pos1/Ende, Pfeile links/rechts im Feld; Bild auf/ab: die nächste Seite des Formulars",
        "Auswahlfelder: Leertaste oder F4 öffnet die Liste, Tippen springt zum Eintrag",
        "Textfelder mit mehreren Zeilen: Enter öffnet den Editor; dort beginnt Enter eine "
        "neue Zeile, Pfeile, Pos1/Ende und Bild auf/ab bewegen, F2 oder Esc übernimmt den "
        "Text",
        "Eingaben werden laufend als Entwurf gesichert und nach Abbrüchen wieder angeboten",
        NULL,
};

static struct record_head *head(const struct form_state *f)
{
	return f->rec;
}

/* May this role change the record? Asked of the model's rights table (the
 * server decides again at the save); a child is decided on its parent (but one that decides its
 * own). */
/* The day the record, or the one it belongs to, was purged after its
 * retention period (0: not): nobody writes it or below it any more. */
static int32_t purged_on(const struct form_state *f)
{
	int32_t day = head(f)->id ? record_purged(f->def, f->rec) : 0;

	return day                           ? day
	       : f->parent && f->def->parent ? record_purged(f->def->parent, f->parent)
	                                     : 0;
}

static bool role_may_edit(struct screen *s)
{
	struct form_state *f = s->data;

	return !purged_on(f) && rights_allow(ui_config(s->ui), ui_staff(s->ui), f->def,
	                                     head(f)->id ? VERB_CHANGE : VERB_CREATE,
	                                     record_scoped_by_parent(f->def) ? f->parent : f->rec);
}

/* Takes the edit lock, or stays read-only naming who has it. A new record
 * needs none. Returns true when the form may be edited now. */
static bool take_lock(struct screen *s)
{
	struct form_state *f = s->data;
	uint64_t id = head(f)->id;
	enum status st;

	if (!f->may_edit)
		return false;
	if (f->locked || !id) {
		f->readonly = false;
		ui_form_set_readonly(f->form, false);
		return true;
	}
	f->holder[0] = '\0';
	st = ui_lock(s->ui, f->def->table, id, false, f->holder, sizeof(f->holder));
	if (st == STATUS_ERR_EXISTS &&
	    ui_confirm(s->ui, "Sie bearbeiten dies in einer anderen Sitzung. Dort aufhören und "
	                      "hier bearbeiten?"))
		st = ui_lock(s->ui, f->def->table, id, true, f->holder, sizeof(f->holder));
	if (st == STATUS_ERR_EXISTS)
		snprintf(f->holder, sizeof(f->holder),
		         "nur lesen: Sie bearbeiten es in einer anderen Sitzung (F3 übernimmt)");
	f->locked = st == STATUS_OK;
	f->readonly = !f->locked;
	if (f->locked)
		f->holder[0] = '\0';
	if (st != STATUS_OK && st != STATUS_ERR_LOCKED && st != STATUS_ERR_EXISTS)
		snprintf(f->holder, sizeof(f->holder), "nur lesen: %s", status_message(st));
	ui_form_set_readonly(f->form, f->readonly);
	return f->locked;
}

/* A key that would change what a field holds (typing, deleting): the
 * first one takes the lock. */
static bool is_edit_key(struct ui_input in)
{
	if (!in.is_key)
		return in.ch >= 0x20 || in.ch == 8 || in.ch == 127;
	return in.ch == KEY_BACKSPACE || in.ch == KEY_DC;
}

/* "Angebot: Elterncafé" for drafts and the title. */
static void record_name(const struct form_state *f, char *buf, size_t size)
{
	const struct field_def *name =
	        f->desc->name_field ? record_field(f->def, f->desc->name_field) : NULL;
	char value[128] = "";

	if (name)
		field_format(name, f->rec, value, sizeof(value));
	snprintf(buf, size, "%s: %s", f->def->label, value[0] ? value : "(ohne Namen)");
}

static void form_save_draft(struct screen *s)
{
	struct form_state *f = s->data;
	struct draft *draft = calloc(1, sizeof(*draft));
	const struct field_def *name =
	        f->desc->name_field ? record_field(f->def, f->desc->name_field) : NULL;
	char value[128] = "";

	if (!draft || f->readonly)
		goto out;
	snprintf(draft->table, sizeof(draft->table), "%s", f->def->table);
	draft->record = head(f)->id;
	draft->based_on = head(f)->version;
	ui_form_to_draft(f->form, draft);
	if (f->parent && f->def->parent_field) {
		/* A new child keeps the parent it belongs to. */
		snprintf(value, sizeof(value), "%llu",
		         (unsigned long long)((const struct record_head *)f->parent)->id);
		draft_put(draft, f->def->parent_field, value);
		value[0] = '\0';
	}
	if (name)
		draft_get(draft, name->name, value, sizeof(value));
	snprintf(draft->title, sizeof(draft->title), "%s: %s", f->def->label,
	         value[0] ? value : "(ohne Namen)");
	if (ui_draft_put(s->ui, draft) == STATUS_OK)
		f->draft_id = draft->head.id;
out:
	free(draft);
}

/* A draft of a record that was saved by somebody else since the draft
 * began: the form starts from the draft's version, so that saving it is
 * refused as a conflict instead of writing over their change. */
static void resume_draft(struct screen *s)
{
	struct form_state *f = s->data;
	const struct draft *d = f->resume;

	ui_form_from_draft(f->form, d);
	f->draft_id = d->head.id;
	f->resume = NULL;
	take_lock(s); /* input waits in the form: it is being edited */
	if (head(f)->id && d->based_on && (uint32_t)d->based_on != head(f)->version) {
		ui_error(s->ui,
		         "Seit Ihrem Entwurf (Stand %lld) hat jemand gespeichert (Stand %u): "
		         "F2 zeigt beide Fassungen.",
		         (long long)d->based_on, head(f)->version);
		head(f)->version = (uint32_t)d->based_on;
	} else {
		ui_message(s->ui, "Entwurf fortgesetzt: mit F2 speichern.");
	}
}

/* The parent of a child record, read when the form opens from a draft. */
static enum status load_parent(struct screen *s)
{
	struct form_state *f = s->data;
	const struct field_def *pf;
	uint64_t id = 0;
	enum status st;

	if (f->parent || !f->def->parent || !(pf = record_field(f->def, f->def->parent_field)))
		return STATUS_OK;
	record_field_number(pf, f->rec, (int64_t *)&id);
	if (!id)
		return STATUS_OK;
	if (!(f->parent = malloc(f->def->parent->size)))
		return STATUS_ERR_NOMEM;
	st = ui_record_get(s->ui, f->def->parent, id, f->parent, NULL, 0);
	if (st != STATUS_OK && !record_scoped_by_parent(f->def)) {
		/* one that decides its own rights opens without it (the
		 * provider's staff read their measures, not the case) */
		free(f->parent);
		f->parent = NULL;
		st = STATUS_OK;
	}
	return st;
}

static void make_keys(struct screen *s)
{
	struct form_state *f = s->data;
	bool stored = head(f)->id != 0; /* a new one has no lock, version or children yet */
	size_t n = 0;

	f->keys[n++] = (struct ui_key){CMD_SAVE, NULL,   NULL,
	                               ACT_SAVE, f->def, stored ? VERB_CHANGE : VERB_CREATE};
	f->keys[n++] = (struct ui_key){CMD_BACK, NULL, "zurück; fragt bei ungesicherten Eingaben",
	                               ACT_BACK};
	if (stored) {
		f->keys[n++] = (struct ui_key){CMD_EDIT, NULL, NULL, ACT_EDIT, f->def, VERB_CHANGE};
		f->keys[n++] = (struct ui_key){CMD_RELOAD, NULL,
		                               "den gespeicherten Stand laden (fragt, bevor "
		                               "Eingaben verloren gehen)",
		                               ACT_RELOAD};
	}
	if (desc_nchildren(f->desc) && stored)
		f->keys[n++] = (struct ui_key){CMD_CHILDREN, desc_child_title(f->desc), NULL,
		                               ACT_CHILDREN};
	s->keys = f->keys;
	s->nkeys = n;
	s->title = f->def->label;
}

/* Said once at the top of a form the role may not change: the role may
 * not change records of this type at all, or not this one (another
 * district's, another provider's). */
static void why_readonly(struct screen *s)
{
	struct form_state *f = s->data;
	enum right_verb verb = head(f)->id ? VERB_CHANGE : VERB_CREATE;
	char day[DATE_BUFSIZE];

	if (purged_on(f)) {
		date_format(purged_on(f), day, sizeof(day));
		snprintf(f->holder, sizeof(f->holder),
		         "nur lesen: nach Ablauf der Aufbewahrungsfrist am %s gelöscht", day);
	} else if (!rights_anyone(f->def, verb))
		snprintf(f->holder, sizeof(f->holder),
		         "nur lesen: Gespeichertes bleibt, wie es ist (berichtigt wird mit einem "
		         "neuen Eintrag)");
	else if (!rights_may(ui_staff(s->ui), f->def, verb))
		snprintf(f->holder, sizeof(f->holder), "nur lesen: Ihre Rolle darf %s nicht %s",
		         f->def->plural, verb == VERB_CHANGE ? "ändern" : "anlegen");
	else
		snprintf(f->holder, sizeof(f->holder),
		         "nur lesen: dies liegt außerhalb Ihres Bereichs (Sozialraum oder Träger)");
}

static enum status form_open(struct screen *s)
{
	struct form_state *f = s->data;
	enum status st = STATUS_OK;

	make_keys(s);
	if (head(f)->id)
		st = ui_record_get(s->ui, f->def, head(f)->id, f->rec, f->holder,
		                   sizeof(f->holder));
	if (st == STATUS_OK)
		st = load_parent(s);
	if (st != STATUS_OK)
		return st;
	f->may_edit = role_may_edit(s);
	f->readonly = head(f)->id || !f->may_edit; /* looking never locks */
	if (!f->may_edit)
		why_readonly(s);
	f->formwin = derwin(s->win, getmaxy(s->win) - 1, getmaxx(s->win), 1, 0);
	f->form = f->formwin ? ui_form_new(s->ui, f->formwin, f->def, f->desc->sections,
	                                   f->desc->nsections, f->rec, f->parent, f->readonly)
	                     : NULL;
	if (!f->form)
		return STATUS_ERR_NOMEM;
	if (f->resume)
		resume_draft(s);
	return STATUS_OK;
}

/* A stored record as people name it: one whose id is made of its content
 * by that ("Monatszahl: 10.2026"), one with a number of its own by the
 * number ("Fall 2026-00123"), else "Angebot Nr. 12". */
static void stored_name(const struct form_state *f, char *buf, size_t size)
{
	if (f->def->ids == IDS_COMPUTED)
		record_name(f, buf, size);
	else if (f->desc->number_field && record_text(f->def, f->rec, f->desc->number_field)[0])
		snprintf(buf, size, "%s %s", f->def->label,
		         record_text(f->def, f->rec, f->desc->number_field));
	else
		snprintf(buf, size, "%s Nr. %llu", f->def->label, (unsigned long long)head(f)->id);
}

static void form_draw(struct screen *s)
{
	struct form_state *f = s->data;
	char title[240], name[160];

	stored_name(f, name, sizeof(name));
	if (head(f)->id)
		snprintf(title, sizeof(title), "%s, Stand %u%s", name, head(f)->version,
		         f->locked ? " – in Bearbeitung" : " – zum Ändern tippen oder F3");
	else
		snprintf(title, sizeof(title), "%s – neu, noch nicht gespeichert", f->def->label);
	wattrset(s->win,
	         f->holder[0] ? ui_attr(s->ui, UI_ATTR_ERROR) : ui_attr(s->ui, UI_ATTR_TITLE));
	ui_put(s->win, 0, 0, f->holder[0] ? f->holder : title, getmaxx(s->win), true);
	wattrset(s->win, A_NORMAL);
	wnoutrefresh(s->win);
	ui_form_draw(f->form);
}

/* Back from the conflict screen: the form goes on from the stored version
 * and shows the merged values as input, still to be saved. */
static void conflict_merged(void *ctx, const void *merged, const void *stored)
{
	struct screen *s = ctx;
	struct form_state *f = s->data;
	struct draft *typed = calloc(1, sizeof(*typed));
	char *value = malloc(DRAFT_TEXT_SIZE);

	if (typed && value) {
		for (size_t i = 0; i < f->def->nfields; i++) {
			field_format(&f->def->fields[i], merged, value, DRAFT_TEXT_SIZE);
			draft_put(typed, f->def->fields[i].name, value);
		}
		memcpy(f->rec, stored, f->def->size);
		ui_form_reset(f->form, f->rec);
		ui_form_from_draft(f->form, typed);
		if (!f->locked)
			take_lock(s); /* a new record turned out to exist: edit it */
		make_keys(s);
		ui_keys_changed(s->ui);
		ui_message(s->ui, "Übernommen auf Stand %u: mit F2 speichern.", head(f)->version);
	}
	free(value);
	free(typed);
}

/* A conflict: the input is kept as a draft, and the differing fields are
 * shown to choose from. False when the stored record cannot be read. */
static bool show_conflict(struct screen *s, const void *yours)
{
	struct form_state *f = s->data;
	void *stored = malloc(f->def->size);
	bool shown = false;
	/* A new record whose id comes from its content (a month's count):
	 * somebody made the one with that id meanwhile. */
	uint64_t id = head(f)->id                   ? head(f)->id
	              : f->def->ids == IDS_COMPUTED ? f->def->make_id(yours)
	                                            : 0;

	if (stored && id && ui_record_get(s->ui, f->def, id, stored, NULL, 0) == STATUS_OK) {
		form_save_draft(s);
		shown = scr_conflict_open(s->ui, f->def, yours, stored, conflict_merged, s);
	}
	free(stored);
	return shown;
}

static void form_save(struct screen *s)
{
	struct form_state *f = s->data;
	void *rec = malloc(f->def->size);
	char err[256], name[160];
	enum status st;

	if (!rec)
		return;
	if (f->readonly) {
		ui_error(s->ui, "%s", f->holder[0] ? f->holder : "nur lesen");
		goto out;
	}
	if (ui_form_collect(f->form, rec) != STATUS_OK)
		goto out; /* the form shows the message at the field */
	memcpy(rec, f->rec, sizeof(struct record_head)); /* the version the input is based on */
	if (!head(f)->id && f->desc->check_new && !f->desc->check_new(s->ui, rec))
		goto out; /* not now: the input stays */
	st = ui_record_save(s->ui, f->def, rec, err, sizeof(err));
	if (st == STATUS_ERR_CONFLICT && show_conflict(s, rec))
		goto out;
	if (st != STATUS_OK && st != STATUS_ERR_CONFLICT && err[0] &&
	    ui_form_fail_text(f->form, err)) {
		form_save_draft(s); /* the server's rule, at its field */
		goto out;
	}
	if (st != STATUS_OK) {
		form_save_draft(s);
		ui_error(s->ui, "Nicht gespeichert: %s%s", err[0] ? err : status_message(st),
		         st == STATUS_ERR_CONFLICT ? " – Ihre Eingaben sind als Entwurf gesichert."
		                                   : "");
		goto out;
	}
	memcpy(f->rec, rec, f->def->size);
	f->draft_id = 0; /* the server dropped it with the save */
	ui_form_reset(f->form, f->rec);
	if (!f->locked) {
		/* a new record: edit on under the lock, if the role may change
		 * what it made (a decision is never changed) */
		if (!(f->may_edit = role_may_edit(s))) {
			why_readonly(s);
			f->readonly = true;
			ui_form_set_readonly(f->form, true);
		}
		take_lock(s);
		make_keys(s); /* and now it may have children */
		ui_keys_changed(s->ui);
	}
	stored_name(f, name, sizeof(name));
	ui_message(s->ui, "Gespeichert (%s, Stand %u).", name, head(f)->version);
out:
	free(rec);
}

/* Esc: unsaved input is either kept as a draft or thrown away, as asked. */
static int form_back(struct screen *s)
{
	struct form_state *f = s->data;

	if (!f->readonly && ui_form_changed(f->form)) {
		switch (ui_ask(s->ui,
		               "Ungesicherte Eingaben verwerfen? (n: als Entwurf behalten)")) {
		case UI_ANSWER_CANCEL:
			return UI_HANDLED | UI_REDRAW; /* back to the form, input as it was */
		case UI_ANSWER_YES:
			if (f->draft_id)
				ui_draft_delete(s->ui, f->draft_id);
			break;
		case UI_ANSWER_NO:
			form_save_draft(s);
			ui_message(s->ui,
			           "Als Entwurf behalten; er wird in der Übersicht angeboten.");
			break;
		}
	} else if (f->draft_id) {
		ui_draft_delete(s->ui, f->draft_id);
	}
	return UI_LEAVE;
}

/* F5: the stored version, after asking when input would be lost; a lock
 * somebody released meanwhile is taken when editing goes on. */
static void form_reload(struct screen *s)
{
	struct form_state *f = s->data;

	if (!head(f)->id)
		return;
	if (!f->readonly && ui_form_changed(f->form) &&
	    ui_ask(s->ui, "Ungesicherte Eingaben verwerfen und neu laden?") != UI_ANSWER_YES)
		return;
	if (ui_record_get(s->ui, f->def, head(f)->id, f->rec, f->holder, sizeof(f->holder)) !=
	    STATUS_OK)
		return;
	ui_form_reset(f->form, f->rec);
	if (!f->holder[0] && f->may_edit && !f->locked)
		take_lock(s);
	ui_message(s->ui, "Neu geladen: Stand %u.", head(f)->version);
}

/* The form goes first: an open choice list or the text editor takes Esc
 * and the function keys itself; the screen's keys act on what it leaves. */
static int form_key(struct screen *s, int action, struct ui_input in)
{
	struct form_state *f = s->data;
	int flags;

	/* The first change takes the lock; without it the key does nothing. */
	if (f->readonly && f->may_edit && !f->locked && is_edit_key(in) && !take_lock(s))
		return UI_HANDLED | UI_REDRAW;
	flags = ui_form_key(f->form, in);
	if (flags != UI_UNHANDLED) {
		if (ui_form_draft_due(f->form) && ui_form_changed(f->form))
			form_save_draft(s);
		return flags;
	}
	switch (action) {
	case ACT_SAVE:
		form_save(s);
		return UI_HANDLED;
	case ACT_BACK:
		return form_back(s);
	case ACT_RELOAD:
		form_reload(s);
		return UI_HANDLED | UI_REDRAW;
	case ACT_EDIT:
		if (!take_lock(s) && !f->may_edit)
			ui_error(s->ui, "%s", f->holder);
		return UI_HANDLED | UI_REDRAW;
	case ACT_CHILDREN:
		return desc_open_children(s->ui, f->desc, f->rec);
	default:
		return UI_UNHANDLED;
	}
}

static bool form_dirty(struct screen *s)
{
	struct form_state *f = s->data;

	return f->form && !f->readonly && ui_form_changed(f->form);
}

static void form_resize(struct screen *s)
{
	struct form_state *f = s->data;
	WINDOW *old = f->formwin;

	f->formwin = derwin(s->win, getmaxy(s->win) - 1, getmaxx(s->win), 1, 0);
	ui_form_resize(f->form, f->formwin); /* lets go of the old window's subwindows */
	delwin(old);
	touchwin(s->win);
}

/* After a server restart the lock was taken again, unless somebody else
 * got it meanwhile: then the form goes read-only and the input stays. */
static void form_reconnected(struct screen *s)
{
	struct form_state *f = s->data;

	if (!f->locked || ui_holds_lock(s->ui, f->def->table, head(f)->id))
		return;
	f->locked = false;
	form_save_draft(s);
	take_lock(s);
}

/* The record shown was saved (by another, or settled by a save of this
 * user's: the case whose alert an assessment ended): a form with nothing
 * typed into it shows the new version at once (its lock, if it has one,
 * stays); one with input keeps it, and its save meets the conflict. */
static void form_saved_elsewhere(struct screen *s, const struct wire_event *ev)
{
	struct form_state *f = s->data;

	if (ui_form_changed(f->form) || ui_record_get(s->ui, f->def, head(f)->id, f->rec, f->holder,
	                                              sizeof(f->holder)) != STATUS_OK)
		return;
	ui_form_reset(f->form, f->rec);
	if (strcmp(ev->login, ui_me(s->ui)->login) != 0)
		ui_message(s->ui, "%s wurde eben von %s gespeichert: Stand %u.", f->def->label,
		           ev->login, head(f)->version);
}

/* The user took the lock over in another session: this form stops
 * editing, and what was typed here is kept as a draft. */
static void form_event(struct screen *s, const struct wire_event *ev)
{
	struct form_state *f = s->data;

	if (strcmp(ev->table, f->def->table) != 0 || ev->id != head(f)->id || !head(f)->id)
		return;
	if (strcmp(ev->kind, "saved") == 0) {
		form_saved_elsewhere(s, ev);
		return;
	}
	if (strcmp(ev->kind, "lock-taken") != 0 || !f->locked)
		return;
	if (ui_form_changed(f->form))
		form_save_draft(s);
	ui_forget_lock(s->ui, f->def->table, head(f)->id);
	f->locked = false;
	f->readonly = true;
	ui_form_set_readonly(f->form, true);
	snprintf(f->holder, sizeof(f->holder),
	         "nur lesen: Sie bearbeiten es jetzt in einer anderen Sitzung");
	ui_error(s->ui, "Die Bearbeitung ist in Ihre andere Sitzung gewechselt; Eingaben von hier "
	                "sind als Entwurf gesichert.");
}

static void form_close(struct screen *s)
{
	struct form_state *f = s->data;

	if (!f)
		return;
	if (f->locked)
		ui_unlock(s->ui, f->def->table, head(f)->id);
	ui_form_free(f->form);
	if (f->formwin)
		delwin(f->formwin);
	free(f->rec);
	free(f->parent);
	free(f);
}

static const struct screen_ops form_ops = {
        .open = form_open,
        .draw = form_draw,
        .key = form_key,
        .resize = form_resize,
        .dirty = form_dirty,
        .save_draft = form_save_draft,
        .reconnected = form_reconnected,
        .event = form_event,
        .close = form_close,
        .typing = true,
        .help = form_help,
};

bool scr_form_open(struct ui *ui, const struct screen_desc *desc, uint64_t id, const void *parent,
                   const struct draft *draft)
{
	return scr_form_open_from(ui, desc, id, parent, draft, NULL);
}

bool scr_form_open_from(struct ui *ui, const struct screen_desc *desc, uint64_t id,
                        const void *parent, const struct draft *draft, const void *start)
{
	const struct record_def *def = desc->def;
	struct form_state *f = calloc(1, sizeof(*f));
	const struct field_def *pf = def->parent ? record_field(def, def->parent_field) : NULL;

	if (!f || !(f->rec = calloc(1, def->size)) ||
	    (parent && def->parent && !(f->parent = malloc(def->parent->size)))) {
		if (f)
			free(f->rec);
		free(f);
		return false;
	}
	f->desc = desc;
	f->def = def;
	if (f->parent)
		memcpy(f->parent, parent, def->parent->size);
	if (start)
		memcpy(f->rec, start, def->size);
	else if (!id && desc->defaults)
		desc->defaults(ui, f->rec, parent);
	head(f)->id = id;
	if (pf && pf->type == FIELD_ID && parent)
		*(uint64_t *)((char *)f->rec + pf->offset) =
		        ((const struct record_head *)parent)->id;
	else if (pf && pf->type == FIELD_ID && draft && !id) {
		char value[32] = "";

		draft_get(draft, def->parent_field, value, sizeof(value));
		field_parse(pf, value, f->rec);
	}
	f->resume = draft;
	return ui_push(ui, &form_ops, f);
}
