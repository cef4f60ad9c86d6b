/* Unit tests of the list view (src/ui/list.c) without a terminal: curses
 * writes to a temporary file through newterm, keys go straight to
 * ui_list_key, and the shell's functions the list calls are stubs here.
 *
 * Besides paging, filter and sort, two properties are checked: what the
 * incremental drawing leaves in the window equals a full repaint of the
 * same state, and moving the cursor costs few bytes on the wire (the file
 * curses writes to is the wire). */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "model/offer.h"
#include "ui/ui.h" /* src/ui: the screen API under test */

/* --- stubs for the shell (shell.c, term.c) --- */

struct ui {
	const char *answer; /* what ui_prompt "types"; NULL: Esc */
	int errors;
};

attr_t ui_attr(const struct ui *ui, enum ui_attr which)
{
	(void)ui;
	return which == UI_ATTR_SELECTED ? A_REVERSE : which == UI_ATTR_TITLE ? A_BOLD : A_NORMAL;
}

bool ui_ascii(const struct ui *ui)
{
	(void)ui;
	return false;
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	(void)fmt;
	ui->errors++;
}

bool ui_prompt(struct ui *ui, const char *prompt, char *buf, size_t size)
{
	(void)prompt;
	if (!ui->answer)
		return false;
	snprintf(buf, size, "%s", ui->answer);
	return true;
}

/* --- a source of offers, paged like the server --- */

#define TOTAL 1000
#define PAGE  50

static const char *const names[] = {"Müller Jugendtreff", "Café Kinderzimmer", "Straßenfußball",
                                    "MÜLLER Beratung", "Zeltlager Nord"};

struct source {
	int fetches;
	long generation; /* positions of an older one are unknown (a server restart) */
	long last_from;  /* the row the last page went on from; -1: an end */
	bool last_up;
	char last_filter[64];
};

static void make_offer(size_t i, struct offer *o)
{
	memset(o, 0, sizeof(*o));
	o->head.id = i + 1;
	snprintf(o->name, sizeof(o->name), "%s %zu", names[i % 5], i);
	snprintf(o->district, sizeof(o->district), "%s", i % 2 ? "nord" : "sued");
	o->active_from = 20240101 + (int32_t)(i * 37 % 12) * 100 + (int32_t)(i % 28);
}

/* A position as the server gives it: opaque bytes, here a row's index. */
static struct source src;

static void put_pos(struct ui_page_pos *pos, long row)
{
	long token = src.generation << 32 | row;

	memcpy(pos->after, &token, sizeof(token));
	pos->len = sizeof(token);
}

/* The row of a position, -2 for one of an older generation. */
static long get_pos(const struct ui_page_pos *pos)
{
	long token;

	memcpy(&token, pos->after, sizeof(token));
	return token >> 32 == src.generation ? token & 0xffffffff : -2;
}

/* Two ways like the server: down from after a row (or from the first),
 * up from before one (or from the last), nearest first. */
static enum status fetch(void *ctx, struct ui_list *list, struct ui_list_page *page, bool *more)
{
	struct source *source = ctx;
	long from = page->from ? get_pos(page->from) : -1, row, step = page->up ? -1 : 1, n = 0;
	struct offer o;

	source->fetches++;
	if (from == -2)
		return STATUS_ERR_NOT_FOUND;
	source->last_from = from;
	source->last_up = page->up;
	snprintf(source->last_filter, sizeof(source->last_filter), "%s", ui_list_filter(list));
	row = from >= 0 ? from + step : page->up ? TOTAL - 1 : 0;
	page->last.len = 0;
	for (; row >= 0 && row < TOTAL && n < PAGE; row += step, n++) {
		make_offer((size_t)row, &o);
		ui_list_append(list, &o);
		if (n == 0)
			put_pos(&page->first, row);
		put_pos(&page->last, row);
	}
	*more = row >= 0 && row < TOTAL;
	if (!*more)
		page->last.len = 0;
	return STATUS_OK;
}

/* Money-like text, to check that numeric columns sort by value. */
static size_t format_amount(const void *row, char *buf, size_t size)
{
	uint64_t id = ((const struct offer *)row)->head.id;
	unsigned long long amount = id * 7 % 1000;

	if (id % 3 == 0)
		return (size_t)snprintf(buf, size, "1.%03llu,50 €", amount);
	return (size_t)snprintf(buf, size, "%llu,50 €", amount);
}

