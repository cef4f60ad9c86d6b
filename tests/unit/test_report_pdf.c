/* Unit tests of the committee report's PDF: a synthetic report rendered to
 * a file, read back with poppler's pdftotext (the title, German numbers,
 * "€", umlauts, the page footers) and rendered with pdftoppm; a report
 * without the charts' rows; and a path that cannot be written. Skips (77)
 * without poppler-utils. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "admin/report.h"

#define MAX_ROWS 512

static char dir[64];
static struct report_row rows[MAX_ROWS];

static void add_row(struct report *r, const char *area, const char *section, const char *figure,
                    const char *unit, int64_t value, int64_t previous, bool hundredths)
{
	struct report_row *row = &rows[r->n++];

	snprintf(row->area, sizeof row->area, "%s", area);
	snprintf(row->section, sizeof row->section, "%s", section);
	snprintf(row->figure, sizeof row->figure, "%s", figure);
	snprintf(row->unit, sizeof row->unit, "%s", unit);
	row->value = value;
	row->previous = previous;
	row->hundredths = hundredths;
}

/* An area's rows in every section; K makes the districts differ. */
static void add_area(struct report *r, const char *area, int64_t k, int64_t eckwert)
{
	static const char *const lines[] = {"fallspezifisch", "falluebergreifend",
	                                    "fallunspezifisch"};
	static const int64_t planned[] = {385000000, 25000000, 18000000};
	char figure[128];

	add_row(r, area, "Fälle", "Hilfen am 31.12.", "Anzahl", 1234 * k, 1180 * k, false);
	add_row(r, area, "Fälle", "Neue Fälle", "Anzahl", 310 * k, 295 * k, false);
	add_row(r, area, "Fälle", "Beendete Fälle", "Anzahl", 280 * k, 301 * k, false);
	add_row(r, area, "Fälle", "Dauer beendeter Hilfen", "Monate", 1450 + k, 1510, true);
	add_row(r, area, "Fälle", "Anteil planmäßig beendet", "%", 6120 + k, 5980, true);
	add_row(r, area, "Hilfen", "Eckwert", "je 10.000", eckwert, 11800, true);
	add_row(r, area, "Hilfen", "Ambulantisierungsquote", "%", 7210, 7005, true);
	add_row(r, area, "Hilfen", "Vollzeitpflegequote", "%", 4410, 4520, true);
	for (size_t i = 0; i < 3; i++) {
		snprintf(figure, sizeof figure, "Plan: %s", lines[i]);
		add_row(r, area, "Geld", figure, "€", planned[i] * k, planned[i] * k - 900000,
		        true);
		snprintf(figure, sizeof figure, "Ausgegeben: %s", lines[i]);
		add_row(r, area, "Geld", figure, "€", planned[i] * k * (9 + k) / 12,
		        planned[i] * k * 8 / 10, true);
	}
	add_row(r, area, "Geld", "Ausgaben je Einwohner unter 21", "€", 123456 * k, 118000 * k,
	        true);
	add_row(r, area, "Geld", "Kosten je Tag stationär", "€ je Tag", 21450, 20990, true);
	add_row(r, area, "§ 8a", "Verfahren abgeschlossen", "Anzahl", 140 * k, 151 * k, false);
	add_row(r, area, "§ 8a", "Akute Kindeswohlgefährdung", "Anzahl", 12, 9, false);
	add_row(r, area, "§ 8a", "Keine Gefährdung, kein Hilfebedarf", "Anzahl", 61, 70, false);
	add_row(r, area, "Angebote", "Angebote", "Anzahl", 14, 14, false);
	add_row(r, area, "Angebote", "Erreichte Personen (anonym gezählt)", "Anzahl", 4321, 3999,
	        false);
}

/* Three districts and the city; one district with a table long enough to
 * run over a page. */
