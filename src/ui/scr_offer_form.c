/* The form of one offer. Looking never locks: the offer opens to be read,
 * and the edit lock is taken at the first change (or with F3); when
 * somebody else has it, the line says who and since when and the form
 * stays read-only, as it does for a role that may not change the offer
 * (the model's rights table says so). A save names the version it
 * edited: a conflicting save is refused with the server's message and
 * nothing is overwritten. Unsaved input goes to the server as a draft
 * (leaving a field, every few seconds of typing, on hang-up) with the
 * version it started from, and is offered again at the next login; a
 * draft of an offer saved by somebody else since keeps that old version,
 * so its save is refused as a conflict instead of writing over theirs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "model/rights.h"
#include "screens.h"

struct offer_form {
	struct offer offer; /* as loaded or last saved */
	struct ui_form *form;
	WINDOW *formwin;
	bool locked;   /* this session holds the edit lock */
	bool readonly; /* not (yet) editable: only looking, locked by another, or no right */
	bool may_edit; /* the role may change it: the lock is taken at the first change */
	char holder[128];
	uint64_t draft_id;
	const struct draft *resume; /* continue this draft once open */
};

enum { ACT_SAVE = 1, ACT_BACK, ACT_RELOAD_FORM, ACT_EDIT };

static const struct ui_key form_keys[] = {
        {0, KEY_F(2), "Speichern", "speichern (auch Strg-S)", ACT_SAVE, &offer_def, VERB_CHANGE},
        {0, KEY_F(3), "Bearbeiten", "zum Bearbeiten sperren (geschieht auch beim ersten Tippen)",
         ACT_EDIT, &offer_def, VERB_CHANGE},
        {19 /* ^S */, 0, NULL, "speichern", ACT_SAVE, &offer_def, VERB_CHANGE},
        {27, 0, "Zurück", "zurück; fragt bei ungesicherten Eingaben", ACT_BACK},
        {0, KEY_F(5), "Neu laden", "den gespeicherten Stand neu laden", ACT_RELOAD_FORM},
};

static const char *const form_fields[] = {
        "district",    "provider", "name",          "kind",        "target_group", "address",
        "times",       "contact",  "low_threshold", "budget_line", "active_from",  "active_to",
        "description", NULL};

/* May this role change the offer? Asked of the model's rights table (the
 * server decides again at the save). */
static bool role_may_edit(struct screen *s, const struct offer *offer)
{
	return rights_allow(ui_config(s->ui), ui_staff(s->ui), &offer_def,
	                    offer->head.id ? VERB_CHANGE : VERB_CREATE, offer);
}

/* Takes the edit lock, or stays read-only naming who has it. A new offer
 * needs none. Returns true when the form may be edited now. */