static const struct ui_column columns[] = {
        {.label = "Betrag", .width = 10, .format = format_amount, .numeric = true},
        {.label = "Name", .width = 0, .field = "name"},
        {.label = "SR", .width = 6, .field = "district"},
        {.label = "Ab", .width = 10, .field = "active_from"},
};

static struct ui ui;
static WINDOW *body;
static FILE *wire;

static struct ui_list *list_open(bool server_filter)
{
	struct ui_list_source source = {
	        .fetch = fetch, .ctx = &src, .server_filter = server_filter, .two_way = true};
	struct ui_list *list;

	memset(&src, 0, sizeof(src));
	list = ui_list_new(&ui, body, &offer_def, columns, 4, sizeof(struct offer), source);
	CHECK(list != NULL);
	CHECK(ui_list_reload(list) == STATUS_OK);
	return list;
}

static int key(struct ui_list *list, wint_t ch, bool is_key)
{
	struct ui_input in = {.ch = ch, .is_key = is_key};

	return ui_list_key(list, in);
}

static const struct offer *selected(struct ui_list *list)
{
	return ui_list_selected(list);
}

/* --- the tests --- */

static void test_paging(void)
{
	struct ui_list *list = list_open(false);
	size_t page = (size_t)getmaxy(body) - 2;

	CHECK_INT(src.fetches, 1);
	CHECK_INT(ui_list_count(list), PAGE);
	CHECK_INT(selected(list)->head.id, 1);
	CHECK_INT(key(list, KEY_UP, true), UI_HANDLED); /* nothing to do */
	CHECK_INT(key(list, KEY_DOWN, true), UI_HANDLED | UI_REDRAW);
	CHECK_INT(selected(list)->head.id, 2);
	/* The next page comes while a page of rows still lies ahead. */
	for (size_t i = 1; i + page + 1 < PAGE; i++)
		key(list, KEY_DOWN, true);
	CHECK_INT(src.fetches, 1);
	key(list, KEY_DOWN, true);
	CHECK_INT(src.fetches, 2);
	CHECK_INT(src.last_from, PAGE - 1); /* after the last row in hand */
	CHECK_INT(ui_list_count(list), 2 * PAGE);
	key(list, KEY_HOME, true);
	CHECK_INT(selected(list)->head.id, 1);
	key(list, KEY_NPAGE, true);
	CHECK_INT(selected(list)->head.id, 1 + page);
	key(list, KEY_PPAGE, true);
	CHECK_INT(selected(list)->head.id, 1);
	key(list, KEY_END, true); /* the real end, from the other end of the list */
	CHECK_INT(selected(list)->head.id, TOTAL);
	CHECK(src.last_up && src.last_from == -1);
	CHECK_INT(key(list, '\r', false), UI_HANDLED);
	CHECK_INT(key(list, KEY_ENTER, true), UI_HANDLED);
	CHECK_INT(key(list, 'x', false), UI_UNHANDLED);
	ui_list_free(list);
}

/* However far one scrolls, the list holds a bounded window of pages; the
 * rows above come back from the server's position when scrolled back up,
 * in order, and Home goes to the real first row. */
static void test_window(void)
{
	struct ui_list *list = list_open(false);
	size_t most = 0;
	bool in_order = true;

	for (int i = 0; i < TOTAL - 1; i++) {
		key(list, KEY_DOWN, true);
		most = ui_list_count(list) > most ? ui_list_count(list) : most;
		in_order = in_order && selected(list)->head.id == (uint64_t)i + 2;
	}
	CHECK(in_order);
	CHECK_INT(selected(list)->head.id, TOTAL);
	CHECK(most <= 8 * PAGE);
	for (int i = 0; i < 600; i++) {
		key(list, KEY_UP, true);
		in_order = in_order && selected(list)->head.id == (uint64_t)(TOTAL - 1 - i);
	}
	CHECK(in_order);
	CHECK(src.last_up); /* the rows above came again, walking back */
	CHECK(ui_list_count(list) <= 8 * PAGE);
	key(list, KEY_HOME, true);
	CHECK_INT(selected(list)->head.id, 1);
	key(list, KEY_END, true);
	CHECK_INT(selected(list)->head.id, TOTAL);
	key(list, KEY_PPAGE, true);
	key(list, KEY_PPAGE, true);
	CHECK_INT(selected(list)->head.id, TOTAL - 2 * ((uint64_t)getmaxy(body) - 2));
	for (int i = 0; i < 200; i++)
		key(list, KEY_UP, true);
	CHECK_INT(selected(list)->head.id, TOTAL - 2 * ((uint64_t)getmaxy(body) - 2) - 200);
	ui_list_free(list);
}