static void make_report(struct report *r)
{
	static const char *const districts[] = {"FG", "HM", "GA"};
	char figure[128];

	memset(r, 0, sizeof *r);
	r->rows = rows;
	r->year = 2026;
	snprintf(r->city, sizeof r->city, "Norderstedt");
	snprintf(r->note, sizeof r->note,
	         "Der Eckwert zählt Hilfen nach §§ 27–35 und § 41 SGB VIII, ohne § 28 und § 35a.");
	for (size_t i = 0; i < 3; i++) {
		snprintf(r->areas[r->nareas++], sizeof r->areas[0], "%s", districts[i]);
		add_area(r, districts[i], (int64_t)i + 1, 12345 - 1500 * (int64_t)i);
	}
	for (int i = 0; i < 40; i++) {
		snprintf(figure, sizeof figure, "Hilfeart %d (Fälle nach Art der Hilfe)", i + 1);
		add_row(r, "GA", "Hilfen", figure, "Anzahl", 10 + i, 12 + i, false);
	}
	snprintf(r->areas[r->nareas++], sizeof r->areas[0], "Stadt");
	add_area(r, "Stadt", 6, 11020);
}

/* The output of COMMAND, at most SIZE - 1 bytes; false when it failed. */
static bool run(const char *command, char *out, size_t size)
{
	FILE *p = popen(command, "r");
	size_t n;

	if (!p)
		return false;
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	return pclose(p) == 0;
}

static size_t count(const char *text, const char *needle)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static bool starts_with_pdf(const char *path)
{
	char head[5] = "";
	FILE *f = fopen(path, "rb");

	if (!f)
		return false;
	if (fread(head, 1, 4, f) != 4)
		head[0] = '\0';
	fclose(f);
	return memcmp(head, "%PDF", 4) == 0;
}

static void test_render(void)
{
	static struct report r;
	static char text[256 * 1024];
	char path[128], command[320], want[64];
	char msg[256] = "";
	size_t pages;

	make_report(&r);
	snprintf(path, sizeof path, "%s/bericht.pdf", dir);
	CHECK_INT(report_pdf(&r, path, msg, sizeof msg), 0);
	CHECK_STR(msg, "");
	CHECK(starts_with_pdf(path));
	snprintf(command, sizeof command, "pdftotext -layout %s -", path);
	CHECK(run(command, text, sizeof text));
	if (getenv("TEST_REPORT_PDF_SHOW"))
		fputs(text, stdout);
	pages = count(text, "\f"); /* pdftotext ends every page with one */
	CHECK(pages >= 6);
	CHECK(strncmp(text, "Bericht an den Jugendhilfeausschuss", 35) == 0); /* the title */
	CHECK(strstr(text, "Norderstedt 2026") != NULL);
	CHECK(strstr(text, "Bericht an den Jugendhilfeausschuss Norderstedt 2026") != NULL);
	CHECK(strstr(text, "123,45") != NULL);         /* FG's Eckwert */
	CHECK(strstr(text, "3.850.000,00 €") != NULL); /* FG's plan, fallspezifisch */
	CHECK(strstr(text, "+9.000,00 €") != NULL);    /* the plan's change */
	CHECK(strstr(text, "1.234") != NULL);
	CHECK(strstr(text, "Fälle") != NULL);
	CHECK(strstr(text, "§ 8a") != NULL);
	CHECK(strstr(text, "Veränderung") != NULL);
	CHECK(strstr(text, "Sozialraum GA (Fortsetzung)") != NULL);
	CHECK(strstr(text, "Grafiken") != NULL);
	snprintf(want, sizeof want, "Seite %zu von %zu", pages, pages);
	CHECK(strstr(text, want) != NULL);
	CHECK(strstr(text, "Seite 1 von ") != NULL);
	snprintf(command, sizeof command, "pdftoppm -r 40 -png %s %s/seite 2>&1", path, dir);
	CHECK(run(command, text, sizeof text));
	CHECK_STR(text, "");
	snprintf(command, sizeof command, "ls %s/seite-*.png | wc -l", dir);
	CHECK(run(command, text, sizeof text));
	CHECK_INT(atoi(text), pages);
}

