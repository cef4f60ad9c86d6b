/* Unit tests of the text rules: UTF-8 validation, control characters,
 * neutralising for display, search keys, widths, trimming and copying. */
#include <locale.h>
#include <stdbool.h>
#include <string.h>

#include "check.h"
#include "model/text.h"

static bool valid(const char *s)
{
	return text_valid_utf8(s, strlen(s));
}

static void test_utf8_valid(void)
{
	CHECK(valid(""));
	CHECK(valid("abc"));
	CHECK(valid("Müller"));            /* 2 bytes */
	CHECK(valid("\xe2\x82\xac"));      /* € U+20AC, 3 bytes */
	CHECK(valid("\xf0\x9f\x98\x80"));  /* U+1F600, 4 bytes */
	CHECK(valid("\xc2\x80"));          /* U+0080 smallest 2-byte */
	CHECK(valid("\xdf\xbf"));          /* U+07FF */
	CHECK(valid("\xe0\xa0\x80"));      /* U+0800 smallest 3-byte */
	CHECK(valid("\xed\x9f\xbf"));      /* U+D7FF below the surrogates */
	CHECK(valid("\xee\x80\x80"));      /* U+E000 above the surrogates */
	CHECK(valid("\xef\xbf\xbf"));      /* U+FFFF */
	CHECK(valid("\xf0\x90\x80\x80"));  /* U+10000 smallest 4-byte */
	CHECK(valid("\xf4\x8f\xbf\xbf"));  /* U+10FFFF largest */
	CHECK(valid("\x7f"));              /* DEL is valid UTF-8 (refused elsewhere) */
	CHECK(text_valid_utf8("a\0b", 3)); /* NUL inside a length is well-formed */
}

static void test_utf8_invalid(void)
{
	CHECK(!valid("\xc0\x80"));         /* overlong NUL */
	CHECK(!valid("\xc1\xbf"));         /* overlong */
	CHECK(!valid("\xe0\x80\x80"));     /* overlong 3-byte */
	CHECK(!valid("\xe0\x9f\xbf"));     /* overlong U+07FF */
	CHECK(!valid("\xf0\x80\x80\x80")); /* overlong 4-byte */
	CHECK(!valid("\xf0\x8f\xbf\xbf")); /* overlong U+FFFF */
	CHECK(!valid("\xed\xa0\x80"));     /* U+D800 surrogate */
	CHECK(!valid("\xed\xbf\xbf"));     /* U+DFFF surrogate */
	CHECK(!valid("\xf4\x90\x80\x80")); /* U+110000 */
	CHECK(!valid("\xf5\x80\x80\x80")); /* lead byte beyond */
	CHECK(!valid("\xff"));
	CHECK(!valid("\xfe"));
	CHECK(!valid("\x80")); /* lone continuation */
	CHECK(!valid("a\xbf"));
	CHECK(!valid("\xc3"));         /* truncated 2-byte */
	CHECK(!valid("\xe2\x82"));     /* truncated 3-byte */
	CHECK(!valid("\xf0\x9f\x98")); /* truncated 4-byte */
	CHECK(!valid("\xc3"
	             "a")); /* lead byte without continuation */
	CHECK(!valid("\xe2\x82"
	             "a"));
	CHECK(!valid("M\xfcller"));             /* Latin-1, not UTF-8 */
	CHECK(!text_valid_utf8("\xc3\xbc", 1)); /* the length cuts the character */
	CHECK(text_valid_utf8("\xc3\xbc", 2));
}

static void test_check_plain(void)
{
	CHECK_INT(text_check("", false), STATUS_OK);
	CHECK_INT(text_check("Müller-Lüdenscheidt", false), STATUS_OK);
	CHECK_INT(text_check("Ayşe Yılmaz", false), STATUS_OK);
	CHECK_INT(text_check("日本語 Ελληνικά Русский", false), STATUS_OK);
	CHECK_INT(text_check("=SUM(A1)", false), STATUS_OK); /* quoting is the CSV writer's job */
	CHECK_INT(text_check("\xc2\xa0", false), STATUS_OK); /* NBSP is no control */
	CHECK_INT(text_check("M\xfcller", false), STATUS_ERR_INVALID);
	CHECK_INT(text_check("\xc0\x80", false), STATUS_ERR_INVALID);
	CHECK_INT(text_check(NULL, false), STATUS_ERR_INVALID);
}