/* A position the source no longer knows (the server restarted): the list
 * starts again from the top and says so, nothing breaks. */
static void test_lost_position(void)
{
	struct ui_list *list = list_open(false);
	int errors = ui.errors;

	for (int i = 0; i < PAGE - 10; i++)
		key(list, KEY_DOWN, true);
	src.generation++;
	for (int i = 0; i < 2 * PAGE && ui.errors == errors; i++) /* to where a page is needed */
		key(list, KEY_DOWN, true);
	CHECK(ui.errors > errors);
	CHECK(ui_list_count(list) > 0);
	CHECK_INT(selected(list)->head.id, 1); /* from the top again */
	key(list, KEY_DOWN, true);
	CHECK_INT(selected(list)->head.id, 2);
	ui_list_free(list);
}

static void test_local_filter(void)
{
	struct ui_list *list = list_open(false);

	ui.answer = "muell";
	key(list, '/', false);
	CHECK_STR(ui_list_filter(list), "muell");
	/* Two names in five; the window is filled by fetching on. */
	CHECK(ui_list_count(list) >= (size_t)getmaxy(body) - 2);
	CHECK(strstr(selected(list)->name, "Müller") || strstr(selected(list)->name, "MÜLLER"));
	ui.answer = NULL; /* Esc: everything stays */
	key(list, '/', false);
	CHECK_STR(ui_list_filter(list), "muell");
	ui.answer = "  ";
	key(list, '/', false);
	CHECK_STR(ui_list_filter(list), "");
	CHECK_INT(ui_list_count(list), src.fetches * PAGE);
	ui_list_free(list);
}

static void test_server_filter(void)
{
	struct ui_list *list = list_open(true);

	key(list, KEY_DOWN, true);
	ui.answer = "Café";
	key(list, '/', false);
	CHECK_STR(src.last_filter, "Café");
	CHECK_INT(src.last_from, -1);         /* from the start */
	CHECK_INT(ui_list_count(list), PAGE); /* the server filtered: nothing local */
	CHECK_INT(selected(list)->head.id, 1);
	ui_list_free(list);
}

static bool sorted(struct ui_list *list, int (*cmp)(const struct offer *, const struct offer *))
{
	struct offer prev;
	bool ok = true;

	key(list, KEY_HOME, true);
	prev = *selected(list);
	while (key(list, KEY_DOWN, true) & UI_REDRAW) {
		ok = ok && cmp(&prev, selected(list)) <= 0;
		prev = *selected(list);
	}
	return ok;
}

static int by_amount(const struct offer *a, const struct offer *b)
{
	long long x = (long long)(a->head.id * 7 % 1000) + (a->head.id % 3 ? 0 : 1000);
	long long y = (long long)(b->head.id * 7 % 1000) + (b->head.id % 3 ? 0 : 1000);

	return (x > y) - (x < y);
}

static int by_date(const struct offer *a, const struct offer *b)
{
	return (a->active_from > b->active_from) - (a->active_from < b->active_from);
}

static int by_date_desc(const struct offer *a, const struct offer *b)
{
	return by_date(b, a);
}

static void test_sort(void)
{
	struct ui_list *list = list_open(false);
	uint64_t id;

	key(list, KEY_DOWN, true);
	id = selected(list)->head.id;
	key(list, 's', false);                  /* by amount, as numbers */
	CHECK_INT(selected(list)->head.id, id); /* the cursor stays on its row */
	CHECK(sorted(list, by_amount));
	key(list, 's', false);     /* by name */
	key(list, KEY_F(6), true); /* by district */
	key(list, 's', false);     /* by date, as dates */
	CHECK(sorted(list, by_date));
	key(list, 'S', false);
	CHECK(sorted(list, by_date_desc));
	key(list, 's', false); /* back to the source's order */
	key(list, KEY_HOME, true);
	CHECK_INT(selected(list)->head.id, 1);
	ui_list_free(list);
}

/* The window's lines with their attributes. */
static void snapshot(chtype *out)
{
	for (int y = 0; y < getmaxy(body); y++)
		mvwinchnstr(body, y, 0, out + y * getmaxx(body), getmaxx(body));
}

