/* Unit tests of the form engine and the built-in editor, headless: curses
 * writes to /dev/null, keys go straight into ui_form_key, and what a field
 * holds is read back through ui_form_to_draft. The shell's few functions
 * the form calls are stubbed here. Skips when no UTF-8 locale exists. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/offer.h"
#include "ui/editor.h" /* src/ui/editor.h: built with -I$(top_srcdir)/src */
#include "ui/ui.h"     /* src/ui: the screen API under test */

struct ui {
	struct config *config;
};

static struct ui the_ui;
static char last_message[256];

attr_t ui_attr(const struct ui *ui, enum ui_attr which)
{
	(void)ui;
	return which == UI_ATTR_FIELD_ACTIVE ? A_REVERSE : A_NORMAL;
}

const struct config *ui_config(const struct ui *ui)
{
	return ui->config;
}

bool ui_ascii(const struct ui *ui)
{
	(void)ui;
	return false;
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	(void)ui;
	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	(void)ui;
	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
}

void ui_error_stays(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	(void)ui;
	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
}

static struct cfg_district districts[] = {{"FG", "Friedrichsgabe", 0}, {"HM", "Harksheide", 0}};
static struct cfg_provider providers[] = {{"DW", "Diakonisches Werk", "", ""}};

static int key(struct ui_form *form, int code)
{
	return ui_form_key(form, (struct ui_input){.ch = (wint_t)code, .is_key = true});
}

static int chr(struct ui_form *form, wchar_t c)
{
	return ui_form_key(form, (struct ui_input){.ch = (wint_t)c, .is_key = false});
}

/* Types UTF-8 TEXT character by character. */
static void type(struct ui_form *form, const char *text)
{
	wchar_t w[256];
	size_t n = editor_decode(text, w, 256);

	for (size_t i = 0; i < n; i++)
		chr(form, w[i]);
}

/* The text field NAME holds now. */
static const char *field(const struct ui_form *form, const char *name)
{
	static struct draft draft;
	static char value[DRAFT_TEXT_SIZE];

	memset(&draft, 0, sizeof(draft));
	ui_form_to_draft(form, &draft);
	if (!draft_get(&draft, name, value, sizeof(value)))
		return "(none)";
	return value;
}

static WINDOW *win;

static struct ui_form *offer_form(bool readonly)
{
	struct offer offer = {.kind = -1, .budget_line = LINE_NO_CASE, .active_from = 20260101};

	strcpy(offer.district, "FG");
	return ui_form_new(&the_ui, win, &offer_def, NULL, 0, &offer, NULL, readonly);
}

static void test_typing(void)
{
	struct ui_form *form = offer_form(false);

	CHECK(!ui_form_changed(form));
	CHECK_STR(field(form, "district"), "FG");
	key(form, KEY_BACKSPACE);
	key(form, KEY_BACKSPACE);
	type(form, "hm");
	CHECK_STR(field(form, "district"), "hm");
	chr(form, '\t'); /* leaving completes the id */
	CHECK_STR(field(form, "district"), "HM");
	chr(form, '\t');
	type(form, "Straßenfest 日本");
	CHECK_STR(field(form, "name"), "Straßenfest 日本");
	key(form, KEY_HOME);
	key(form, KEY_DC);
	key(form, KEY_END);
	key(form, KEY_LEFT);
	chr(form, 127);
	type(form, "語");
	CHECK_STR(field(form, "name"), "traßenfest 語本");
	CHECK(ui_form_changed(form));
	ui_form_free(form);
}

static void test_byte_limit(void)
{
	struct ui_form *form = offer_form(false);

	key(form, KEY_BACKSPACE);
	key(form, KEY_BACKSPACE);
	type(form, "日本語日本語日本語"); /* 3 bytes each; 16 fit */
	CHECK_STR(field(form, "district"), "日本語日本");
	CHECK(strstr(last_message, "passt nicht") != NULL);
	ui_form_free(form);
}