/* Without the rows the charts need, the tables alone, on one page. */
static void test_without_charts(void)
{
	static struct report r;
	char path[128], command[320], text[8192], msg[256] = "";

	memset(&r, 0, sizeof r);
	r.rows = rows;
	r.year = 2026;
	snprintf(r.city, sizeof r.city, "Kleinstadt");
	snprintf(r.areas[r.nareas++], sizeof r.areas[0], "Stadt");
	add_row(&r, "Stadt", "Fälle", "Neue Fälle", "Anzahl", 5, 0, false);
	snprintf(path, sizeof path, "%s/klein.pdf", dir);
	CHECK_INT(report_pdf(&r, path, msg, sizeof msg), 0);
	snprintf(command, sizeof command, "pdftotext -layout %s -", path);
	CHECK(run(command, text, sizeof text));
	CHECK_INT(count(text, "\f"), 1);
	CHECK(strstr(text, "Gesamtstadt Kleinstadt") != NULL);
	CHECK(strstr(text, "+5") != NULL);
	CHECK(strstr(text, "Seite 1 von 1") != NULL);
	CHECK(strstr(text, "Grafiken") == NULL);
}

/* Twelve districts: the budget chart goes on over a page, on one scale. */
static void test_many_districts(void)
{
	static struct report r;
	static char text[256 * 1024];
	char path[128], command[320], msg[256] = "";

	memset(&r, 0, sizeof r);
	r.rows = rows;
	r.year = 2026;
	snprintf(r.city, sizeof r.city, "Großstadt");
	for (int i = 0; i < 12; i++) {
		snprintf(r.areas[r.nareas], sizeof r.areas[0], "SR%02d", i + 1);
		add_area(&r, r.areas[r.nareas++], i % 4 + 1, 9000 + 350 * i);
	}
	snprintf(r.areas[r.nareas++], sizeof r.areas[0], "Stadt");
	add_area(&r, "Stadt", 30, 10500);
	snprintf(path, sizeof path, "%s/gross.pdf", dir);
	CHECK_INT(report_pdf(&r, path, msg, sizeof msg), 0);
	snprintf(command, sizeof command, "pdftotext -layout %s -", path);
	CHECK(run(command, text, sizeof text));
	CHECK(strstr(text, "Plan und Ausgaben (Fortsetzung)") != NULL);
	CHECK(strstr(text, "SR12") != NULL);
	CHECK(strstr(text, "Großstadt") != NULL);
}

static void test_unwritable(void)
{
	static struct report r;
	char msg[256] = "";

	make_report(&r);
	CHECK_INT(report_pdf(&r, "/nonexistent/dir/x.pdf", msg, sizeof msg), -1);
	CHECK(strstr(msg, "/nonexistent/dir/x.pdf") != NULL);
	CHECK(strstr(msg, "No such file or directory") != NULL);
	CHECK(access("/nonexistent/dir/x.pdf", F_OK) != 0);

	/* opened, but the writes fail; the device stays */
	if (access("/dev/full", W_OK) != 0)
		return;
	msg[0] = '\0';
	CHECK_INT(report_pdf(&r, "/dev/full", msg, sizeof msg), -1);
	CHECK_STR(msg, "cannot write /dev/full: No space left on device");
	CHECK(access("/dev/full", F_OK) == 0);
}

int main(void)
{
	char command[128];
	int failed;

	if (system("command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null") != 0) {
		printf("# skip: pdftotext or pdftoppm missing (apt-get install poppler-utils)\n");
		return 77;
	}
	snprintf(dir, sizeof dir, "%s/report_pdf.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	RUN(test_render);
	RUN(test_without_charts);
	RUN(test_many_districts);
	RUN(test_unwritable);
	failed = CHECK_EXIT();
	if (!getenv("TEST_REPORT_PDF_KEEP")) {
		snprintf(command, sizeof command, "rm -rf '%s'", dir);
		if (system(command) != 0)
			failed = 1;
	} else {
		printf("# kept %s\n", dir);
	}
	return failed;
}