/* A key chosen by R: mostly moves, sometimes a sort or a filter. */
static void random_key(struct ui_list *list, unsigned r)
{
	static const wint_t moves[] = {KEY_DOWN,  KEY_DOWN,  KEY_DOWN, KEY_UP, KEY_UP,
	                               KEY_NPAGE, KEY_PPAGE, KEY_HOME, KEY_END};
	static const char *const filters[] = {"", "muell", "nord", "zzz", "1"};

	if (r % 23 == 0) {
		key(list, r % 2 ? 's' : 'S', false);
	} else if (r % 29 == 0) {
		ui.answer = filters[r / 29 % 5];
		key(list, '/', false);
	} else {
		key(list, moves[r % 9], true);
	}
}

/* After each key the window as drawn step by step must equal a full
 * repaint of the same state. */
static void test_incremental_draw(void)
{
	size_t cells = (size_t)(getmaxy(body) * getmaxx(body)) + 1;
	chtype *step = calloc(cells, sizeof(*step)), *full = calloc(cells, sizeof(*full));
	struct ui_list *list = list_open(false);
	unsigned seed = 7;
	int bad = -1;

	ui_list_draw(list);
	for (int round = 0; round < 400 && bad < 0; round++) {
		random_key(list, (unsigned)rand_r(&seed));
		ui_list_draw(list);
		snapshot(step);
		ui_list_resize(list, body);
		werase(body);
		ui_list_draw(list);
		snapshot(full);
		if (memcmp(step, full, cells * sizeof(*step)) != 0)
			bad = round;
	}
	CHECK_INT(bad, -1);
	ui_list_free(list);
	free(step);
	free(full);
}

static long wire_bytes(void)
{
	struct stat st;

	fflush(wire);
	return fstat(fileno(wire), &st) == 0 ? (long)st.st_size : 0;
}

static long bytes_for(struct ui_list *list, wint_t ch)
{
	long before;

	doupdate();
	before = wire_bytes();
	key(list, ch, true);
	ui_list_draw(list);
	doupdate();
	return wire_bytes() - before;
}

/* Moving the cursor one line sends the two lines it left and entered
 * (the whole row is highlighted), nothing else; scrolling by one line
 * adds the new line's text, not a repaint. */
static void test_wire_cost(void)
{
	struct ui_list *list = list_open(false);
	size_t page = (size_t)getmaxy(body) - 2;
	long move, scroll;

	ui_list_draw(list);
	doupdate();
	move = bytes_for(list, KEY_DOWN);
	for (size_t i = 2; i < page; i++)
		bytes_for(list, KEY_DOWN);
	scroll = bytes_for(list, KEY_DOWN);
	printf("# moving one line: %ld bytes, scrolling one line: %ld bytes\n", move, scroll);
	CHECK(move > 0 && move <= 2 * COLS + 40);
	CHECK(scroll > 0 && scroll <= 3 * COLS + 40);
	ui_list_free(list);
}

/* The key map gives each key one command: a letter or a function key is
 * bound once, so the same key does the same thing on every screen. */
static void test_keymap_unique(void)
{
	for (size_t i = 0; i < ui_keymap_size; i++)
		for (size_t j = i + 1; j < ui_keymap_size; j++) {
			const struct ui_keymap_entry *a = &ui_keymap[i], *b = &ui_keymap[j];

			CHECK(a->cmd != b->cmd);
			CHECK(!a->key || a->key != b->key);
			CHECK(!a->fkey || a->fkey != b->fkey);
		}
	CHECK_INT(ui_keymap_cmd((struct ui_input){.ch = 'n'}, false), CMD_NEW);
	CHECK_INT(ui_keymap_cmd((struct ui_input){.ch = 'n'}, true), CMD_NONE); /* typed */
	CHECK_INT(ui_keymap_cmd((struct ui_input){.ch = KEY_F(7), .is_key = true}, true), CMD_NEW);
	CHECK_INT(ui_keymap_cmd((struct ui_input){.ch = 19}, true), CMD_SAVE); /* ^S */
}

int main(void)
{
	SCREEN *screen;

	setlocale(LC_ALL, "C.UTF-8");
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	wire = tmpfile();
	screen = wire ? newterm("xterm", wire, stdin) : NULL;
	if (!screen) {
		printf("# skip: no terminal description for xterm\n");
		return 77;
	}
	body = newwin(LINES - 3, COLS, 1, 0);
	RUN(test_keymap_unique);
	RUN(test_paging);
	RUN(test_window);
	RUN(test_lost_position);
	RUN(test_local_filter);
	RUN(test_server_filter);
	RUN(test_sort);
	RUN(test_incremental_draw);
	RUN(test_wire_cost);
	delwin(body);
	endwin();
	delscreen(screen);
	return CHECK_EXIT();
}
