/* Text rules: strict UTF-8, no control characters, and search keys.
 *
 * Everything here works on bytes and code points by hand, without the C
 * locale, so that validation and folding give the same answer in every
 * process whatever its locale. Only text_width asks the locale, because
 * column widths are a property of the terminal.
 *
 * Validation follows Unicode table 3-7 ("well-formed UTF-8 byte sequences"):
 * the second byte's range depends on the first, which is what excludes
 * overlong forms, the surrogates U+D800..U+DFFF and everything above
 * U+10FFFF.
 *
 * Controls are C0 (U+0000..U+001F), DEL (U+007F) and C1 (U+0080..U+009F).
 * Every terminal escape sequence starts with ESC (C0) or with a C1 control
 * (CSI is U+009B), so refusing controls refuses every escape sequence.
 * Refused with them are the characters that make text look other than it
 * is: the bidirectional controls (a name that reads backwards on screen),
 * zero-width and other invisible format characters (two names that look
 * the same and are not), and the line and paragraph separators.
 */

#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "model/text.h"

/* The longest UTF-8 sequence in bytes. */
enum { UTF8_MAX = 4 };

/* Decodes the well-formed sequence at S (at most LEN bytes) into *CP and
 * returns its length, or 0 when the bytes there are malformed. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		*cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		*cp = s[0] & 0x0F;
		if (s[0] == 0xE0)
			lo = 0xA0; /* below is overlong */
		else if (s[0] == 0xED)
			hi = 0x9F; /* above are the surrogates */
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		*cp = s[0] & 0x07;
		if (s[0] == 0xF0)
			lo = 0x90; /* below is overlong */
		else if (s[0] == 0xF4)
			hi = 0x8F; /* above is beyond U+10FFFF */
	} else {
		return 0; /* continuation byte, C0 or C1 (always overlong), F5..FF */
	}
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	*cp = (*cp << 6) | (s[1] & 0x3F);
	for (size_t i = 2; i < n; i++) {
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return n;
}

/* Invisible format characters and bidirectional controls. */
static bool is_deceptive(uint32_t cp)
{
	return cp == 0x00AD ||                     /* soft hyphen */
	       cp == 0x061C ||                     /* Arabic letter mark */
	       cp == 0x115F || cp == 0x1160 ||     /* Hangul fillers */
	       cp == 0x180E ||                     /* Mongolian vowel separator */
	       (cp >= 0x200B && cp <= 0x200F) ||   /* zero width, LRM, RLM */
	       (cp >= 0x2028 && cp <= 0x202E) ||   /* separators, embeddings, overrides */
	       (cp >= 0x2060 && cp <= 0x206F) ||   /* word joiner, invisibles, isolates */
	       cp == 0x3164 || cp == 0xFFA0 ||     /* Hangul fillers */
	       cp == 0xFEFF ||                     /* zero width no-break space */
	       (cp >= 0xFFF9 && cp <= 0xFFFB) ||   /* interlinear annotation */
	       (cp >= 0x1D173 && cp <= 0x1D17A) || /* musical format controls */
	       (cp >= 0xE0000 && cp <= 0xE007F);   /* tags */
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || is_deceptive(cp);
}

static bool is_allowed_control(uint32_t cp, bool multiline)
{
	return multiline && cp == '\n';
}