static void test_check_controls(void)
{
	CHECK_INT(text_check("\x1b[31mrot", false), STATUS_ERR_INVALID);
	CHECK_INT(text_check("\x1b[31mrot", true), STATUS_ERR_INVALID);
	CHECK_INT(text_check("\x1b]0;title\x07", false), STATUS_ERR_INVALID);
	CHECK_INT(text_check("\x1b]0;title\x07", true), STATUS_ERR_INVALID);
	CHECK_INT(text_check("a\xc2\x9b"
	                     "31m",
	                     false),
	          STATUS_ERR_INVALID); /* C1 CSI */
	CHECK_INT(text_check("a\xc2\x9b"
	                     "31m",
	                     true),
	          STATUS_ERR_INVALID);
	CHECK_INT(text_check("\xc2\x80", false), STATUS_ERR_INVALID); /* U+0080 */
	CHECK_INT(text_check("\xc2\x9f", false), STATUS_ERR_INVALID); /* U+009F */
	CHECK_INT(text_check("a\tb", false), STATUS_ERR_INVALID);
	CHECK_INT(text_check("a\tb", true), STATUS_ERR_INVALID);
	CHECK_INT(text_check("a\x7f", false), STATUS_ERR_INVALID);
	CHECK_INT(text_check("a\x7f", true), STATUS_ERR_INVALID);
	CHECK_INT(text_check("a\rb", true), STATUS_ERR_INVALID);
	CHECK_INT(text_check("\x01", true), STATUS_ERR_INVALID);
	CHECK_INT(text_check("\x1f", true), STATUS_ERR_INVALID);
	CHECK_INT(text_check("Zeile 1\nZeile 2", false), STATUS_ERR_INVALID);
	CHECK_INT(text_check("Zeile 1\nZeile 2\n", true), STATUS_OK);
	CHECK_INT(text_check("\n\n", true), STATUS_OK);
}

static void check_neutralise(const char *in, bool multiline, const char *want)
{
	char out[64];
	size_t n = text_neutralise(in, multiline, out, sizeof out);

	CHECK_STR(out, want);
	CHECK_INT(n, strlen(want));
	CHECK_INT(text_check(out, multiline), STATUS_OK);
}

/* What makes text look other than it is: refused like controls, and
 * shown as '?' when stored before. */
static void test_check_deceptive(void)
{
	static const char *const bad[] = {
	        "Anna\xe2\x80\xaeredleM", /* U+202E right-to-left override */
	        "Anna\xe2\x81\xa6x",      /* U+2066 left-to-right isolate */
	        "Mu\xe2\x80\x8bller",     /* U+200B zero width space */
	        "M\xe2\x80\x8dller",      /* U+200D zero width joiner */
	        "\xef\xbb\xbfName",       /* U+FEFF */
	        "Zeile\xe2\x80\xa8zwei",  /* U+2028 line separator */
	        "Absatz\xe2\x80\xa9zwei", /* U+2029 paragraph separator */
	        "Wei\xc2\xadter",         /* U+00AD soft hyphen */
	        "x\xe2\x81\xa0y",         /* U+2060 word joiner */
	        "tag\xf3\xa0\x80\x81",    /* U+E0001 language tag */
	};
	char out[64];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(text_check(bad[i], true), STATUS_ERR_INVALID);
		text_neutralise(bad[i], true, out, sizeof(out));
		CHECK(strchr(out, '?') != NULL);
		CHECK_INT(text_check(out, true), STATUS_OK);
	}
	text_neutralise("Anna\xe2\x80\xaeredleM", false, out, sizeof(out));
	CHECK_STR(out, "Anna?redleM");
	/* visible neighbours stay allowed */
	CHECK_INT(text_check("Stra\xc3\x9f"
	                     "e \xe2\x80\x93 Nr. 5 \xe2\x82\xac",
	                     false),
	          STATUS_OK);
	CHECK_INT(text_check("\xc2\xa0gesch\xc3\xbctzt", false), STATUS_OK); /* no-break space */
}