static bool take_lock(struct screen *s)
{
	struct offer_form *f = s->data;
	enum status st;

	if (!f->may_edit)
		return false;
	if (f->locked || !f->offer.head.id) {
		f->readonly = false;
		return true;
	}
	f->holder[0] = '\0';
	st = ui_lock(s->ui, offer_def.table, f->offer.head.id, false, f->holder, sizeof(f->holder));
	if (st == STATUS_ERR_EXISTS &&
	    ui_confirm(s->ui, "Sie bearbeiten dieses Angebot in einer anderen Sitzung. Dort "
	                      "aufhören und hier bearbeiten?"))
		st = ui_lock(s->ui, offer_def.table, f->offer.head.id, true, f->holder,
		             sizeof(f->holder));
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

/* A draft of an offer that was saved by somebody else since the draft
 * began: the form starts from the draft's version, so that saving it is
 * refused as a conflict instead of writing over their change. */
static void resume_draft(struct screen *s)
{
	struct offer_form *f = s->data;
	const struct draft *d = f->resume;

	ui_form_from_draft(f->form, d);
	f->draft_id = d->head.id;
	f->resume = NULL;
	take_lock(s); /* input waits in the form: it is being edited */
	if (f->offer.head.id && d->based_on && (uint32_t)d->based_on != f->offer.head.version) {
		ui_error(s->ui,
		         "Seit Ihrem Entwurf (Stand %lld) hat jemand gespeichert (Stand %u): "
		         "F5 zeigt den neuen Stand.",
		         (long long)d->based_on, f->offer.head.version);
		f->offer.head.version = (uint32_t)d->based_on;
	} else {
		ui_message(s->ui, "Entwurf fortgesetzt: mit F2 speichern.");
	}
}

static enum status form_open(struct screen *s)
{
	struct offer_form *f = s->data;
	enum status st = STATUS_OK;

	if (f->offer.head.id)
		st = ui_record_get(s->ui, &offer_def, f->offer.head.id, &f->offer, f->holder,
		                   sizeof(f->holder));
	if (st != STATUS_OK)
		return st;
	f->may_edit = role_may_edit(s, &f->offer);
	f->readonly = f->offer.head.id || !f->may_edit; /* looking never locks */
	if (!f->may_edit)
		snprintf(f->holder, sizeof(f->holder),
		         "nur lesen: Ihre Rolle darf dieses Angebot nicht ändern");
	f->formwin = derwin(s->win, getmaxy(s->win) - 1, getmaxx(s->win), 1, 0);
	f->form = f->formwin ? ui_form_new(s->ui, f->formwin, &offer_def, form_fields, &f->offer,
	                                   NULL, f->readonly)
	                     : NULL;
	if (!f->form)
		return STATUS_ERR_NOMEM;
	if (f->resume)
		resume_draft(s);
	return STATUS_OK;
}

static void form_draw(struct screen *s)
{
	struct offer_form *f = s->data;
	char title[200];

	if (f->offer.head.id)
		snprintf(title, sizeof(title), "Angebot Nr. %llu, Stand %u%s",
		         (unsigned long long)f->offer.head.id, f->offer.head.version,
		         f->locked ? " – in Bearbeitung" : " – zum Ändern tippen oder F3");
	else
		snprintf(title, sizeof(title), "Neues Angebot");
	wattrset(s->win,
	         f->holder[0] ? ui_attr(s->ui, UI_ATTR_ERROR) : ui_attr(s->ui, UI_ATTR_TITLE));
	ui_put(s->win, 0, 0, f->holder[0] ? f->holder : title, getmaxx(s->win), true);
	wattrset(s->win, A_NORMAL);
	wnoutrefresh(s->win);
	ui_form_draw(f->form);
}

static void form_save_draft(struct screen *s)
{
	struct offer_form *f = s->data;
	struct draft *draft = calloc(1, sizeof(*draft));
	char name[OFFER_TEXT_SIZE] = "";

	if (!draft || f->readonly)
		goto out;
	snprintf(draft->table, sizeof(draft->table), "%s", offer_def.table);
	draft->record = f->offer.head.id;
	draft->based_on = f->offer.head.version;
	ui_form_to_draft(f->form, draft);
	draft_get(draft, "name", name, sizeof(name));
	snprintf(draft->title, sizeof(draft->title), "Angebot: %s",
	         name[0] ? name : "(ohne Namen)");
	if (ui_draft_put(s->ui, draft) == STATUS_OK)
		f->draft_id = draft->head.id;
out:
	free(draft);
}

/* Back from the conflict screen: the form goes on from the stored version
 * and shows the merged values as input, still to be saved. */
static void conflict_merged(void *ctx, const void *merged, const void *stored)
{
	struct screen *s = ctx;
	struct offer_form *f = s->data;
	struct draft *typed = calloc(1, sizeof(*typed));
	char value[OFFER_DESC_SIZE + 16];

	if (!typed)
		return;
	for (size_t i = 0; form_fields[i]; i++) {
		field_format(record_field(&offer_def, form_fields[i]), merged, value,
		             sizeof(value));
		draft_put(typed, form_fields[i], value);
	}
	f->offer = *(const struct offer *)stored;
	ui_form_reset(f->form, &f->offer);
	ui_form_from_draft(f->form, typed);
	free(typed);
	ui_message(s->ui, "Übernommen auf Stand %u: mit F2 speichern.", f->offer.head.version);
}

/* A conflict: the input is kept as a draft, and the differing fields are
 * shown to choose from. False when the stored record cannot be read. */
static bool show_conflict(struct screen *s, const struct offer *yours)
{
	struct offer_form *f = s->data;
	struct offer stored;

	if (ui_record_get(s->ui, &offer_def, f->offer.head.id, &stored, NULL, 0) != STATUS_OK)
		return false;
	form_save_draft(s);
	return scr_conflict_open(s->ui, &offer_def, yours, &stored, conflict_merged, s);
}

static void form_save(struct screen *s)
{
	struct offer_form *f = s->data;
	struct offer offer = f->offer;
	char err[256];
	enum status st;

	if (f->readonly) {
		ui_error(s->ui, "Nur lesen: %s", f->holder);
		return;
	}
	if (ui_form_collect(f->form, &offer) != STATUS_OK)
		return;             /* the form shows the message at the field */
	offer.head = f->offer.head; /* the version the input is based on */
	st = ui_record_save(s->ui, &offer_def, &offer, err, sizeof(err));
	if (st == STATUS_ERR_CONFLICT && show_conflict(s, &offer))
		return;
	if (st != STATUS_OK) {
		form_save_draft(s);
		ui_error(s->ui, "Nicht gespeichert: %s%s", err[0] ? err : status_message(st),
		         st == STATUS_ERR_CONFLICT ? " – Ihre Eingaben sind als Entwurf gesichert; "
		                                     "F5 lädt den neuen Stand."
		                                   : "");
		return;
	}
	f->offer = offer;
	f->draft_id = 0; /* the server dropped it with the save */
	ui_form_reset(f->form, &f->offer);
	if (!f->locked)
		take_lock(s); /* a new offer: edit on under the lock */
	ui_form_set_readonly(f->form, f->readonly);
	ui_message(s->ui, "Gespeichert (Angebot Nr. %llu, Stand %u).",
	           (unsigned long long)offer.head.id, offer.head.version);
}

/* Esc: unsaved input is either kept as a draft or thrown away, as asked. */
static int form_back(struct screen *s)
{
	struct offer_form *f = s->data;

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
	struct offer_form *f = s->data;

	if (!f->offer.head.id)
		return;
	if (!f->readonly && ui_form_changed(f->form) &&
	    !ui_confirm(s->ui, "Ungesicherte Eingaben verwerfen und neu laden?"))
		return;
	if (ui_record_get(s->ui, &offer_def, f->offer.head.id, &f->offer, f->holder,
	                  sizeof(f->holder)) != STATUS_OK)
		return;
	ui_form_reset(f->form, &f->offer);
	ui_message(s->ui, "Neu geladen: Stand %u.", f->offer.head.version);
}

/* The form goes first: an open choice list or the text editor takes Esc
 * and the function keys itself; the screen's keys act on what it leaves. */
static int form_key(struct screen *s, int action, struct ui_input in)
{
	struct offer_form *f = s->data;
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
	case ACT_RELOAD_FORM:
		form_reload(s);
		return UI_HANDLED | UI_REDRAW;
	case ACT_EDIT:
		if (!take_lock(s) && !f->may_edit)
			ui_error(s->ui, "Ihre Rolle darf dieses Angebot nicht ändern.");
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static bool form_dirty(struct screen *s)
{
	struct offer_form *f = s->data;

	return f->form && !f->readonly && ui_form_changed(f->form);
}

static void form_resize(struct screen *s)
{
	struct offer_form *f = s->data;

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
	struct offer_form *f = s->data;

	if (!f->locked || ui_holds_lock(s->ui, offer_def.table, f->offer.head.id))
		return;
	f->locked = false;
	form_save_draft(s);
	take_lock(s);
}

/* The user took the lock over in another session: this form stops
 * editing, and what was typed here is kept as a draft. */
static void form_event(struct screen *s, const struct wire_event *ev)
{
	struct offer_form *f = s->data;

	if (strcmp(ev->kind, "lock-taken") != 0 || strcmp(ev->table, offer_def.table) != 0 ||
	    ev->id != f->offer.head.id || !f->locked)
		return;
	if (ui_form_changed(f->form))
		form_save_draft(s);
	ui_forget_lock(s->ui, offer_def.table, f->offer.head.id);
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
	struct offer_form *f = s->data;

	if (!f)
		return;
	if (f->locked)
		ui_unlock(s->ui, offer_def.table, f->offer.head.id);
	ui_form_free(f->form);
	if (f->formwin)
		delwin(f->formwin);
	free(f);
}

static const struct screen_ops offer_form_ops = {
        .title = "Angebot",
        .keys = form_keys,
        .nkeys = sizeof(form_keys) / sizeof(form_keys[0]),
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
};

bool scr_offer_form_open(struct ui *ui, uint64_t id, const struct draft *draft)
{
	struct offer_form *f = calloc(1, sizeof(*f));
	const struct cfg_staff *me = ui_staff(ui);
	const struct config *config = ui_config(ui);

	if (!f)
		return false;
	f->offer.head.id = id;
	f->offer.kind = -1;
	f->offer.budget_line = LINE_NO_CASE;
	f->offer.active_from = date_today();
	if (me->provider >= 0)
		snprintf(f->offer.provider, sizeof(f->offer.provider), "%s",
		         config->providers[me->provider].id);
	if (me->team >= 0 && config->teams[me->team].ndistricts)
		snprintf(f->offer.district, sizeof(f->offer.district), "%s",
		         config->districts[config->teams[me->team].districts[0]].id);
	f->resume = draft;
	return ui_push(ui, &offer_form_ops, f);
}