static void test_choices(void)
{
	struct ui_form *form = offer_form(false);

	for (int i = 0; i < 3; i++)
		chr(form, '\t');
	chr(form, ' '); /* kind: the list opens on the first entry */
	key(form, KEY_DOWN);
	chr(form, '\r');
	CHECK_STR(field(form, "kind"), "Offener Treff");
	key(form, KEY_F(4));
	chr(form, 'k');
	chr(form, '\r');
	CHECK_STR(field(form, "kind"), "Kurs");
	for (int i = 0; i < 5; i++)
		chr(form, '\t');
	CHECK_STR(field(form, "low_threshold"), "nein");
	chr(form, ' ');
	CHECK_STR(field(form, "low_threshold"), "ja");
	chr(form, 'n');
	CHECK_STR(field(form, "low_threshold"), "nein");
	ui_form_free(form);
}

static void test_collect(void)
{
	struct ui_form *form = offer_form(false);
	struct offer out;

	CHECK_INT(ui_form_collect(form, &out), STATUS_ERR_REQUIRED);
	CHECK_STR(last_message, "Träger: bitte ausfüllen");
	type(form, "dw"); /* the cursor went to the field */
	chr(form, '\t');
	type(form, "Treff");
	chr(form, '\t');
	type(form, "beratung");
	CHECK_INT(ui_form_collect(form, &out), STATUS_OK);
	CHECK_STR(out.provider, "DW");
	CHECK_STR(out.name, "Treff");
	CHECK_INT(out.kind, OFFER_COUNSELLING);
	CHECK_INT(out.active_from, 20260101);
	ui_form_reset(form, &out);
	CHECK(!ui_form_changed(form));
	ui_form_free(form);
}

static void test_bad_date_stays(void)
{
	struct ui_form *form = offer_form(false);

	for (int i = 0; i < 11; i++)
		chr(form, '\t');
	type(form, "31.02.2026");
	CHECK_STR(field(form, "active_to"), "31.02.2026");
	chr(form, '\t');
	CHECK_STR(last_message, "Aktiv bis: Datum ungültig (TT.MM.JJJJ)");
	type(form, "x"); /* still in the same field */
	CHECK_STR(field(form, "active_to"), "31.02.2026x");
	ui_form_free(form);
}

static void test_drafts(void)
{
	struct ui_form *form = offer_form(false);
	struct draft draft = {0};

	CHECK(!ui_form_draft_due(form));
	chr(form, '\t');
	type(form, "dw");
	CHECK(!ui_form_draft_due(form)); /* typing for less than a few seconds */
	chr(form, '\t');
	CHECK(ui_form_draft_due(form)); /* left a changed field */
	CHECK(!ui_form_draft_due(form));
	ui_form_to_draft(form, &draft);
	ui_form_free(form);

	form = offer_form(false);
	ui_form_from_draft(form, &draft);
	CHECK_STR(field(form, "provider"), "DW");
	CHECK(ui_form_changed(form));
	ui_form_free(form);
}

static void test_readonly(void)
{
	struct ui_form *form = offer_form(true);

	CHECK_INT(chr(form, 'x'), UI_UNHANDLED);
	CHECK(key(form, KEY_DOWN) & UI_HANDLED);
	CHECK_INT(chr(form, ' '), UI_UNHANDLED);
	CHECK_STR(field(form, "provider"), "");
	ui_form_set_readonly(form, false);
	type(form, "dw");
	CHECK_STR(field(form, "provider"), "dw");
	ui_form_free(form);
}

struct note {
	struct record_head head;
	char title[21];
	char body[200];
};

static const struct field_def note_fields[] = {
        {.tag = 2, .name = "title", .label = "Titel", FIELD_TEXT(struct note, title), .width = 10},
        {.tag = 3,
         .name = "body",
         .label = "Text",
         FIELD_TEXT(struct note, body),
         .width = 30,
         .multiline = true},
};

static const struct record_def note_def = {.kind = 99,
                                           .version = 1,
                                           .name = "note",
                                           .label = "Notiz",
                                           .size = sizeof(struct note),
                                           .fields = note_fields,
                                           .nfields = 2};