static void test_neutralise(void)
{
	check_neutralise("Müller", false, "Müller");
	check_neutralise("", false, "");
	check_neutralise("\x1b[31mrot", false, "?[31mrot");
	check_neutralise("\x1b]0;title\x07", false, "?]0;title?");
	check_neutralise("a\xc2\x9b"
	                 "31m",
	                 false, "a?31m");
	check_neutralise("a\tb\x7f", false, "a?b?");
	check_neutralise("a\nb", false, "a?b");
	check_neutralise("a\nb", true, "a\nb");
	check_neutralise("a\r\nb", true, "a?\nb");
	check_neutralise("M\xfcller", false, "M?ller");
	check_neutralise("\xc0\x80", false, "??");
	check_neutralise("\xed\xa0\x80", false, "???");
	check_neutralise("\xe2\x82", false, "??");
	check_neutralise("x\xf0\x9f\x98", false, "x???");
	check_neutralise("日本", false, "日本");
}

static void test_neutralise_truncates(void)
{
	char out[8];

	CHECK_INT(text_neutralise("abcdefghij", false, out, sizeof out), 7);
	CHECK_STR(out, "abcdefg");
	/* "ü" would need bytes 7 and 8; only 7 fit before the NUL */
	CHECK_INT(text_neutralise("abcdefü", false, out, sizeof out), 6);
	CHECK_STR(out, "abcdef");
	CHECK_INT(text_neutralise("€€€", false, out, sizeof out), 6);
	CHECK_STR(out, "€€");
	CHECK_INT(text_neutralise("abc", false, out, 1), 0);
	CHECK_STR(out, "");
	out[0] = 'x';
	CHECK_INT(text_neutralise("abc", false, out, 0), 0);
	CHECK(out[0] == 'x');
}

static void check_fold(const char *in, const char *want)
{
	char out[128];
	size_t n = text_fold(in, out, sizeof out);

	CHECK_STR(out, want);
	CHECK_INT(n, strlen(want));
}

static void test_fold_german(void)
{
	check_fold("Müller", "mueller");
	check_fold("MÜLLER", "mueller");
	check_fold("Mueller", "mueller");
	check_fold("Straße", "strasse");
	check_fold("STRAẞE", "strasse");
	check_fold("Groß", "gross");
	check_fold("Äpfel Öfen Übel", "aepfel oefen uebel");
	check_fold("äöü ÄÖÜ ß ẞ", "aeoeue aeoeue ss ss");
	check_fold("Müller-Lüdenscheidt", "mueller-luedenscheidt");
	check_fold("a  -  b", "a  -  b"); /* blanks and '-' stay as they are */
	check_fold("", "");
	check_fold("ABC xyz 123", "abc xyz 123");
}

static void test_fold_prefix(void)
{
	char name[64], key1[64], key2[64], key3[64];

	text_fold("Müller", name, sizeof name);
	text_fold("muell", key1, sizeof key1);
	text_fold("müll", key2, sizeof key2);
	text_fold("MÜLL", key3, sizeof key3);
	CHECK(strncmp(name, key1, strlen(key1)) == 0);
	CHECK(strncmp(name, key2, strlen(key2)) == 0);
	CHECK(strncmp(name, key3, strlen(key3)) == 0);
}

static void test_fold_accents(void)
{
	check_fold("Ayşe Yılmaz", "ayse yilmaz");
	check_fold("İSTANBUL", "istanbul");
	check_fold("Øystein", "oystein");
	check_fold("Ærø", "aero");
	check_fold("Œuvre", "oeuvre");
	check_fold("Ångström", "angstroem");
	check_fold("François Désirée", "francois desiree");
	check_fold("àáâãå èéêë ìíîï òóôõ ùúû ýÿ ñ ç", "aaaaa eeee iiii oooo uuu yy n c");
	check_fold("ÀÁÂÃÅ ÈÉÊË ÌÍÎÏ ÒÓÔÕ ÙÚÛ Ý Ñ Ç", "aaaaa eeee iiii oooo uuu y n c");
	check_fold("Łukasz Żółć", "lukasz zolc");
	check_fold("Čapek Đorđević Šimić Žižek", "capek dordevic simic zizek");
	check_fold("Ğüneş", "guenes");
	check_fold("Dvořák", "dvorak");
	check_fold("Þór Ðan", "thor dan");
	check_fold("Ĳssel", "ijssel");
	check_fold("Ştefan Ștefan Țară", "stefan stefan tara");
	check_fold("Dƒ", "dƒ"); /* Latin Extended-B outside the table: unchanged */
}

static void test_fold_other(void)
{
	check_fold("Иванов", "Иванов"); /* other scripts unchanged, even upper case */
	check_fold("Παπαδόπουλος", "Παπαδόπουλος");
	check_fold("日本", "日本");
	check_fold("5 × 3 ÷ 1", "5 × 3 ÷ 1");
	check_fold("a\xff"
	           "b\xc0\x80"
	           "c",
	           "abc"); /* malformed bytes dropped */
	check_fold("M\xfcller", "mller");
}