bool text_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;

	while (len > 0) {
		size_t n = utf8_decode(p, len, &cp);
		if (n == 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

enum status text_check(const char *s, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;
	uint32_t cp;

	if (!s)
		return STATUS_ERR_INVALID;
	len = strlen(s);
	while (len > 0) {
		size_t n = utf8_decode(p, len, &cp);
		if (n == 0)
			return STATUS_ERR_INVALID;
		if (is_control(cp) && !is_allowed_control(cp, multiline))
			return STATUS_ERR_INVALID;
		p += n;
		len -= n;
	}
	return STATUS_OK;
}

/* Appends the N bytes at PIECE to OUT when they fit with room for the NUL;
 * returns false (writing nothing) when they do not, so that output is cut
 * only between characters. */
static bool out_append(char *out, size_t size, size_t *used, const void *piece, size_t n)
{
	if (*used + n >= size)
		return false;
	memcpy(out + *used, piece, n);
	*used += n;
	return true;
}

size_t text_neutralise(const char *in, bool multiline, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t len = in ? strlen(in) : 0, used = 0;
	uint32_t cp;

	if (size == 0)
		return 0;
	while (len > 0) {
		size_t n = utf8_decode(p, len, &cp);
		bool replace = n == 0 || (is_control(cp) && !is_allowed_control(cp, multiline));
		bool ok;

		if (n == 0) /* each malformed byte becomes one '?' */
			n = 1;
		ok = replace ? out_append(out, size, &used, "?", 1)
		             : out_append(out, size, &used, p, n);
		if (!ok)
			break;
		p += n;
		len -= n;
	}
	out[used] = '\0';
	return used;
}

/* How each letter of Latin-1 Supplement and Latin Extended-A is written in a
 * search key: German umlauts as the German transliteration (ä→ae, so that
 * "Mueller" finds "Müller"), ligatures spelled out, all other letters
 * without their accents. NULL (× and ÷) means: copy unchanged. */
#define FOLD_FIRST 0x00C0
#define FOLD_LAST  0x017F

/* Eight letters a row, aligned to be read against the Unicode charts. */
/* clang-format off */
static const char *const fold_latin[FOLD_LAST - FOLD_FIRST + 1] = {
	/* Latin-1 Supplement, upper case */
	[0x00C0 - FOLD_FIRST] = "a", "a", "a", "a", "ae", "a", "ae", "c",  /* À..Ç */
	[0x00C8 - FOLD_FIRST] = "e", "e", "e", "e", "i", "i", "i", "i",    /* È..Ï */
	[0x00D0 - FOLD_FIRST] = "d", "n", "o", "o", "o", "o", "oe", NULL,  /* Ð..× */
	[0x00D8 - FOLD_FIRST] = "o", "u", "u", "u", "ue", "y", "th", "ss", /* Ø..ß */
	/* Latin-1 Supplement, lower case */
	[0x00E0 - FOLD_FIRST] = "a", "a", "a", "a", "ae", "a", "ae", "c",  /* à..ç */
	[0x00E8 - FOLD_FIRST] = "e", "e", "e", "e", "i", "i", "i", "i",    /* è..ï */
	[0x00F0 - FOLD_FIRST] = "d", "n", "o", "o", "o", "o", "oe", NULL,  /* ð..÷ */
	[0x00F8 - FOLD_FIRST] = "o", "u", "u", "u", "ue", "y", "th", "y",  /* ø..ÿ */
	/* Latin Extended-A: mostly pairs of upper and lower case */
	[0x0100 - FOLD_FIRST] = "a", "a", "a", "a", "a", "a",              /* Ā..ą */
	[0x0106 - FOLD_FIRST] = "c", "c", "c", "c", "c", "c", "c", "c",    /* Ć..č */
	[0x010E - FOLD_FIRST] = "d", "d", "d", "d",                        /* Ď..đ */
	[0x0112 - FOLD_FIRST] = "e", "e", "e", "e", "e", "e", "e", "e",    /* Ē..ę */
	[0x011A - FOLD_FIRST] = "e", "e",                                  /* Ě ě */
	[0x011C - FOLD_FIRST] = "g", "g", "g", "g", "g", "g", "g", "g",    /* Ĝ..ģ */
	[0x0124 - FOLD_FIRST] = "h", "h", "h", "h",                        /* Ĥ..ħ */
	[0x0128 - FOLD_FIRST] = "i", "i", "i", "i", "i", "i", "i", "i",    /* Ĩ..į */
	[0x0130 - FOLD_FIRST] = "i", "i", "ij", "ij", "j", "j",            /* İ ı Ĳ ĳ Ĵ ĵ */
	[0x0136 - FOLD_FIRST] = "k", "k", "k",                             /* Ķ ķ ĸ */
	[0x0139 - FOLD_FIRST] = "l", "l", "l", "l", "l", "l", "l", "l",    /* Ĺ..ŀ */
	[0x0141 - FOLD_FIRST] = "l", "l",                                  /* Ł ł */
	[0x0143 - FOLD_FIRST] = "n", "n", "n", "n", "n", "n", "n",         /* Ń..ŉ */
	[0x014A - FOLD_FIRST] = "ng", "ng",                                /* Ŋ ŋ */
	[0x014C - FOLD_FIRST] = "o", "o", "o", "o", "o", "o", "oe", "oe",  /* Ō..œ */
	[0x0154 - FOLD_FIRST] = "r", "r", "r", "r", "r", "r",              /* Ŕ..ř */
	[0x015A - FOLD_FIRST] = "s", "s", "s", "s", "s", "s", "s", "s",    /* Ś..š */
	[0x0162 - FOLD_FIRST] = "t", "t", "t", "t", "t", "t",              /* Ţ..ŧ */
	[0x0168 - FOLD_FIRST] = "u", "u", "u", "u", "u", "u", "u", "u",    /* Ũ..ů */
	[0x0170 - FOLD_FIRST] = "u", "u", "u", "u",                        /* Ű..ų */
	[0x0174 - FOLD_FIRST] = "w", "w", "y", "y", "y",                   /* Ŵ ŵ Ŷ ŷ Ÿ */
	[0x0179 - FOLD_FIRST] = "z", "z", "z", "z", "z", "z", "s",         /* Ź..ž ſ */
};
/* clang-format on */

/* Letters outside those two blocks that turn up in names here. */
static const struct {
	uint32_t cp;
	const char *fold;
} fold_extra[] = {
        {0x0218, "s"},  {0x0219, "s"}, /* Ș ș (Romanian comma below) */
        {0x021A, "t"},  {0x021B, "t"}, /* Ț ț */
        {0x1E9E, "ss"},                /* ẞ capital sharp s */
};

#define COMBINING_FIRST     0x0300
#define COMBINING_LAST      0x036F
#define COMBINING_DIAERESIS 0x0308

/* The fold of CP, or NULL when CP is copied unchanged. */
static const char *fold_lookup(uint32_t cp)
{
	if (cp >= FOLD_FIRST && cp <= FOLD_LAST)
		return fold_latin[cp - FOLD_FIRST];
	for (size_t i = 0; i < sizeof fold_extra / sizeof fold_extra[0]; i++)
		if (fold_extra[i].cp == cp)
			return fold_extra[i].fold;
	return NULL;
}

/* Text pasted from some systems is decomposed (NFD): "u" followed by a
 * combining diaeresis instead of "ü". After a Latin letter a combining mark
 * is an accent: the diaeresis on a, o, u folds to the German "e", every
 * other mark is dropped, so both forms give the same key. Returns the
 * piece to append ("" for none) or NULL when CP is no such mark. */
static const char *fold_combining(uint32_t cp, char prev, bool plain)
{
	bool after_letter = prev >= 'a' && prev <= 'z';

	if (cp < COMBINING_FIRST || cp > COMBINING_LAST || !after_letter)
		return NULL;
	if (!plain && cp == COMBINING_DIAERESIS && (prev == 'a' || prev == 'o' || prev == 'u'))
		return "e";
	return "";
}

/* The umlauts ä ö ü in either case: written "ae" by text_fold, "a" in the
 * plain fold of the word index. */
static bool is_umlaut(uint32_t cp)
{
	switch (cp) {
	case 0xC4:
	case 0xD6:
	case 0xDC:
	case 0xE4:
	case 0xF6:
	case 0xFC:
		return true;
	default:
		return false;
	}
}

static size_t fold(const char *in, char *out, size_t size, bool plain)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t len = in ? strlen(in) : 0, used = 0;
	uint32_t cp;

	if (size == 0)
		return 0;
	while (len > 0) {
		size_t n = utf8_decode(p, len, &cp);
		const char *piece;
		char lower;
		bool ok;

		if (n == 0) { /* malformed bytes are no part of a name */
			p++;
			len--;
			continue;
		}
		if (cp >= 'A' && cp <= 'Z') {
			lower = (char)(cp - 'A' + 'a');
			ok = out_append(out, size, &used, &lower, 1);
		} else if ((piece = fold_lookup(cp)) ||
		           (piece = fold_combining(cp, used ? out[used - 1] : '\0', plain))) {
			ok = out_append(out, size, &used, piece,
			                plain && is_umlaut(cp) ? 1 : strlen(piece));
		} else {
			ok = out_append(out, size, &used, p, n);
		}
		if (!ok)
			break;
		p += n;
		len -= n;
	}
	out[used] = '\0';
	return used;
}

size_t text_fold(const char *in, char *out, size_t size)
{
	return fold(in, out, size, false);
}

static bool is_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Calls FN for each word of FOLDED not yet in SEEN (NSEEN of at most
 * TEXT_WORDS_MAX); false when FN said stop. */
static bool each_word(char *folded, char seen[][TEXT_WORD_SIZE], size_t *nseen,
                      bool (*fn)(void *ctx, const char *word), void *ctx)
{
	char *p = folded;

	while (*p) {
		char *start;
		size_t i;

		while (*p && !is_word_byte(*p))
			p++;
		for (start = p; is_word_byte(*p); p++)
			;
		if (p == start)
			break;
		if (*p)
			*p++ = '\0';
		if (strlen(start) >= TEXT_WORD_SIZE)
			start[TEXT_WORD_SIZE - 1] = '\0';
		for (i = 0; i < *nseen && strcmp(seen[i], start) != 0; i++)
			;
		if (i < *nseen || *nseen == TEXT_WORDS_MAX)
			continue;
		strcpy(seen[(*nseen)++], start);
		if (!fn(ctx, start))
			return false;
	}
	return true;
}

void text_words(const char *text, bool (*fn)(void *ctx, const char *word), void *ctx)
{
	char folded[1024], seen[TEXT_WORDS_MAX][TEXT_WORD_SIZE];
	size_t nseen = 0;

	fold(text, folded, sizeof(folded), false);
	if (!each_word(folded, seen, &nseen, fn, ctx))
		return;
	fold(text, folded, sizeof(folded), true);
	each_word(folded, seen, &nseen, fn, ctx);
}

struct longest {
	char *out;
	size_t size, len;
};

static bool keep_longest(void *ctx, const char *word)
{
	struct longest *l = ctx;
	size_t len = strlen(word);

	if (len > l->len && len < l->size) {
		memcpy(l->out, word, len + 1);
		l->len = len;
	}
	return true;
}

size_t text_longest_word(const char *query, char *out, size_t size)
{
	char folded[1024], seen[TEXT_WORDS_MAX][TEXT_WORD_SIZE];
	struct longest l = {out, size, 0};
	size_t nseen = 0;

	if (size)
		out[0] = '\0';
	fold(query, folded, sizeof(folded), false);
	each_word(folded, seen, &nseen, keep_longest, &l);
	return l.len;
}

struct match {
	const char *word;
	bool found;
};

static bool starts_word(void *ctx, const char *key)
{
	struct match *m = ctx;

	m->found = strncmp(key, m->word, strlen(m->word)) == 0;
	return !m->found;
}

struct query_match {
	const char *text;
	bool all;
};

static bool query_word(void *ctx, const char *word)
{
	struct query_match *q = ctx;
	struct match m = {word, false};

	text_words(q->text, starts_word, &m);
	q->all = m.found;
	return q->all;
}

bool text_match(const char *text, const char *query)
{
	char folded[1024], seen[TEXT_WORDS_MAX][TEXT_WORD_SIZE];
	struct query_match q = {text, true};
	size_t nseen = 0;

	fold(query, folded, sizeof(folded), false);
	each_word(folded, seen, &nseen, query_word, &q);
	return q.all;
}

int text_width(const char *s)
{
	mbstate_t state;
	size_t len = strlen(s);
	int width = 0;

	memset(&state, 0, sizeof state);
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &state);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2) { /* malformed: one byte, one column */
			memset(&state, 0, sizeof state);
			n = 1;
			w = 1;
		} else {
			w = wcwidth(wc);
			if (w < 0)
				w = 1;
		}
		width += w;
		s += n;
		len -= n;
	}
	return width;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

char *text_trim(char *s)
{
	size_t start = 0, end = strlen(s);

	while (start < end && is_blank(s[start]))
		start++;
	while (end > start && is_blank(s[end - 1]))
		end--;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

static bool is_continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

bool text_copy(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src), cut;

	if (size == 0)
		return len == 0;
	if (len < size) {
		memcpy(dst, src, len + 1);
		return true;
	}
	/* Step back over continuation bytes, at most those of one character,
	 * so that the copy ends before the character that did not fit. */
	cut = size - 1;
	for (int i = 0; i < UTF8_MAX - 1 && cut > 0 && is_continuation(src[cut]); i++)
		cut--;
	memcpy(dst, src, cut);
	dst[cut] = '\0';
	return false;
}