static void test_editor(void)
{
	struct note note = {.title = "T", .body = "eins"};
	struct ui_form *form = ui_form_new(&the_ui, win, &note_def, NULL, 0, &note, NULL, false);
	struct note out;

	chr(form, '\t');
	CHECK(chr(form, '\r') & UI_REDRAW); /* opens the editor */
	chr(form, '\r');
	type(form, "zwei über 日本");
	key(form, KEY_UP);
	key(form, KEY_HOME);
	type(form, ">");
	CHECK_STR(field(form, "body"), ">eins\nzwei über 日本");
	CHECK_INT(chr(form, 27), UI_HANDLED | UI_REDRAW); /* Esc closes it */
	CHECK_STR(field(form, "body"), ">eins\nzwei über 日本");
	CHECK_INT(ui_form_collect(form, &out), STATUS_OK);
	CHECK_STR(out.body, ">eins\nzwei über 日本");
	CHECK_INT(chr(form, 27), UI_UNHANDLED); /* now Esc is the screen's */
	ui_form_free(form);
}

/* A child's form checks the rules that need its parent (a month's count
 * not before the offer began) at the field; a month field takes MM.JJJJ;
 * sections order the fields as declared. */
static void test_child_form(void)
{
	static const char *const count_fields[] = {"people", "month", NULL};
	static const struct ui_form_section sections[] = {{"Zahlen", count_fields}};
	struct offer offer = {.head = {.id = 7}, .active_from = 20260315};
	struct offer_count count = {.offer = 7, .month = 20260401};
	struct ui_form *form =
	        ui_form_new(&the_ui, win, &offer_count_def, sections, 1, &count, &offer, false);
	struct offer_count out;

	CHECK(form != NULL);
	CHECK_STR(field(form, "month"), "04.2026");
	type(form, "12"); /* the first field is the one the section named first */
	chr(form, '\t');
	for (int i = 0; i < 7; i++)
		key(form, KEY_BACKSPACE);
	type(form, "02.2026");
	CHECK_INT(ui_form_collect(form, &out), STATUS_ERR_RANGE);
	CHECK_STR(last_message, "Monat: liegt vor dem Beginn des Angebots");
	for (int i = 0; i < 7; i++)
		key(form, KEY_BACKSPACE);
	type(form, "03.2026");
	CHECK_INT(ui_form_collect(form, &out), STATUS_OK);
	CHECK_INT(out.month, 20260301);
	CHECK_INT(out.people, 12);
	ui_form_free(form);
}

static void test_utf8(void)
{
	const char *text = "aß€😀";
	wchar_t w[8];
	char back[16];

	CHECK_INT(editor_decode(text, w, 8), 4);
	CHECK_INT(w[3], 0x1f600);
	CHECK_INT(editor_encode(w, 4, back, sizeof(back)), strlen(text));
	CHECK_STR(back, text);
	CHECK_INT(editor_encode(w, 4, back, 4), 3); /* cut before the € */
	CHECK_STR(back, "aß");
	CHECK_INT(editor_decode("a\xff"
	                        "b",
	                        w, 8),
	          3);
	CHECK_INT(w[1], 0xfffd);
}

int main(void)
{
	struct config config = {
	        .districts = districts, .ndistricts = 2, .providers = providers, .nproviders = 1};
	FILE *out = fopen("/dev/null", "w");
	SCREEN *screen;

	if (!setlocale(LC_ALL, "C.UTF-8") || !out) {
		printf("# skip: no C.UTF-8 locale\n");
		return 77;
	}
	screen = newterm("xterm", out, stdin);
	if (!screen) {
		printf("# skip: no terminal description for xterm\n");
		return 77;
	}
	the_ui.config = &config;
	win = newwin(21, 80, 1, 0);
	RUN(test_utf8);
	RUN(test_typing);
	RUN(test_byte_limit);
	RUN(test_choices);
	RUN(test_collect);
	RUN(test_bad_date_stays);
	RUN(test_drafts);
	RUN(test_readonly);
	RUN(test_editor);
	RUN(test_child_form);
	delwin(win);
	endwin();
	delscreen(screen);
	fclose(out);
	return CHECK_EXIT();
}