static void test_fold_decomposed(void)
{
	check_fold("Mu\xcc\x88ller", "mueller"); /* u + U+0308 */
	check_fold("MU\xcc\x88LLER", "mueller");
	check_fold("Jose\xcc\x81", "jose"); /* e + U+0301 */
	check_fold("\xcc\x88"
	           "a",
	           "\xcc\x88"
	           "a"); /* a mark after nothing stays */
	check_fold("1\xcc\x88", "1\xcc\x88");
}

static void test_fold_truncates(void)
{
	char out[6];

	/* "strasse" cut at a folded character: "ss" is written whole or not */
	CHECK_INT(text_fold("Straße", out, sizeof out), 4);
	CHECK_STR(out, "stra");
	CHECK_INT(text_fold("Müller", out, sizeof out), 5);
	CHECK_STR(out, "muell");
	CHECK_INT(text_fold("日本", out, sizeof out), 3);
	CHECK_STR(out, "日");
	CHECK_INT(text_fold("abc", out, 1), 0);
	CHECK_STR(out, "");
}

static void test_width(void)
{
	CHECK_INT(text_width(""), 0);
	CHECK_INT(text_width("abc"), 3);
	CHECK_INT(text_width("aé"), 2);
	CHECK_INT(text_width("Müller"), 6);
	CHECK_INT(text_width("日本"), 4);
	CHECK_INT(text_width("e\xcc\x81"), 1); /* combining accent takes no column */
	CHECK_INT(text_width("a\x01"
	                     "b"),
	          3); /* non-printable counts 1 */
	CHECK_INT(text_width("a\xff"
	                     "b"),
	          3); /* malformed byte counts 1 */
	CHECK_INT(text_width("\xe2\x82"), 2);
}

static void test_trim(void)
{
	char s1[] = "  Müller \t ", s2[] = "", s3[] = " \t ", s4[] = "a b", s5[] = "\ta\n";

	CHECK_STR(text_trim(s1), "Müller");
	CHECK_STR(text_trim(s2), "");
	CHECK_STR(text_trim(s3), "");
	CHECK_STR(text_trim(s4), "a b");
	CHECK_STR(text_trim(s5), "a\n"); /* only blanks, not newlines */
}

static void test_copy(void)
{
	char buf[6];

	CHECK(text_copy(buf, sizeof buf, "abcde"));
	CHECK_STR(buf, "abcde");
	CHECK(!text_copy(buf, sizeof buf, "abcdef"));
	CHECK_STR(buf, "abcde");
	CHECK(!text_copy(buf, sizeof buf, "abcdü")); /* ü needs bytes 5 and 6 */
	CHECK_STR(buf, "abcd");
	CHECK(text_copy(buf, sizeof buf, "abü"));
	CHECK_STR(buf, "abü");
	CHECK(!text_copy(buf, sizeof buf, "ab€x")); /* € fits exactly, x not */
	CHECK_STR(buf, "ab€");
	CHECK(!text_copy(buf, sizeof buf, "abc€")); /* € would need 4..6 */
	CHECK_STR(buf, "abc");
	CHECK(!text_copy(buf, sizeof buf, "a\xf0\x9f\x98\x80z"));
	CHECK_STR(buf, "a\xf0\x9f\x98\x80");
	CHECK(!text_copy(buf, sizeof buf, "ab\xf0\x9f\x98\x80"));
	CHECK_STR(buf, "ab");
	CHECK(!text_copy(buf, 1, "a"));
	CHECK_STR(buf, "");
	CHECK(text_copy(buf, 1, ""));
	CHECK(!text_copy(buf, 0, "a"));
	CHECK(text_copy(buf, 0, ""));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_utf8_valid);
	RUN(test_utf8_invalid);
	RUN(test_check_plain);
	RUN(test_check_controls);
	RUN(test_check_deceptive);
	RUN(test_neutralise);
	RUN(test_neutralise_truncates);
	RUN(test_fold_german);
	RUN(test_fold_prefix);
	RUN(test_fold_accents);
	RUN(test_fold_other);
	RUN(test_fold_decomposed);
	RUN(test_fold_truncates);
	RUN(test_width);
	RUN(test_trim);
	RUN(test_copy);
	return CHECK_EXIT();
}
